import { locale, type Locale } from './locale';

/** A message: fixed text, or a function of its parameters. */
export type Message = string | ((params: Record<string, string | number>) => string);

/** One feature's messages: English is the source; Chinese must have exactly the same keys. */
export interface MessageTable<K extends string> {
  en: Record<K, Message>;
  zh: Record<K, Message>;
}

/** Looks up a key in the current language (reactive: call it inside JSX or an effect). */
export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * Declares one feature's messages and returns its `t`. Each feature keeps its own table beside
 * its components, so features never edit a shared file; the type forces both languages to list
 * the same keys.
 */
export function defineMessages<K extends string>(table: MessageTable<K>): Translate<K> & { table: MessageTable<K> } {
  const translate = (key: K, params: Record<string, string | number> = {}): string => {
    const message = pick(table, locale(), key);
    return typeof message === 'function' ? message(params) : message;
  };
  return Object.assign(translate, { table });
}

function pick<K extends string>(table: MessageTable<K>, language: Locale, key: K): Message {
  return table[language][key] ?? table.en[key];
}
