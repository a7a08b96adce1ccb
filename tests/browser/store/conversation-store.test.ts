import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { TABAGENT_DB_VERSION, draftsFromTurns, restoreTurns, type StoredTurn } from '../../../src/store';
import type { Turn } from '../../../src/ui/chat/transcript';
import { StoreScope } from './support';

let scope = new StoreScope();
afterEach(async () => {
  await scope.cleanup();
  scope = new StoreScope();
});

function clock(start = 1_000): () => number {
  let time = start;
  return () => (time += 1);
}

/** Turns as the chat holds them: text, every card status, an error, an incomplete stream. */
const turns: Turn[] = [
  {
    id: 't1',
    userText: 'What is 2+2, and convert 3 km to miles?',
    status: 'done',
    items: [
      { kind: 'assistant', id: 't1.0', step: 0, text: 'Let me compute.', streaming: false, incomplete: false },
      { kind: 'tool-call', id: 't1.1', step: 0, callId: 'c1', name: 'calculator', arguments: { expression: '2+2' }, status: 'done', result: '{"value":4}', durationMs: 12 },
      { kind: 'tool-call', id: 't1.2', step: 0, callId: 'c2', name: 'unit_convert', arguments: { value: 3, from: 'km', to: 'mi', nested: { a: [1, null, 'x'] } }, status: 'denied', result: 'You declined.', durationMs: 0 },
      { kind: 'assistant', id: 't1.3', step: 1, text: '2+2 = **4**.', streaming: false, incomplete: false },
    ],
    messages: [
      { role: 'assistant', content: 'Let me compute.', toolCalls: [{ id: 'c1', name: 'calculator', arguments: { expression: '2+2' } }, { id: 'c2', name: 'unit_convert', arguments: { value: 3, from: 'km', to: 'mi', nested: { a: [1, null, 'x'] } } }] },
      { role: 'tool', toolCallId: 'c1', name: 'calculator', content: '{"value":4}' },
      { role: 'tool', toolCallId: 'c2', name: 'unit_convert', content: '{"error":"denied"}' },
      { role: 'assistant', content: '2+2 = **4**.' },
    ],
  },
  {
    id: 't2',
    userText: 'Search the web',
    status: 'error',
    error: { code: 'network', message: 'The server could not be reached.' },
    items: [
      { kind: 'tool-call', id: 't2.0', step: 0, callId: 'c3', name: 'fetch_page', arguments: {}, status: 'stopped' },
      { kind: 'tool-call', id: 't2.1', step: 0, callId: 'c4', name: 'send_mail', arguments: { to: 'a@b.c' }, status: 'awaiting-approval' },
      { kind: 'assistant', id: 't2.2', step: 0, text: 'Partial answ', streaming: false, incomplete: true },
    ],
    messages: [{ role: 'user', content: 'Correction: your call had bad arguments.' }],
  },
  { id: 't3', userText: 'Still running…', status: 'running', items: [{ kind: 'assistant', id: 't3.0', step: 0, text: 'Stre', streaming: true, incomplete: false }], messages: [] },
];

