import type { TabagentDb, UpgradeTransaction } from './schema';

/**
 * One schema step. Runs inside the upgrade transaction: it must be synchronous (IndexedDB
 * commits the transaction as soon as it has no pending requests, so awaiting anything
 * else — a fetch, a timer — inside it closes it under our feet).
 */
export type Migration = (db: TabagentDb, transaction: UpgradeTransaction) => void;

/**
 * The numbered migrations: entry `n - 1` takes the database from version `n - 1` to `n`.
 * Only append; never edit a migration that has shipped.
 */
export const migrations: readonly Migration[] = [
  // 1: the settings store (one record, keyed by name).
  (db) => {
    db.createObjectStore('settings');
  },
];

/** The schema version this code opens: the number of migrations. */
export const TABAGENT_DB_VERSION = migrations.length;

/** Runs every migration after `oldVersion` up to `newVersion`, in order. */
export function runMigrations(
  db: TabagentDb,
  transaction: UpgradeTransaction,
  oldVersion: number,
  newVersion: number,
): void {
  for (let version = oldVersion + 1; version <= newVersion; version += 1) {
    const migration = migrations[version - 1];
    if (migration === undefined) throw new Error(`No migration to database version ${version}.`);
    migration(db, transaction);
  }
}
