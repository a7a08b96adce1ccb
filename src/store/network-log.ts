import type { NetworkLogRecord } from './records';
import type { TabagentDb } from './schema';
import { toStorageError } from './storage-error';
import { writeTransaction } from './write-transaction';

/** How many entries the log keeps by default: the oldest beyond this are dropped. */
export const NETWORK_LOG_LIMIT = 5_000;

/** Logged requests, newest first; `since` (ms since the epoch) and `limit` narrow it. */
export async function listNetworkLog(db: TabagentDb, options: { since?: number; limit?: number } = {}): Promise<NetworkLogRecord[]> {
  try {
    const range = options.since === undefined ? undefined : IDBKeyRange.lowerBound(options.since);
    const found: NetworkLogRecord[] = [];
    let cursor = await db.transaction('networkLog').store.index('by-time').openCursor(range, 'prev');
    while (cursor && found.length < (options.limit ?? Infinity)) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return found;
  } catch (error) {
    throw toStorageError(error, 'read the network log');
  }
}

/**
 * Records one request and returns its key (for `updateNetworkLogEntry`), dropping the oldest
 * entries beyond `keep` in the same transaction.
 */
export async function addNetworkLogEntry(
  db: TabagentDb,
  entry: Omit<NetworkLogRecord, 'id'>,
  keep: number = NETWORK_LOG_LIMIT,
): Promise<number> {
  return writeTransaction(db, ['networkLog'], () => 'record the network log', async (tx) => {
    const store = tx.objectStore('networkLog');
    const id = await store.add({ ...entry });
    const excess = (await store.count()) - keep;
    if (excess > 0) {
      const cursor = await store.openKeyCursor();
      const firstKept = await cursor?.advance(excess);
      if (firstKept) await store.delete(IDBKeyRange.upperBound(firstKept.key, true));
    }
    return id;
  });
}

/** Changes fields of one recorded request (status, bytes received…); a missing entry is ignored. */
export async function updateNetworkLogEntry(db: TabagentDb, id: number, patch: Partial<Omit<NetworkLogRecord, 'id'>>): Promise<void> {
  await writeTransaction(db, ['networkLog'], () => 'update the network log', async (tx) => {
    const store = tx.objectStore('networkLog');
    const record = await store.get(id);
    if (record) await store.put({ ...record, ...patch, id });
  });
}

/** Deletes every recorded request. */
export async function clearNetworkLog(db: TabagentDb): Promise<void> {
  await writeTransaction(db, ['networkLog'], () => 'clear the network log', async (tx) => {
    await tx.objectStore('networkLog').clear();
  });
}
