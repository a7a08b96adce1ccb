import { createRoot, createSignal } from 'solid-js';

/** The interface languages. The seed is bilingual: English and Chinese. */
export type Locale = 'en' | 'zh';

export const LOCALES: readonly { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh', label: '中文' },
];

/** The browser's preferred language mapped onto ours: any Chinese variant is zh, everything else en. */
export function browserLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

// One app-wide signal, owned by its own root so it outlives any component.
const [current, setCurrent] = createRoot(() => createSignal<Locale>(browserLocale()));

/** The language the interface is shown in (reactive). */
export const locale = current;

/** Switches the interface language (from settings, or `null` to follow the browser again). */
export function setLocale(next: Locale | null): void {
  const value = next ?? browserLocale();
  setCurrent(value);
  if (typeof document !== 'undefined') document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
}
