import { createSignal, type Accessor } from 'solid-js';
import { errorText } from '../errors/error-text';
import { createSettingsService, settingsRules } from '../../app/settings/settings-service';
import { firstScreenOf, type FirstScreen, type FirstScreenStore } from '../../app/settings/first-screen';
import type { Settings, TabagentDb } from '../../store';

export interface SettingsState {
  /** The current settings (defaults until loaded). */
  settings: Accessor<Settings>;
  /** Whether the saved settings have been read. */
  loaded: Accessor<boolean>;
  /**
   * What the first screen shows (pinned language, whether a model is set up): from the saved
   * settings once read, before that from the copy the last start left (undefined when none).
   */
  firstScreen: Accessor<FirstScreen | undefined>;
  /** Resolves once the saved settings have been read, or their read failed (then the defaults hold). */
  whenLoaded(): Promise<void>;
  /** The last storage failure, written for the person; cleared by a successful save. */
  error: Accessor<string | undefined>;
  /** Reads the saved settings. */
  load(): Promise<void>;
  /** Saves and, once stored, makes them current. Resolves false (with `error` set) when storing failed. */
  save(next: Settings): Promise<boolean>;
}

/**
 * Settings as UI state over the app's settings service. A failed save leaves the current settings
 * as they were and reports the TabagentError's message; it never throws into the view.
 */
export function createSettingsState(
  database: () => Promise<TabagentDb>,
  options: { databaseExisted?: Promise<boolean | undefined>; firstScreen?: FirstScreenStore } = {},
): SettingsState {
  const service = createSettingsService(database);
  const copy = options.firstScreen;
  const early = copy?.read();
  let markLoaded = (): void => undefined;
  const whenLoaded = new Promise<void>((resolve) => (markLoaded = resolve));
  // Consulted by the first load only: later the database may exist.
  let firstVisit = options.databaseExisted?.then((existed) => existed === false);
  const [settings, setSettings] = createSignal<Settings>(settingsRules.defaults());
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | undefined>();

  return {
    settings,
    loaded,
    error,
    firstScreen: () => (loaded() ? firstScreenOf(settings()) : early),
    whenLoaded: () => whenLoaded,
    async load() {
      const fresh = firstVisit;
      firstVisit = undefined;
      try {
        const read = await (fresh ? savedOrDefaults(service.load(), fresh) : service.load());
        setSettings(read);
        setError(undefined);
        copy?.write(read);
      } catch (failure) {
        setError(errorText(failure, 'storage'));
      } finally {
        setLoaded(true);
        markLoaded();
      }
    },
    async save(next) {
      try {
        const saved = await service.save(next);
        setSettings(saved);
        copy?.write(saved);
        setError(undefined);
        return true;
      } catch (failure) {
        setError(errorText(failure, 'storage'));
        return false;
      }
    },
  };
}

/**
 * The saved settings, or the defaults as soon as `nothingSaved` says the database did not exist
 * (a first visit): whichever is known first. Asking whether it existed can take longer than
 * reading it, and creating it longer than asking. A failed read on a first visit is no error.
 */
function savedOrDefaults(read: Promise<Settings>, nothingSaved: Promise<boolean>): Promise<Settings> {
  const defaults = nothingSaved.then((none) => (none ? settingsRules.defaults() : new Promise<never>(() => undefined)), () => new Promise<never>(() => undefined));
  return Promise.race([
    read.catch(async (error: unknown) => {
      if (await nothingSaved.catch(() => false)) return settingsRules.defaults();
      throw error;
    }),
    defaults,
  ]);
}
