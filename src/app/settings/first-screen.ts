/**
 * What the first screen needs from the saved settings, kept where it can be read at once.
 * Opening the app's IndexedDB and reading the settings takes 100–300 ms after the page starts in
 * Chromium; the message box should take input before that, in the person's language. So each
 * read or save of the settings leaves a copy of these two facts in localStorage, and the next
 * start shows them until the saved settings are read. The database stays the source: the copy
 * is replaced by what is read, and holds nothing but a language code and a yes/no.
 */
import type { Settings } from '../../store';
import { TABAGENT_DB_NAME } from '../../store/schema';
import { interfaceLanguages, isEngineConfigured, type InterfaceLanguage } from '../../store/settings';

/** The settings the first screen shows before the saved ones are read. */
export interface FirstScreen {
  /** The pinned interface language; null: the browser's. */
  language: InterfaceLanguage | null;
  /** Whether a model is set up (when not, the message box says so). */
  configured: boolean;
}

/** Where the copy is kept: localStorage in the app, a map in tests. */
export interface FirstScreenStore {
  /** The copy the last read or save left; undefined when none (a first visit) or unreadable. */
  read(): FirstScreen | undefined;
  /** Leaves the copy for the next start. Never throws: without it, the next start just waits for the database. */
  write(settings: Settings): void;
}

const KEY_PREFIX = 'tabagent:first-screen:';

/** The facts of `settings` the first screen shows. */
export function firstScreenOf(settings: Settings): FirstScreen {
  return { language: settings.language ?? null, configured: isEngineConfigured(settings) };
}

function parse(text: string | null): FirstScreen | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { language, configured } = value as Record<string, unknown>;
    const known = interfaceLanguages.find((candidate) => candidate === language);
    if ((language !== null && known === undefined) || typeof configured !== 'boolean') return undefined;
    return { language: known ?? null, configured };
  } catch {
    return undefined;
  }
}

/**
 * The copy for the database named `database` (the app's by default), in `storage` (the page's
 * localStorage by default; storage that is disabled or full behaves as if nothing had been left).
 */
export function createFirstScreenStore(database: string = TABAGENT_DB_NAME, storage: () => Pick<Storage, 'getItem' | 'setItem'> | undefined = () => globalThis.localStorage): FirstScreenStore {
  const key = KEY_PREFIX + database;
  return {
    read() {
      try {
        return parse(storage()?.getItem(key) ?? null);
      } catch {
        return undefined;
      }
    },
    write(settings) {
      try {
        storage()?.setItem(key, JSON.stringify(firstScreenOf(settings)));
      } catch {
        // Private modes and full storage refuse; the next start reads the database instead.
      }
    },
  };
}
