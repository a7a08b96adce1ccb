import { addNetworkLogEntry, clearNetworkLog, listNetworkLog, updateNetworkLogEntry, type TabagentDb } from '../store';
import type { LedgerStore, StoredLedgerEntry } from './ledger';

/** The ledger kept in IndexedDB's `networkLog` store (the oldest beyond 5,000 entries are dropped). */
export function createIdbLedgerStore(database: () => Promise<TabagentDb>): LedgerStore {
  return {
    async add(entry) {
      return addNetworkLogEntry(await database(), entry);
    },
    async update(id, patch) {
      await updateNetworkLogEntry(await database(), id, patch);
    },
    async list(limit) {
      const records = await listNetworkLog(await database(), limit === undefined ? {} : { limit });
      return records.filter((record): record is StoredLedgerEntry => record.id !== undefined);
    },
    async clear() {
      await clearNetworkLog(await database());
    },
  };
}
