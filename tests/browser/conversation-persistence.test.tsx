import { deleteDB } from 'idb';
import { createRoot } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/core/agent/events';
import type { RunAgentOptions } from '../../src/core/agent/options';
import { TabagentError } from '../../src/core/errors';
import { ConversationStore, openTabagentDb, restoreTurns, type TabagentDb } from '../../src/store';
import { createChatController, type ChatController } from '../../src/ui/chat/chat-controller';
import { createTurnPersister, type TurnSink } from '../../src/app/chat/turn-persister';
import { idleEngine, noTools } from './support/fake-services';
import { call, finish, lastUserText, message } from './support/scripted-run';

const DB_NAME = 'tabagent-persistence-test';
const opened: TabagentDb[] = [];
const disposers: (() => void)[] = [];

afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  for (const db of opened.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

/** A run that calls the calculator once and answers with the user's text echoed. */
async function* calculatorRun(options: RunAgentOptions): AsyncGenerator<AgentEvent> {
  const add = call('calculator', { expression: '30+7' }, `call-${options.messages.length}`);
  yield { type: 'step-start', step: 1 };
  yield { type: 'tool-call', step: 1, call: add };
  yield { type: 'step-finish', step: 1, reason: 'tool-calls', text: '' };
  yield message({ role: 'assistant', content: '', toolCalls: [add] });
  yield { type: 'tool-result', step: 1, call: add, result: { content: '{"result":37}', isError: false, durationMs: 12 } };
  yield message({ role: 'tool', toolCallId: add.id, name: 'calculator', content: '{"result":37}' });
  yield { type: 'step-start', step: 2 };
  const answer = `37 (${lastUserText(options)})`;
  yield { type: 'text-delta', step: 2, text: answer };
  yield { type: 'step-finish', step: 2, reason: 'stop', text: answer };
  yield message({ role: 'assistant', content: answer });
  yield finish(answer);
}

async function setup(
  run: (options: RunAgentOptions) => AsyncIterable<AgentEvent> = calculatorRun,
  target?: (store: ConversationStore) => Pick<ConversationStore, 'updateMessages'>,
): Promise<{ controller: ChatController; store: ConversationStore; id: string; sink: TurnSink; errors: string[] }> {
  const db = await openTabagentDb({ name: DB_NAME });
  opened.push(db);
  const store = new ConversationStore(db, { channelName: false });
  const { id } = await store.create();
  const errors: string[] = [];
  const writeTo = target ? (target(store) as ConversationStore) : store;
  const sink = createTurnPersister({ store: Promise.resolve(writeTo), conversationId: Promise.resolve(id), onError: (error) => errors.push(error.message) });
  const controller = createRoot((dispose) => {
    disposers.push(dispose);
    return createChatController({
      runAgent: run,
      prepareRun: () => ({ engine: idleEngine, tools: noTools }),
      persistence: () => sink,
    });
  });
  return { controller, store, id, sink, errors };
}

describe('chat persistence', () => {
  it('stores every turn as it happens and restores identical turns, tool cards included', async () => {
    const { controller, store, id, sink } = await setup();
    await controller.send('What is 30+7?');
    await controller.send('And again?');
    await sink.idle();
    const restored = restoreTurns(await store.load(id));
    expect(restored).toEqual(structuredClone(unwrap(controller.turns)));
    const card = restored[0]?.items.find((item) => item.kind === 'tool-call');
    expect(card).toMatchObject({ name: 'calculator', status: 'done', arguments: { expression: '30+7' }, result: '{"result":37}', durationMs: 12 });
    expect((await store.get(id))?.title).toBe('What is 30+7?');
  });

  it('regenerate and edit remove the later turns from the store too', async () => {
    const { controller, store, id, sink } = await setup();
    await controller.send('one');
    await controller.send('two');
    await controller.send('three');
    await controller.regenerate();
    await sink.idle();
    expect(restoreTurns(await store.load(id))).toEqual(structuredClone(unwrap(controller.turns)));
    const second = controller.turns[1]?.id ?? '';
    await controller.edit(second, 'two, edited');
    await sink.idle();
    const restored = restoreTurns(await store.load(id));
    expect(restored.map((turn) => turn.userText)).toEqual(['one', 'two, edited']);
    expect(restored).toEqual(structuredClone(unwrap(controller.turns)));
  });

  it('stores errors and the text shown so far', async () => {
    async function* failing(): AsyncGenerator<AgentEvent> {
      yield { type: 'step-start', step: 1 };
      yield { type: 'text-delta', step: 1, text: 'Half an ans' };
      yield { type: 'error', error: new TabagentError('network', 'The server went away.'), partialText: 'Half an ans' };
    }
    const { controller, store, id, sink } = await setup(failing);
    await controller.send('go');
    await sink.idle();
    const [turn] = restoreTurns(await store.load(id));
    expect(turn?.status).toBe('error');
    expect(turn?.error?.message).toBe('The server went away.');
    expect(turn).toEqual(structuredClone(unwrap(controller.turns[0])));
  });

  it('reports a failed write and keeps what is on screen', async () => {
    const quota = new TabagentError('storage', 'The disk is full: could not save the message.', { data: { reason: 'quota' } });
    const { controller, sink, errors } = await setup(calculatorRun, () => ({
      updateMessages: () => Promise.reject(quota),
    }));
    await controller.send('What is 30+7?');
    await sink.idle();
    expect(errors).toContain('The disk is full: could not save the message.');
    expect(controller.turns[0]?.status).toBe('done');
    expect(controller.turns[0]?.items.some((item) => item.kind === 'tool-call')).toBe(true);
  });
});
