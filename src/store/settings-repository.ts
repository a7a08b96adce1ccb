import type { TabagentDb } from './schema';
import { legacyAgentSettings, normalizeSettings, type LegacyAgentSettings, type Settings } from './settings';
import { toStorageError } from './storage-error';

/** The key of the one settings record. */
const SETTINGS_KEY = 'app';

/**
 * Loads the saved settings, or the defaults when nothing was saved yet.
 * A damaged or older record is repaired field by field (see `normalizeSettings`).
 */
export async function loadSettings(db: TabagentDb): Promise<Settings> {
  try {
    const record = await db.get('settings', SETTINGS_KEY);
    return normalizeSettings(record?.settings);
  } catch (error) {
    throw toStorageError(error, 'load your settings');
  }
}

/**
 * What the saved settings still hold for the default agent from before migration 6 moved it there
 * (pinned tools, tools per turn); empty when nothing is left or nothing can be read.
 */
export async function loadLegacyAgentSettings(db: TabagentDb): Promise<LegacyAgentSettings> {
  const record = await db.get('settings', SETTINGS_KEY).catch(() => undefined);
  return legacyAgentSettings(record?.settings);
}

/**
 * Saves the settings in one transaction (all or nothing). The API keys stay in this
 * browser's IndexedDB. A full disk becomes TabagentError('storage') with reason 'quota'.
 */
export async function saveSettings(db: TabagentDb, settings: Settings): Promise<void> {
  try {
    const transaction = db.transaction('settings', 'readwrite');
    // Wait for the put and the commit together: a quota error may surface on either.
    await Promise.all([
      transaction.store.put({ schema: 1, settings: normalizeSettings(settings) }, SETTINGS_KEY),
      transaction.done,
    ]);
  } catch (error) {
    throw toStorageError(error, 'save your settings');
  }
}
