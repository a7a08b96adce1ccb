import { toTabagentError, type TabagentError } from '../../core/errors';
import {
  createMessageWriter,
  draftFromChatMessage,
  draftsFromTurns,
  turnMessageId,
  turnOpenerDraft,
  turnOpenerPatch,
  type ConversationStore,
  type MessageDraft,
} from '../../store';
import type { Turn } from './transcript';

/** Where the chat controller reports each change to its turns, so it can be saved. */
export interface TurnSink {
  /** A turn began; `index` is its place in the conversation (0 names the conversation). */
  started(turn: Turn, index: number): void;
  /** A turn changed (an agent event was folded into it). */
  changed(turn: Turn): void;
  /** A turn's run is over: its final state is written now; resolves once it is (or failed). */
  ended(turn: Turn): Promise<void>;
  /** The conversation now holds exactly these turns (edit and regenerate drop later ones). */
  replaced(turns: readonly Turn[]): void;
  /** Resolves once everything handed over so far is written (or has failed and been reported). */
  idle(): Promise<void>;
}

/** What a persister writes to: the store and the conversation, both possibly still being opened. */
export interface TurnPersisterOptions {
  store: Promise<ConversationStore>;
  conversationId: Promise<string>;
  /** Told about every failed write; the chat keeps what it shows either way. */
  onError: (error: TabagentError) => void;
  /** Called after a write changed the conversation's title. */
  onTitleChanged?: () => void;
}

/** The default title a conversation gets from the store, replaced by its first message. */
export const UNTITLED = 'New conversation';

/** A conversation's title from its first user message: one line, at most 60 characters. */
export function titleFrom(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || UNTITLED;
}

/**
 * Saves one conversation's turns as they happen. Appends and replacements run one after another
 * (a turn's opening record must exist before the streaming writer may update it); streamed
 * changes to a turn's opener go through the throttled writer (≤ 250 ms behind).
 *
 * Per streamed change the work is constant, whatever the answer's length: the writer is told the
 * turn changed (an empty patch) and the opener's patch, a copy of the turn's items, is made from
 * the live turn only when the writer actually writes; no promise is chained unless the turn added
 * history messages or its opener is still being written.
 */
export function createTurnPersister(options: TurnPersisterOptions): TurnSink {
  let queue: Promise<void> = Promise.resolve();
  const report = (error: unknown): void => options.onError(toTabagentError(error, 'storage'));
  // The latest state of each streaming turn, read when a write happens (the controller mutates it in place).
  const live = new Map<string, Turn>();
  const writer = createMessageWriter(
    {
      updateMessages: async (updates) => {
        const current = updates.map(({ id, patch }) => {
          const turn = live.get(id);
          return turn ? { id, patch: { ...patch, ...turnOpenerPatch(turn) } } : { id, patch };
        });
        return (await options.store).updateMessages(current);
      },
    },
    { onError: report },
  );
  // How many of each turn's history messages were handed to the store, so each is appended once.
  const savedMessages = new Map<string, number>();
  // Turns whose opening record is stored: their changes may go straight to the writer.
  const openerStored = new Set<string>();
  // Turns with a queued step that will hand their latest state to the writer.
  const handOffQueued = new Set<string>();

  const enqueue = (write: (store: ConversationStore, id: string) => Promise<unknown>): void => {
    queue = queue
      .then(async () => {
        const [store, id] = await Promise.all([options.store, options.conversationId]);
        await write(store, id);
      })
      .catch(report);
  };

  function newMessages(turn: Turn): MessageDraft[] {
    const from = savedMessages.get(turn.id) ?? 0;
    savedMessages.set(turn.id, turn.messages.length);
    return turn.messages
      .slice(from)
      .map((message, offset) => ({ ...draftFromChatMessage(message, turn.id), id: turnMessageId(turn.id, from + offset) }));
  }

  return {
    started(turn, index) {
      const opener = turnOpenerDraft(turn);
      savedMessages.set(turn.id, 0);
      openerStored.delete(turn.id);
      enqueue(async (store, id) => {
        await store.appendMessages(id, [opener]);
        openerStored.add(turn.id);
        if (index !== 0) return;
        const conversation = await store.get(id);
        if (conversation?.title === UNTITLED) {
          await store.rename(id, titleFrom(turn.userText));
          options.onTitleChanged?.();
        }
      });
    },
    changed(turn) {
      live.set(turn.id, turn);
      const hasNewMessages = turn.messages.length > (savedMessages.get(turn.id) ?? 0);
      if (!hasNewMessages && openerStored.has(turn.id)) {
        writer.update(turn.id, {});
        return;
      }
      if (!hasNewMessages && handOffQueued.has(turn.id)) return;
      const drafts = newMessages(turn);
      handOffQueued.add(turn.id);
      enqueue(async (store, id) => {
        handOffQueued.delete(turn.id);
        if (drafts.length > 0) await store.appendMessages(id, drafts);
        writer.update(turn.id, {});
      });
    },
    ended(turn) {
      // The whole turn again: appends are idempotent by id, so this also repairs an earlier failed write.
      const drafts = draftsFromTurns([turn]);
      savedMessages.set(turn.id, turn.messages.length);
      enqueue(async (store, id) => {
        await writer.flush();
        live.delete(turn.id);
        await store.appendMessages(id, drafts);
      });
      return queue;
    },
    replaced(turns) {
      const drafts = draftsFromTurns(turns);
      savedMessages.clear();
      for (const turn of turns) savedMessages.set(turn.id, turn.messages.length);
      enqueue(async (store, id) => {
        await writer.flush().catch(report);
        live.clear();
        // The store cannot drop single messages: the conversation is rebuilt under the same id and title.
        const conversation = await store.get(id);
        await store.delete(id);
        await store.create({ ...(conversation ?? {}), id });
        if (drafts.length > 0) await store.appendMessages(id, drafts);
      });
    },
    idle() {
      return queue.then(() => writer.flush().catch(report));
    },
  };
}
