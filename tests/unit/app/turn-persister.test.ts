import { describe, expect, it, vi } from 'vitest';
import { createTurnPersister } from '../../../src/app/chat/turn-persister';
import { turnOpenerPatch, type ConversationStore, type MessageDraft, type MessageUpdate } from '../../../src/store';

// Counts the copies of a turn's items the persister makes (one per write, never one per delta).
vi.mock('../../../src/store', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/store')>();
  return { ...original, turnOpenerPatch: vi.fn(original.turnOpenerPatch) };
});
import type { Turn } from '../../../src/ui/chat/transcript';

/** The part of a ConversationStore the persister uses, recording what it is asked to write. */
function recordingStore() {
  const appended: MessageDraft[] = [];
  const updates: MessageUpdate[][] = [];
  const store = {
    appendMessages: async (_id: string, drafts: MessageDraft[]) => {
      appended.push(...drafts);
    },
    updateMessages: async (batch: readonly MessageUpdate[]) => {
      updates.push(structuredClone([...batch]));
    },
    get: async () => ({ title: 'Kept' }),
    rename: async () => undefined,
  };
  return { store: store as unknown as ConversationStore, appended, updates };
}

describe('turn persister while an answer streams', () => {
  it('writes the latest state, throttled, from the live turn: not a copy per delta', async () => {
    const { store, appended, updates } = recordingStore();
    const persister = createTurnPersister({ store: Promise.resolve(store), conversationId: Promise.resolve('c1'), onError: (error) => { throw error; } });
    const turn: Turn = { id: 't1', userText: 'hi', items: [], messages: [], status: 'running' };
    persister.started(turn, 1);
    await persister.idle();
    turn.items.push({ kind: 'assistant', id: 't1.0', step: 1, text: '', streaming: true, incomplete: false });
    const item = turn.items[0];
    if (item?.kind !== 'assistant') throw new Error('no item');
    vi.mocked(turnOpenerPatch).mockClear();
    for (let token = 0; token < 2000; token += 1) {
      item.text += 'x';
      persister.changed(turn);
    }
    await persister.idle();
    // 2,000 deltas within one throttle window: one or two writes, the last with all the text.
    expect(updates.length).toBeLessThanOrEqual(2);
    const last = updates.at(-1)?.[0];
    expect(last?.id).toBe('t1');
    expect(last?.patch.items?.[0]).toMatchObject({ kind: 'assistant', text: 'x'.repeat(2000) });
    expect(appended.map((draft) => draft.id)).toEqual(['t1']);
    expect(vi.mocked(turnOpenerPatch).mock.calls.length).toBeLessThanOrEqual(updates.length);
  });

  it('appends new history messages once, in order, before the opener is updated', async () => {
    const { store, appended } = recordingStore();
    const persister = createTurnPersister({ store: Promise.resolve(store), conversationId: Promise.resolve('c1'), onError: (error) => { throw error; } });
    const turn: Turn = { id: 't2', userText: 'hi', items: [], messages: [], status: 'running' };
    persister.started(turn, 1);
    turn.messages.push({ role: 'assistant', content: 'one' });
    persister.changed(turn);
    persister.changed(turn);
    turn.messages.push({ role: 'assistant', content: 'two' });
    persister.changed(turn);
    await persister.idle();
    expect(appended.map((draft) => draft.id)).toEqual(['t2', 't2.m0', 't2.m1']);
  });
});
