import { createRoot } from 'solid-js';
import { expect } from 'vitest';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import type { AgentEvent } from '../../../src/core/agent/events';
import { createTurnPersister } from '../../../src/app/chat/turn-persister';
import { ConversationStore, openTabagentDb, type TabagentDb } from '../../../src/store';
import { createChatController } from '../../../src/ui/chat/chat-controller';
import { idleEngine, noTools } from './fake-services';

/** What the test closes afterwards: the databases it opened and the Solid roots it made. */
export interface Cleanup {
  opened: TabagentDb[];
  disposers: (() => void)[];
}

/**
 * A chat controller driven by `runAgent` (a scripted run) whose turns are saved in a fresh
 * conversation of the database `name`, as the app saves them; read it back with `store.load(id)`.
 */
export async function persistedChat(name: string, runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>, cleanup: Cleanup) {
  const db = await openTabagentDb({ name });
  cleanup.opened.push(db);
  const store = new ConversationStore(db, { channelName: false });
  const { id } = await store.create();
  const sink = createTurnPersister({ store: Promise.resolve(store), conversationId: Promise.resolve(id), onError: (error) => expect.fail(error.message) });
  const controller = createRoot((dispose) => {
    cleanup.disposers.push(dispose);
    return createChatController({ runAgent, prepareRun: () => ({ engine: idleEngine, tools: noTools }), persistence: () => sink });
  });
  return { db, store, id, sink, controller };
}
