/**
 * The interface language as the app knows it: the one chosen in settings, else the browser's.
 * Built-in agents (their instructions, descriptions, starter prompts) follow it, so a person who
 * reads the interface in Chinese gets an agent that is told what to do in Chinese too.
 */
import type { Settings } from '../store';
import type { InterfaceLanguage } from '../store/settings';

export type { InterfaceLanguage };

/** The browser's preferred language mapped onto ours: any Chinese variant is zh, everything else en. */
export function browserLanguage(languages: readonly string[] = globalThis.navigator?.languages ?? []): InterfaceLanguage {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The language the interface is shown in under `settings` (absent `language`: the browser's). */
export function interfaceLanguageOf(settings: Pick<Settings, 'language'>, languages?: readonly string[]): InterfaceLanguage {
  return settings.language ?? browserLanguage(languages);
}