describe('ConversationStore', () => {
  it('creates, renames, updates options and lists by updatedAt, newest first', async () => {
    const store = await scope.store({ now: clock() });
    const first = await store.create({ title: 'First' });
    const second = await store.create({ title: 'Second', knowledgeBaseIds: ['kb1'] });
    expect(second).toMatchObject({ pinned: false, trainingOptIn: false, knowledgeBaseIds: ['kb1'] });
    expect((await store.list()).map((c) => c.title)).toEqual(['Second', 'First']);
    await store.rename(first.id, 'First, renamed');
    expect((await store.list()).map((c) => c.title)).toEqual(['First, renamed', 'Second']);
    const updated = await store.update(second.id, { pinned: true, trainingOptIn: true });
    expect(updated).toMatchObject({ pinned: true, trainingOptIn: true, title: 'Second', createdAt: second.createdAt });
    expect(await store.get(second.id)).toEqual(updated);
  });

  it('appends many messages in one transaction, in seq order, and loads them back after a reload', async () => {
    const store = await scope.store({ now: clock() });
    const conversation = await store.create({ title: 'Chat' });
    const stored = await store.appendMessages(conversation.id, [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello', incomplete: true },
    ]);
    expect(stored.map((m) => m.seq)).toEqual([0, 1]);
    await store.appendMessages(conversation.id, [{ role: 'user', content: 'again' }]);
    const reloaded = await scope.store();
    const messages = await reloaded.load(conversation.id);
    expect(messages.map((m) => [m.seq, m.role, m.content])).toEqual([[0, 'user', 'hi'], [1, 'assistant', 'hello'], [2, 'user', 'again']]);
    expect(messages[1]?.incomplete).toBe(true);
    expect((await reloaded.get(conversation.id))?.updatedAt).toBeGreaterThan(conversation.updatedAt);
  });

  it('stores a retried append once: a known id is updated in place, keeping its seq', async () => {
    const store = await scope.store();
    const { id } = await store.create();
    await store.appendMessages(id, [{ id: 'm1', role: 'user', content: 'one' }, { id: 'm2', role: 'assistant', content: 'tw' }]);
    await store.appendMessages(id, [{ id: 'm2', role: 'assistant', content: 'two' }, { id: 'm3', role: 'user', content: 'three' }]);
    expect((await store.load(id)).map((m) => [m.id, m.seq, m.content])).toEqual([['m1', 0, 'one'], ['m2', 1, 'two'], ['m3', 2, 'three']]);
  });

  it('updates one message, keeping its identity fields', async () => {
    const store = await scope.store({ now: clock() });
    const { id } = await store.create();
    const [message] = await store.appendMessages(id, [{ id: 'a', role: 'assistant', content: 'par' }]);
    const updated = await store.updateMessage('a', { content: 'partial', incomplete: false });
    expect(updated).toMatchObject({ id: 'a', conversationId: id, seq: 0, content: 'partial', createdAt: message?.createdAt });
    expect(updated.updatedAt).toBeGreaterThan(message?.updatedAt ?? Infinity);
  });

  it('skips a message deleted meanwhile in a batch update, so the rest of the batch still saves', async () => {
    const store = await scope.store();
    const gone = await store.create();
    const kept = await store.create();
    await store.appendMessages(gone.id, [{ id: 'g', role: 'assistant', content: 'g' }]);
    await store.appendMessages(kept.id, [{ id: 'k', role: 'assistant', content: 'k' }]);
    await store.delete(gone.id);
    const written = await store.updateMessages([{ id: 'g', patch: { content: 'g2' } }, { id: 'k', patch: { content: 'k2' } }]);
    expect(written.map((m) => m.id)).toEqual(['k']);
    expect((await store.load(kept.id))[0]?.content).toBe('k2');
    expect(await store.load(gone.id)).toEqual([]);
  });

  it('deletes a conversation and every message of it, leaving other conversations alone', async () => {
    const store = await scope.store();
    const doomed = await store.create({ title: 'Doomed' });
    const kept = await store.create({ title: 'Kept' });
    await store.appendMessages(doomed.id, Array.from({ length: 30 }, (_, i) => ({ role: 'user' as const, content: `d${i}` })));
    await store.appendMessages(kept.id, [{ role: 'user', content: 'k' }]);
    await store.delete(doomed.id);
    expect(await store.get(doomed.id)).toBeUndefined();
    expect(await store.load(doomed.id)).toEqual([]);
    expect((await store.load(kept.id)).map((m) => m.content)).toEqual(['k']);
    expect((await store.list()).map((c) => c.title)).toEqual(['Kept']);
  });

  it('refuses to write into a deleted conversation (no orphan messages)', async () => {
    const store = await scope.store();
    const { id } = await store.create();
    await store.appendMessages(id, [{ id: 'x', role: 'user', content: 'x' }]);
    await store.delete(id);
    for (const attempt of [store.appendMessages(id, [{ role: 'user', content: 'late' }]), store.updateMessage('x', { content: 'late' })]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(TabagentError.is(error) && [error.code, error.data.reason]).toEqual(['storage', 'deleted']);
    }
    expect(await store.load(id)).toEqual([]);
  });

  it('restores every turn exactly after a reload: text, cards (status, arguments, result, duration), errors', async () => {
    const store = await scope.store();
    const { id } = await store.create({ title: 'Restore' });
    await store.appendMessages(id, draftsFromTurns(turns));
    const restored: Turn[] = restoreTurns(await (await scope.store()).load(id));
    expect(restored).toEqual(turns);
    // Saving the same turns again stores nothing twice.
    await store.appendMessages(id, draftsFromTurns(turns));
    expect(restoreTurns(await store.load(id))).toEqual(turns);
  });

  it("stores turns of exactly the chat transcript's type", () => {
    // A type-level check: `npm run typecheck` fails when the store's turn shape and the chat's
    // transcript differ in any property (missing, extra, optional or narrower).
    expectTypeOf<StoredTurn>().toEqualTypeOf<Turn>();
    expectTypeOf<StoredTurn['items'][number]>().toEqualTypeOf<Turn['items'][number]>();
  });

  it('opens at the current version with every store', async () => {
    const db = await scope.open();
    expect(db.version).toBe(TABAGENT_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      [
        'agents',
        'conversations',
        'evalExamples',
        'evalRuns',
        'knowledgeBases',
        'knowledgeChunks',
        'knowledgeDocuments',
        'mcpServers',
        'memories',
        'messages',
        'networkLog',
        'secrets',
        'settings',
        'tools',
        'vectors',
      ].sort(),
    );
  });
});
