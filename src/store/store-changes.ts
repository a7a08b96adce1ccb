/**
 * Change notices between tabs. A store posts one after each committed write; other tabs (and
 * other stores in this tab) reload what changed. IndexedDB itself tells no one about writes.
 */

/** The BroadcastChannel every Tabagent tab of this origin shares. */
export const STORE_CHANNEL_NAME = 'tabagent-store';

/** What changed. `messages-appended` and `conversation-changed` carry the conversation's id. */
export type StoreChangeType = 'conversation-changed' | 'messages-appended' | 'conversation-deleted';

/** One change notice. `source` identifies the store that wrote, so it can ignore its own notices. */
export interface StoreChange {
  type: StoreChangeType;
  id: string;
  source: string;
}

const CHANGE_TYPES: ReadonlySet<string> = new Set<StoreChangeType>([
  'conversation-changed',
  'messages-appended',
  'conversation-deleted',
]);

/** True for a well-formed change notice (messages come from other tabs: check them). */
export function isStoreChange(value: unknown): value is StoreChange {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id, source } = value as Record<string, unknown>;
  return typeof type === 'string' && CHANGE_TYPES.has(type) && typeof id === 'string' && typeof source === 'string';
}

/** Posts change notices; a no-op where BroadcastChannel does not exist. */
export interface StoreChangePublisher {
  readonly source: string;
  publish(type: StoreChangeType, id: string): void;
  close(): void;
}

/** Opens a publisher on `channelName` (default `tabagent-store`); `false` publishes nothing. */
export function createStoreChangePublisher(channelName: string | false = STORE_CHANNEL_NAME): StoreChangePublisher {
  const source = crypto.randomUUID();
  const channel = channelName !== false && typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
  return {
    source,
    publish(type, id) {
      const change: StoreChange = { type, id, source };
      channel?.postMessage(change);
    },
    close() {
      channel?.close();
    },
  };
}

export interface SubscribeOptions {
  /** Default `tabagent-store`; tests use their own. */
  channelName?: string;
  /** Notices from this source (usually this tab's own store's `source`) are skipped. */
  ignoreSource?: string;
}

/**
 * Calls `listener` for each change notice from another store (another tab, usually).
 * Returns the function that unsubscribes.
 */
export function subscribeToStoreChanges(listener: (change: StoreChange) => void, options: SubscribeOptions = {}): () => void {
  if (typeof BroadcastChannel !== 'function') return () => undefined;
  const channel = new BroadcastChannel(options.channelName ?? STORE_CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (!isStoreChange(event.data) || event.data.source === options.ignoreSource) return;
    listener(event.data);
  };
  return () => channel.close();
}
