import { TabagentError } from '../core/errors';
import type { ConversationRecord, MessageRecord } from './records';
import type { TabagentDb } from './schema';
import { toStorageError } from './storage-error';
import { createStoreChangePublisher, type StoreChangePublisher } from './store-changes';
import { requestAll, writeTransaction } from './write-transaction';

/** A new message: the store gives it its conversation, `seq` and timestamps (and an id if none). */
export type MessageDraft = Omit<MessageRecord, 'id' | 'conversationId' | 'seq' | 'createdAt' | 'updatedAt'> & {
  id?: string;
  createdAt?: number;
};

/** Fields of a stored message that may change (content while streaming, cards, flags). */
export type MessagePatch = Partial<Omit<MessageRecord, 'id' | 'conversationId' | 'seq' | 'createdAt' | 'updatedAt'>>;

/** One message change, for `updateMessages`. */
export interface MessageUpdate {
  id: string;
  patch: MessagePatch;
}

/** What `create` accepts; everything has a default. */
export type NewConversation = Partial<Omit<ConversationRecord, 'createdAt' | 'updatedAt'>>;

/** Conversation fields that may change. */
export type ConversationPatch = Partial<Pick<ConversationRecord, 'title' | 'pinned' | 'knowledgeBaseIds' | 'knowledgeBasesOff' | 'trainingOptIn'>>;

export interface ConversationStoreOptions {
  now?: () => number;
  createId?: () => string;
  /** BroadcastChannel for change notices: default `tabagent-store`; `false` sends none. */
  channelName?: string | false;
}

const DEFAULT_TITLE = 'New conversation';

/** The key range of one conversation's messages in the [conversationId, seq] index. */
function conversationRange(conversationId: string): IDBKeyRange {
  return IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
}

function deleted(what: string): TabagentError {
  return new TabagentError('storage', `This conversation was deleted (perhaps in another tab), so Tabagent could not ${what}.`, {
    data: { reason: 'deleted' },
  });
}

/**
 * Conversations and their messages. Every write is one transaction (all or nothing, see
 * `writeTransaction`), is announced to other tabs after it commits, and a full disk becomes
 * TabagentError('storage') with data.reason 'quota' naming what could not be saved.
 */
export class ConversationStore {
  /** Identifies this store's change notices (pass as `ignoreSource` to skip them). */
  readonly source: string;
  private readonly now: () => number;
  private readonly createId: () => string;
  private readonly publisher: StoreChangePublisher;

  constructor(
    private readonly db: TabagentDb,
    options: ConversationStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.createId = options.createId ?? (() => crypto.randomUUID());
    this.publisher = createStoreChangePublisher(options.channelName);
    this.source = this.publisher.source;
  }

  /** Creates a conversation (empty) and returns it. */
  async create(init: NewConversation = {}): Promise<ConversationRecord> {
    const time = this.now();
    const record: ConversationRecord = {
      id: init.id ?? this.createId(),
      title: init.title ?? DEFAULT_TITLE,
      pinned: init.pinned ?? false,
      knowledgeBaseIds: [...(init.knowledgeBaseIds ?? [])],
      trainingOptIn: init.trainingOptIn ?? false,
      // Absent rather than undefined: records keep only the fields they have.
      ...(init.agentId === undefined ? {} : { agentId: init.agentId }),
      ...(init.knowledgeBasesOff === undefined ? {} : { knowledgeBasesOff: [...init.knowledgeBasesOff] }),
      createdAt: time,
      updatedAt: time,
    };
    await writeTransaction(this.db, ['conversations'], () => `create the conversation "${record.title}"`, async (tx) => {
      await tx.objectStore('conversations').add(record);
    });
    this.publisher.publish('conversation-changed', record.id);
    return record;
  }

  /** One conversation, or undefined. */
  async get(id: string): Promise<ConversationRecord | undefined> {
    return this.read('load the conversation', () => this.db.get('conversations', id));
  }

  /** Every conversation, most recently updated first. */
  async list(): Promise<ConversationRecord[]> {
    const ascending = await this.read('list your conversations', () => this.db.getAllFromIndex('conversations', 'by-updated'));
    return ascending.reverse();
  }

  /** Renames a conversation. */
  async rename(id: string, title: string): Promise<ConversationRecord> {
    return this.update(id, { title });
  }

  /** Changes a conversation's title or options and returns the new record. */
  async update(id: string, patch: ConversationPatch): Promise<ConversationRecord> {
    const record = await writeTransaction(this.db, ['conversations'], () => 'save the conversation', async (tx) => {
      const store = tx.objectStore('conversations');
      const existing = await store.get(id);
      if (!existing) throw deleted('save the conversation');
      const next: ConversationRecord = { ...existing, ...patch, id, updatedAt: this.now() };
      await store.put(next);
      return next;
    });
    this.publisher.publish('conversation-changed', id);
    return record;
  }

