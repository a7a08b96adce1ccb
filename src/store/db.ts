import { openDB } from 'idb';
import { TabagentError } from '../core/errors';
import { runMigrations, TABAGENT_DB_VERSION } from './migrations';
import { TABAGENT_DB_NAME, type TabagentDb, type TabagentDbSchema } from './schema';
import { toStorageError } from './storage-error';

export interface OpenTabagentDbOptions {
  /** Database name; tests pass their own. Default `tabagent`. */
  name?: string;
  /**
   * Called after this connection closed itself because another tab opened a newer schema.
   * The page should offer a reload: this connection is gone.
   */
  onVersionChange?: () => void;
  /** Called while another tab's older connection delays our upgrade. */
  onBlocked?: () => void;
}

/**
 * Opens (creating or upgrading through the numbered migrations) Tabagent's database.
 * On `versionchange` the connection closes at once so that the other tab's upgrade is not
 * blocked; a newer database than this code knows is reported as TabagentError('storage').
 */
export async function openTabagentDb(options: OpenTabagentDbOptions = {}): Promise<TabagentDb> {
  try {
    const db = await openDB<TabagentDbSchema>(options.name ?? TABAGENT_DB_NAME, TABAGENT_DB_VERSION, {
      upgrade(database, oldVersion, newVersion, transaction) {
        runMigrations(database, transaction, oldVersion, newVersion ?? TABAGENT_DB_VERSION);
      },
      blocked() {
        options.onBlocked?.();
      },
      blocking() {
        db.close();
        options.onVersionChange?.();
      },
    });
    return db;
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'VersionError') {
      throw new TabagentError(
        'storage',
        'A newer version of Tabagent is open in another tab. Reload this page to use it.',
        { data: { reason: 'version' }, cause: error },
      );
    }
    throw toStorageError(error, 'open its database');
  }
}
