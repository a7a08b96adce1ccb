import type { IDBPTransaction } from 'idb';
import type { TabagentDbSchema, TabagentDb, TabagentStoreName } from './schema';
import { toStorageError } from './storage-error';

/** A read-write transaction over the named stores. */
export type WriteTransaction<Names extends TabagentStoreName[]> = IDBPTransaction<TabagentDbSchema, Names, 'readwrite'>;

/**
 * Runs `body` in one read-write transaction and resolves once IndexedDB has committed it.
 *
 * All or nothing: if `body` throws (a missing record, a put that raised QuotaExceededError) the
 * transaction is aborted, so none of its writes land; a commit that fails (quota at commit time,
 * the connection closing) rolls back too. Any failure becomes TabagentError('storage'), with
 * data.reason 'quota' when storage is full; `describe` names what could not be saved and is
 * called only then (so it may read what `body` found).
 *
 * Trap stepped around: IndexedDB commits a transaction as soon as it has no pending request at the
 * end of a task, so `body` must await nothing but this transaction's own requests — awaiting a
 * fetch, a timer or another transaction closes it, and the next request throws
 * TransactionInactiveError. Doing many records in one call is also the fast path: one transaction
 * for many records is 10–25× faster than one transaction per record.
 */
export async function writeTransaction<Names extends TabagentStoreName[], T>(
  db: TabagentDb,
  storeNames: Names,
  describe: () => string,
  body: (transaction: WriteTransaction<Names>) => Promise<T>,
): Promise<T> {
  let transaction: WriteTransaction<Names> | undefined;
  try {
    transaction = db.transaction(storeNames, 'readwrite');
    const done = transaction.done;
    // `done` rejects after an abort; without a handler that would be an unhandled rejection
    // whenever `body` fails first.
    done.catch(() => undefined);
    const [result] = await Promise.all([body(transaction), done]);
    return result;
  } catch (error) {
    abortQuietly(transaction);
    throw toStorageError(error, describe());
  }
}

function abortQuietly(transaction: { abort(): void } | undefined): void {
  try {
    transaction?.abort();
  } catch {
    // Already committed or aborted: nothing left to undo.
  }
}

/**
 * Makes every request, then waits for them all (requests in one transaction run in order, so
 * there is no need to wait for each before making the next). A request that throws as it is made
 * (put raises QuotaExceededError itself) fails the batch; the requests made before it are then
 * rejected by the transaction's abort, and are marked handled here so that the abort is not
 * reported as an unhandled rejection.
 */
export function requestAll<T>(makers: Iterable<() => Promise<T>>): Promise<T[]> {
  const issued: Promise<T>[] = [];
  try {
    for (const make of makers) issued.push(make());
  } catch (error) {
    for (const request of issued) request.catch(() => undefined);
    return Promise.reject(error);
  }
  return Promise.all(issued);
}