  /** Deletes a conversation and all its messages in one transaction: no orphan messages remain. */
  async delete(id: string): Promise<void> {
    await writeTransaction(this.db, ['conversations', 'messages'], () => 'delete the conversation', async (tx) => {
      const messages = tx.objectStore('messages');
      const keys = await messages.index('by-conversation-seq').getAllKeys(conversationRange(id));
      await requestAll([() => tx.objectStore('conversations').delete(id), ...keys.map((key) => () => messages.delete(key))]);
    });
    this.publisher.publish('conversation-deleted', id);
  }

  /** A conversation's messages in order (by `seq`). */
  async load(conversationId: string): Promise<MessageRecord[]> {
    return this.read('load the conversation', () =>
      this.db.getAllFromIndex('messages', 'by-conversation-seq', conversationRange(conversationId)),
    );
  }

  /**
   * Appends messages to a conversation in one transaction and returns them as stored.
   * `seq` is allocated inside the transaction from the highest stored one: read-write
   * transactions on one store run one at a time across every tab, so concurrent appends never
   * collide. A draft whose id is already stored is updated in place (keeping its seq), so
   * retrying an append stores nothing twice.
   */
  async appendMessages(conversationId: string, drafts: readonly MessageDraft[]): Promise<MessageRecord[]> {
    let title = '';
    const describe = () => `save ${drafts.length === 1 ? 'a message' : `${drafts.length} messages`} in "${title}"`;
    const stored = await writeTransaction(this.db, ['conversations', 'messages'], describe, async (tx) => {
      const conversations = tx.objectStore('conversations');
      const messages = tx.objectStore('messages');
      const conversation = await conversations.get(conversationId);
      if (!conversation) throw deleted('save the message');
      title = conversation.title;
      const last = await messages.index('by-conversation-seq').openKeyCursor(conversationRange(conversationId), 'prev');
      let seq = last ? last.key[1] : -1;
      const time = this.now();
      const records: MessageRecord[] = [];
      for (const draft of drafts) {
        const { id: draftId, createdAt, ...fields } = draft;
        const id = draftId ?? this.createId();
        const existing = await messages.get(id);
        if (existing && existing.conversationId !== conversationId) throw new Error(`Message id ${id} belongs to another conversation.`);
        const record: MessageRecord = existing
          ? { ...existing, ...fields, updatedAt: time }
          : { ...fields, id, conversationId, seq: (seq += 1), createdAt: createdAt ?? time, updatedAt: time };
        records.push(record);
      }
      await requestAll([...records.map((record) => () => messages.put(record)), () => conversations.put({ ...conversation, updatedAt: time })]);
      return records;
    });
    this.publisher.publish('messages-appended', conversationId);
    return stored;
  }

  /** Changes one stored message and returns it. */
  async updateMessage(id: string, patch: MessagePatch): Promise<MessageRecord> {
    const [record] = await this.updateMessages([{ id, patch }]);
    if (!record) throw deleted('save the message');
    return record;
  }

  /**
   * Changes several stored messages in one transaction (the streaming writer's batch), bumps
   * their conversations' `updatedAt` and returns the records written. A message that is gone (its
   * conversation was deleted in another tab) is skipped rather than failing the batch: otherwise
   * one deleted conversation would keep every other message in the writer's batch from saving.
   */
  async updateMessages(updates: readonly MessageUpdate[]): Promise<MessageRecord[]> {
    if (updates.length === 0) return [];
    const changed = new Set<string>();
    const records = await writeTransaction(this.db, ['conversations', 'messages'], () => 'save the message', async (tx) => {
      const messages = tx.objectStore('messages');
      const conversations = tx.objectStore('conversations');
      const time = this.now();
      const next: MessageRecord[] = [];
      for (const { id, patch } of updates) {
        const existing = await messages.get(id);
        if (!existing) continue;
        const { conversationId, seq, createdAt } = existing;
        next.push({ ...existing, ...patch, id, conversationId, seq, createdAt, updatedAt: time });
        changed.add(conversationId);
      }
      const touched = await requestAll([...changed].map((conversationId) => () => conversations.get(conversationId)));
      await requestAll([
        ...next.map((record) => () => messages.put(record)),
        ...touched.flatMap((conversation) => (conversation ? [() => conversations.put({ ...conversation, updatedAt: time })] : [])),
      ]);
      return next;
    });
    for (const conversationId of changed) this.publisher.publish('conversation-changed', conversationId);
    return records;
  }

  /** Stops sending change notices. The database connection stays open (it is not ours). */
  close(): void {
    this.publisher.close();
  }

  private async read<T>(action: string, query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      throw toStorageError(error, action);
    }
  }
}
