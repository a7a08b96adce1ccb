import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { subscribeToStoreChanges, TABAGENT_DB_VERSION, type StoreChange } from '../../../src/store';
import { StoreScope } from './support';

let scope = new StoreScope();
afterEach(async () => {
  await scope.cleanup();
  scope = new StoreScope();
});

function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (performance.now() - started > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('several tabs', () => {
  it('four connections appending to one conversation at once store every message once, in one consistent order', async () => {
    const tabs = await Promise.all([0, 1, 2, 3].map(() => scope.store()));
    const { id } = await (await scope.store()).create({ title: 'Shared' });
    const batches = 20;
    await Promise.all(
      tabs.map(async (tab, t) => {
        for (let b = 0; b < batches; b += 1) {
          const size = 1 + ((t + b) % 3);
          // No await between tabs: their transactions interleave and queue on the store.
          await tab.appendMessages(id, Array.from({ length: size }, (_, i) => ({ id: `tab${t}-b${b}-${i}`, role: 'user' as const, content: `${t}/${b}/${i}` })));
        }
      }),
    );
    const messages = await (await scope.store()).load(id);
    const expected = [0, 1, 2, 3].reduce((sum, t) => sum + Array.from({ length: batches }, (_, b) => 1 + ((t + b) % 3)).reduce((a, c) => a + c, 0), 0);
    expect(messages).toHaveLength(expected);
    expect(new Set(messages.map((m) => m.id)).size).toBe(expected);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: expected }, (_, i) => i));
    for (let t = 0; t < 4; t += 1) {
      const own = messages.filter((m) => m.id.startsWith(`tab${t}-`)).map((m) => m.content);
      const sorted = [...own].sort((a, b) => {
        const [, ab = 0, ai = 0] = a.split('/').map(Number);
        const [, bb = 0, bi = 0] = b.split('/').map(Number);
        return ab - bb || ai - bi;
      });
      expect(own).toEqual(sorted);
    }
    // A batch is contiguous: no other tab's message lands inside it.
    for (const message of messages) {
      const [, , i = 0] = message.content.split('/').map(Number);
      if (i > 0) expect(messages[message.seq - 1]?.id).toBe(message.id.replace(/-\d+$/, `-${i - 1}`));
    }
  });

  it('tells other tabs what changed, after the commit, and lets a tab skip its own notices', async () => {
    const tabA = await scope.store();
    const tabB = await scope.store();
    const heardByB: StoreChange[] = [];
    const heardAll: StoreChange[] = [];
    const stopB = subscribeToStoreChanges((change) => heardByB.push(change), { channelName: scope.channelName, ignoreSource: tabB.source });
    const stopAll = subscribeToStoreChanges((change) => heardAll.push(change), { channelName: scope.channelName });
    try {
      const { id } = await tabA.create();
      await tabA.appendMessages(id, [{ id: 'm', role: 'user', content: 'hi' }]);
      await tabB.updateMessage('m', { content: 'hi!' });
      await tabA.delete(id);
      await waitFor(() => heardAll.length === 4);
      expect(heardAll.map((c) => [c.type, c.id])).toEqual([
        ['conversation-changed', id],
        ['messages-appended', id],
        ['conversation-changed', id],
        ['conversation-deleted', id],
      ]);
      expect(heardByB.map((c) => c.type)).toEqual(['conversation-changed', 'messages-appended', 'conversation-deleted']);
      expect(heardAll.every((c) => c.source === tabA.source || c.source === tabB.source)).toBe(true);
    } finally {
      stopB();
      stopAll();
    }
  });

  it('ignores malformed messages on the channel', async () => {
    const heard: StoreChange[] = [];
    const stop = subscribeToStoreChanges((change) => heard.push(change), { channelName: scope.channelName });
    const rogue = new BroadcastChannel(scope.channelName);
    try {
      rogue.postMessage({ type: 'drop-everything', id: 'x', source: 's' });
      rogue.postMessage('conversation-deleted');
      rogue.postMessage({ type: 'conversation-deleted', id: 'real', source: 's' });
      await waitFor(() => heard.length === 1);
      expect(heard[0]?.id).toBe('real');
    } finally {
      rogue.close();
      stop();
    }
  });

  it('an older tab yields within 1 s when a newer version opens, says so, and its writes fail cleanly', async () => {
    let notified = 0;
    const oldDb = await scope.open({ onVersionChange: () => (notified += 1) });
    const oldTab = scope.storeOn(oldDb);
    const { id } = await oldTab.create({ title: 'Before the upgrade' });
    const started = performance.now();
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(scope.dbName, TABAGENT_DB_VERSION + 1);
      request.onupgradeneeded = () => request.result.createObjectStore('fromTheFuture');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked by the old tab'));
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(notified).toBe(1);
    expect([...newer.objectStoreNames]).toContain('conversations');
    newer.close();
    const error = await oldTab.appendMessages(id, [{ role: 'user', content: 'late' }]).catch((e: unknown) => e);
    expect(TabagentError.is(error) && error.code).toBe('storage');
  });
});
