import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import { toTabagentError, type TabagentError } from '../../core/errors';
import { ConversationStore, restoreTurnsWithImages, subscribeToStoreChanges } from '../../app/chat/conversation-records';
import type { ConversationRecord, NewConversation, TabagentDb } from '../../store';
import type { ChatController } from '../chat/chat-controller';
import { closeInterruptedTurn } from '../../app/chat/fold-event';
import type { Turn } from '../chat/transcript';
import { createTurnPersister, type TurnSink } from '../../app/chat/turn-persister';

/**
 * A turn stored mid-run (its tab was closed or reloaded before the run ended) is shown as
 * stopped, the way a stopped run looks, rather than as running forever.
 */
function closeInterrupted(turn: Turn): Turn {
  closeInterruptedTurn(turn);
  return turn;
}

/** What the chat controller is given of the conversations: where to save, and which one is open. */
export interface OpenConversation {
  /** The persister of the open conversation (creating the conversation on first use). */
  sink(): TurnSink;
  /** The open conversation's id; undefined until the first message of a fresh start. */
  currentId: Accessor<string | undefined>;
  /** The open conversation's record, when it is stored and listed. */
  current(): ConversationRecord | undefined;
  /** The open conversation's agent id; undefined: the default agent (a record from before agents, or a fresh start). */
  agentId: Accessor<string | undefined>;
}

/** The conversation list and the open conversation, kept in step with the store. */
export interface ConversationsState {
  /** The chat controller of the open conversation (made by `createController`). */
  controller: ChatController;
  /** The open conversation's record, when it is stored and listed. */
  current(): ConversationRecord | undefined;
  /** Every conversation, most recently updated first. */
  list: Accessor<ConversationRecord[]>;
  /** The open conversation's id; undefined until the first message of a fresh start. */
  currentId: Accessor<string | undefined>;
  /** The open conversation's agent id; undefined: the default agent. */
  agentId: Accessor<string | undefined>;
  /** The latest failure to read or save, for the error alert. */
  error: Accessor<string | undefined>;
  /** Opens the most recent conversation and starts listening to other tabs. */
  init(): Promise<void>;
  /** The persister of the open conversation (creating the conversation on first use). */
  sink(): TurnSink;
  /** Stops any run and opens a conversation. */
  open(id: string): Promise<void>;
  /** Stops any run and starts a new, empty conversation with this agent (absent: the default agent). */
  startNew(agentId?: string): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Opts a conversation in or out of training-data export. */
  setTrainingOptIn(id: string, optIn: boolean): Promise<void>;
  /** Sets the knowledge bases the open conversation draws on, creating it first when none is open yet. */
  setKnowledgeBaseIds(ids: string[]): Promise<void>;
  /**
   * Changes which knowledge bases the open conversation searches (`change` gets its stored record and
   * returns the new fields), creating the conversation first when none is open yet.
   */
  setKnowledge(change: (record: ConversationRecord | undefined) => Pick<ConversationRecord, 'knowledgeBaseIds' | 'knowledgeBasesOff'>): Promise<void>;
  /** Stops listening to other tabs. */
  dispose(): void;
}

export interface ConversationsStateOptions {
  openDb: () => Promise<TabagentDb>;
  /**
   * Makes the chat controller, once the conversations it saves into exist: construction runs one
   * way (conversations, then the controller), with no forward reference between the two.
   */
  createController: (conversation: OpenConversation) => ChatController;
  /** Store options for tests (own broadcast channel). */
  channelName?: string;
  /** The agent a new conversation records when none is chosen; absent or undefined: it records none. */
  defaultAgentId?: () => Promise<string | undefined>;
  /** Told when the person opens another conversation or starts a new one (a local engine then frees its cache). */
  onSwitch?: () => void;
}

