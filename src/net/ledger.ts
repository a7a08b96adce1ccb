import type { LedgerEntry, LedgerHandle, LedgerUpdate, NetworkLedger } from './types';

/** A recorded request with its store key. */
export type StoredLedgerEntry = LedgerEntry & { id: number };

/** Where ledger entries are kept (IndexedDB in the app, memory in tests). */
export interface LedgerStore {
  add(entry: LedgerEntry): Promise<number>;
  update(id: number, patch: LedgerUpdate): Promise<void>;
  /** Newest first. */
  list(limit?: number): Promise<StoredLedgerEntry[]>;
  clear(): Promise<void>;
}

/** A ledger that can also be read, watched and cleared (the Network page's view of it). */
export interface ReadableLedger extends NetworkLedger {
  /** Recorded requests, newest first (waits for writes in flight). */
  entries(limit?: number): Promise<StoredLedgerEntry[]>;
  /** Calls `listener` after each stored change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  clear(): Promise<void>;
  /** Settles once every write so far is stored. */
  flush(): Promise<void>;
}

/** Keeps entries in memory, newest last (tests, and a fallback when storage is unavailable). */
export function createMemoryLedgerStore(limit = 5_000): LedgerStore & { readonly records: StoredLedgerEntry[] } {
  const records: StoredLedgerEntry[] = [];
  let next = 1;
  return {
    records,
    async add(entry) {
      const id = next;
      next += 1;
      records.push({ ...entry, id });
      if (records.length > limit) records.splice(0, records.length - limit);
      return id;
    },
    async update(id, patch) {
      const record = records.find((candidate) => candidate.id === id);
      if (record) Object.assign(record, patch);
    },
    async list(max = Infinity) {
      return records
        .slice()
        .reverse()
        .slice(0, max)
        .map((record) => ({ ...record }));
    },
    async clear() {
      records.splice(0, records.length);
    },
  };
}

/**
 * The door's ledger over a store. `begin` is synchronous for the door; each entry's writes are
 * queued in order (add, then its updates), so a fast response never overtakes its own entry.
 * A failing store loses entries, never a request: the door must not break because the disk is full.
 */
export function createNetworkLedger(store: LedgerStore = createMemoryLedgerStore()): ReadableLedger {
  const listeners = new Set<() => void>();
  const pending = new Set<Promise<unknown>>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  const flush = async (): Promise<void> => {
    while (pending.size > 0) await Promise.all([...pending]);
  };
  const track = (work: Promise<unknown>): void => {
    const settled = work.catch(() => undefined).finally(() => {
      pending.delete(settled);
      notify();
    });
    pending.add(settled);
  };

  return {
    begin(entry: LedgerEntry): LedgerHandle {
      let chain: Promise<number | undefined> = store.add({ ...entry }).catch(() => undefined);
      track(chain);
      let finished = false;
      const write = (patch: LedgerUpdate): void => {
        chain = chain.then(async (id) => {
          if (id !== undefined) await store.update(id, patch).catch(() => undefined);
          return id;
        });
        track(chain);
      };
      return {
        update(patch) {
          if (!finished) write(patch);
        },
        finish(patch) {
          if (finished) return;
          finished = true;
          write(patch);
        },
      };
    },
    async entries(limit) {
      await flush();
      return store.list(limit);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async clear() {
      await flush();
      await store.clear();
      notify();
    },
    flush,
  };
}
