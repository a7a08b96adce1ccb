import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

/** The name of Tabagent's IndexedDB database. */
export const TABAGENT_DB_NAME = 'tabagent';

/** One stored settings record; `schema` lets later versions migrate the record itself. */
export interface SettingsRecord {
  schema: 1;
  settings: unknown;
}

/**
 * Every object store Tabagent keeps. Later migrations add conversations, messages and vectors
 * here; each store appears in exactly one migration in `migrations.ts`.
 */
export interface TabagentDbSchema extends DBSchema {
  settings: {
    key: string;
    value: SettingsRecord;
  };
}

/** An open Tabagent database. */
export type TabagentDb = IDBPDatabase<TabagentDbSchema>;

/** The transaction an upgrade runs in. */
export type UpgradeTransaction = IDBPTransaction<TabagentDbSchema, StoreNames<TabagentDbSchema>[], 'versionchange'>;
