import { deleteDB } from 'idb';
import { ConversationStore, openTabagentDb, type ConversationStoreOptions, type OpenTabagentDbOptions, type TabagentDb } from '../../../src/store';

/** A database name no other test (or test file running beside this one) uses. */
export function uniqueName(label: string): string {
  return `tabagent-test-${label}-${crypto.randomUUID()}`;
}

/**
 * Opens databases and stores for one test and removes them afterwards
 * (call `cleanup` from `afterEach`).
 */
export class StoreScope {
  readonly dbName = uniqueName('store');
  /** A channel of its own, so tests running at once never hear each other's notices. */
  readonly channelName = uniqueName('channel');
  private readonly connections: TabagentDb[] = [];
  private readonly stores: ConversationStore[] = [];
  private readonly names = new Set<string>([this.dbName]);

  async open(options: OpenTabagentDbOptions = {}): Promise<TabagentDb> {
    const db = await openTabagentDb({ name: this.dbName, ...options });
    this.connections.push(db);
    if (options.name !== undefined) this.names.add(options.name);
    return db;
  }

  async store(options: ConversationStoreOptions = {}): Promise<ConversationStore> {
    return this.storeOn(await this.open(), options);
  }

  storeOn(db: TabagentDb, options: ConversationStoreOptions = {}): ConversationStore {
    const store = new ConversationStore(db, { channelName: this.channelName, ...options });
    this.stores.push(store);
    return store;
  }

  /** Tracks a database opened some other way, so `cleanup` deletes it. */
  track(name: string): void {
    this.names.add(name);
  }

  async cleanup(): Promise<void> {
    for (const store of this.stores.splice(0)) store.close();
    for (const db of this.connections.splice(0)) db.close();
    for (const name of this.names) await deleteDB(name);
  }
}

/** Lets pending promise callbacks and IndexedDB events run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
