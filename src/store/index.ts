export { openTabagentDb, type OpenTabagentDbOptions } from './db';
export { migrations, runMigrations, TABAGENT_DB_VERSION, type Migration } from './migrations';
export { TABAGENT_DB_NAME, type TabagentDb, type TabagentDbSchema } from './schema';
export {
  defaultSettings,
  isEngineConfigured,
  isToolEnabled,
  normalizeSettings,
  settingsToolModes,
  type EngineSettings,
  type ModelApiSettings,
  type Settings,
  type SettingsToolMode,
} from './settings';
export { loadSettings, saveSettings } from './settings-repository';
export { isQuotaExceeded, toStorageError } from './storage-error';
