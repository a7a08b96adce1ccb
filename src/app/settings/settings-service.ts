import {
  defaultSettings,
  isEngineConfigured,
  isStrictNetwork,
  isToolEnabled,
  loadSettings,
  normalizeSettings,
  saveSettings,
  settingsToolModes,
  type Settings,
  type TabagentDb,
} from '../../store';
import { engineKinds, interfaceLanguages } from '../../store/settings';

/** Reads and writes the person's settings. */
export interface SettingsService {
  /** The saved settings (defaults where none are saved). */
  load(): Promise<Settings>;
  /** Stores `next`; resolves with the settings as stored (normalized). Rejects with a storage error. */
  save(next: Settings): Promise<Settings>;
}

/** The settings use case over the database `openDatabase` opens. */
export function createSettingsService(openDatabase: () => Promise<TabagentDb>): SettingsService {
  return {
    async load() {
      return loadSettings(await openDatabase());
    },
    async save(next) {
      await saveSettings(await openDatabase(), next);
      return normalizeSettings(next);
    },
  };
}

/** The choices the settings form offers: engine kinds, tool-call modes, interface languages. */
export const settingsChoices = { engineKinds, toolModes: settingsToolModes, languages: interfaceLanguages } as const;

/**
 * Questions the UI asks of settings; the answers are the store's own rules, so the UI and the
 * app never disagree about what "configured" or "strict" means.
 */
export const settingsRules = { defaults: defaultSettings, normalize: normalizeSettings, isEngineConfigured, isToolEnabled, isStrictNetwork } as const;
