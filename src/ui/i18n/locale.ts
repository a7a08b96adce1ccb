import { createRoot, createSignal } from 'solid-js';
import { browserLanguage } from '../../app/interface-language';

/** The interface languages. The seed is bilingual: English and Chinese. */
export type Locale = 'en' | 'zh';

export const LOCALES: readonly { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh', label: '中文' },
];

/** The browser's preferred language mapped onto ours: any Chinese variant is zh, everything else en (the app's rule, so the UI and the built-in agents agree). */
export function browserLocale(languages?: readonly string[]): Locale {
  return browserLanguage(languages);
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
