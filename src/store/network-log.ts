import type { NetworkLogRecord } from './records';
import type { TabagentDb } from './schema';
import { toStorageError } from './storage-error';
import { requestAll, writeTransaction } from './write-transaction';

/** How many entries the log keeps by default: the oldest beyond this are dropped. */
export const NETWORK_LOG_LIMIT = 5_000;

/**
 * Records outbound requests in one transaction and drops the oldest entries beyond `keep`, so
 * the log cannot fill the disk by itself. Keys grow with each entry, so the oldest are the
 * lowest keys.
 */
export async function appendNetworkLog(
  db: TabagentDb,
  entries: readonly Omit<NetworkLogRecord, 'id'>[],
  keep: number = NETWORK_LOG_LIMIT,
): Promise<void> {
  if (entries.length === 0) return;
  await writeTransaction(db, ['networkLog'], () => 'record the network log', async (tx) => {
    const store = tx.objectStore('networkLog');
    await requestAll(entries.map((entry) => () => store.add({ ...entry })));
    const excess = (await store.count()) - keep;
    if (excess <= 0) return;
    const cursor = await store.openKeyCursor();
    const firstKept = await cursor?.advance(excess);
    if (firstKept) await store.delete(IDBKeyRange.upperBound(firstKept.key, true));
  });
}

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