/** Creates the conversations state over the store of `openDb`'s database. */
export function createConversationsState(options: ConversationsStateOptions): ConversationsState {
  const [list, setList] = createSignal<ConversationRecord[]>([]);
  const [currentId, setCurrentId] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | undefined>();
  let storePromise: Promise<ConversationStore> | undefined;
  let sink: { id: Promise<string>; persister: TurnSink } | undefined;
  let unsubscribe: (() => void) | undefined;
  let disposed = false;

  const fail = (failure: TabagentError): void => {
    setError(failure.message);
  };
  const store = (): Promise<ConversationStore> => {
    storePromise ??= options.openDb().then(
      (db) => new ConversationStore(db, options.channelName === undefined ? {} : { channelName: options.channelName }),
    );
    return storePromise;
  };
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (failure) {
      fail(toTabagentError(failure, 'storage'));
    }
  };
  const refresh = async (): Promise<void> => {
    setList(await (await store()).list());
  };

  function openSink(): TurnSink {
    if (sink === undefined) {
      const existing = currentId();
      const id =
        existing === undefined
          ? store().then(async (opened) => {
              const created = await opened.create(await newConversation(undefined));
              setCurrentId(created.id);
              await guard(refresh);
              return created.id;
            })
          : Promise.resolve(existing);
      const created = { id, persister: persisterFor(id) };
      // A conversation that could not be created is tried again on the next turn.
      id.catch(() => {
        if (sink === created) sink = undefined;
      });
      sink = created;
    }
    return sink.persister;
  }

  /** A new conversation's fields: the chosen agent, or the default one. */
  async function newConversation(agentId: string | undefined): Promise<NewConversation> {
    const chosen = agentId ?? (await options.defaultAgentId?.());
    return chosen === undefined ? {} : { agentId: chosen };
  }

  const current = (): ConversationRecord | undefined => {
    const id = currentId();
    return id === undefined ? undefined : list().find((entry) => entry.id === id);
  };
  const agentId = (): string | undefined => current()?.agentId;
  const controller = options.createController({ sink: openSink, currentId, current, agentId });

  /** The open conversation's id, creating it (the way its first message would) when a fresh start has none yet. */
  async function ensureConversation(): Promise<string | undefined> {
    if (currentId() === undefined) {
      openSink();
      await sink?.id;
    }
    return currentId();
  }

  function persisterFor(id: Promise<string>): TurnSink {
    return createTurnPersister({ store: store(), conversationId: id, onError: fail, onTitleChanged: () => void guard(refresh) });
  }

  /** Waits for the open conversation's writes, then forgets its persister. */
  async function settle(): Promise<void> {
    await controller.halt();
    await sink?.persister.idle();
    sink = undefined;
  }

  async function show(id: string | undefined): Promise<void> {
    const turns = id === undefined ? [] : (await restoreTurnsWithImages(await (await store()).load(id))).map(closeInterrupted);
    setCurrentId(id);
    await controller.replaceTurns(turns);
  }

  // A change to the open conversation that arrived during a run here, applied once the run ends.
  let missed: { id: string; deleted: boolean } | undefined;
  const onChange = (changedId: string, deleted: boolean): void => {
    void guard(async () => {
      await refresh();
      if (changedId !== currentId()) return;
      if (controller.running()) {
        missed = { id: changedId, deleted: deleted || missed?.deleted === true };
        return;
      }
      missed = undefined;
      await settle();
      await show(deleted ? list()[0]?.id : changedId);
    });
  };
  createEffect(
    on(controller.running, (running) => {
      const change = missed;
      if (running || change === undefined) return;
      onChange(change.id, change.deleted);
    }),
  );

  return {
    controller,
    current,
    list,
    currentId,
    agentId,
    error,
    async init() {
      await guard(async () => {
        const opened = await store();
        if (disposed) return;
        unsubscribe = subscribeToStoreChanges((change) => onChange(change.id, change.type === 'conversation-deleted'), {
          ignoreSource: opened.source,
          ...(options.channelName === undefined ? {} : { channelName: options.channelName }),
        });
        await refresh();
        const latest = list()[0];
        if (latest && currentId() === undefined && controller.turns.length === 0) await show(latest.id);
      });
    },
    sink: openSink,
    async open(id) {
      await guard(async () => {
        await settle();
        if (id !== currentId()) options.onSwitch?.();
        await show(id);
      });
    },
    async startNew(chosen) {
      await guard(async () => {
        await settle();
        options.onSwitch?.();
        const created = await (await store()).create(await newConversation(chosen));
        // Listed before it is shown, so its agent is known from the first frame.
        await refresh();
        await show(created.id);
      });
    },
    async rename(id, title) {
      await guard(async () => {
        await (await store()).rename(id, title.trim() || 'Untitled');
        await refresh();
      });
    },
    async setTrainingOptIn(id, optIn) {
      await guard(async () => {
        await (await store()).update(id, { trainingOptIn: optIn });
        await refresh();
      });
    },
    async setKnowledgeBaseIds(ids) {
      await guard(async () => {
        const id = await ensureConversation();
        if (id === undefined) return;
        await (await store()).update(id, { knowledgeBaseIds: [...new Set(ids)] });
        await refresh();
      });
    },
    async setKnowledge(change) {
      await guard(async () => {
        const id = await ensureConversation();
        if (id === undefined) return;
        const opened = await store();
        await opened.update(id, change(await opened.get(id)));
        await refresh();
      });
    },
    async remove(id) {
      await guard(async () => {
        if (id === currentId()) await settle();
        await (await store()).delete(id);
        await refresh();
        if (id === currentId()) await show(list()[0]?.id);
      });
    },
    dispose() {
      disposed = true;
      unsubscribe?.();
      void storePromise?.then((opened) => opened.close()).catch(() => undefined);
    },
  };
}
