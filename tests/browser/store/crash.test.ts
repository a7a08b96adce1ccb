import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { writeTransaction, type MessageDraft } from '../../../src/store';
import { StoreScope } from './support';

let scope = new StoreScope();
afterEach(async () => {
  document.querySelectorAll('iframe[data-crash-tab]').forEach((frame) => frame.remove());
  await scope.cleanup();
  scope = new StoreScope();
});

const BATCH = 25;

/**
 * A second tab, in an iframe, that writes batches of messages as fast as it can with plain
 * IndexedDB (one transaction per batch) and reports each commit to this page.
 */
function startWritingTab(dbName: string, conversationId: string): HTMLIFrameElement {
  const script = `
    const open = indexedDB.open(${JSON.stringify(dbName)});
    open.onsuccess = () => {
      const db = open.result;
      const write = (batch) => {
        const tx = db.transaction('messages', 'readwrite');
        for (let i = 0; i < ${BATCH}; i += 1) {
          tx.objectStore('messages').put({
            id: 'b' + batch + '-' + i, conversationId: ${JSON.stringify(conversationId)}, seq: batch * ${BATCH} + i,
            role: 'user', content: 'x'.repeat(2000), createdAt: 0, updatedAt: 0,
          });
        }
        tx.oncomplete = () => { parent.postMessage({ crashTab: batch }, '*'); write(batch + 1); };
      };
      write(0);
    };`;
  const frame = document.createElement('iframe');
  frame.dataset.crashTab = '';
  frame.srcdoc = `<script>${script}</script>`;
  document.body.append(frame);
  return frame;
}

describe('crash mid-write', () => {
  it('a tab killed while writing leaves every batch whole or absent', async () => {
    const store = await scope.store();
    const { id } = await store.create({ title: 'Crash' });
    for (const killAfter of [2, 7]) {
      await store.delete(id).then(() => store.create({ id, title: 'Crash' }));
      const frame = startWritingTab(scope.dbName, id);
      await new Promise<void>((resolve) => {
        const onMessage = (event: MessageEvent<{ crashTab?: number }>) => {
          if ((event.data.crashTab ?? -1) < killAfter) return;
          // Killed mid-stream: the tab is gone while its next transaction is in flight.
          frame.remove();
          window.removeEventListener('message', onMessage);
          resolve();
        };
        window.addEventListener('message', onMessage);
      });
      const messages = await store.load(id);
      const sizes = new Map<string, number>();
      for (const message of messages) {
        const batch = message.id.split('-')[0] ?? '';
        sizes.set(batch, (sizes.get(batch) ?? 0) + 1);
      }
      expect([...sizes.values()].every((size) => size === BATCH)).toBe(true);
      expect(sizes.size).toBeGreaterThan(killAfter);
      expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: messages.length }, (_, i) => i));
    }
  });

  it('closing the connection during an append commits all of it or nothing', async () => {
    const db = await scope.open();
    const store = scope.storeOn(db);
    const { id } = await store.create();
    await store.appendMessages(id, [{ role: 'user', content: 'before' }]);
    const drafts: MessageDraft[] = Array.from({ length: 200 }, (_, i) => ({ role: 'assistant', content: `m${i}` }));
    const append = store.appendMessages(id, drafts).then(
      () => 'committed',
      (error: unknown) => (TabagentError.is(error) ? error.code : 'untyped'),
    );
    db.close();
    const outcome = await append;
    const stored = await (await scope.store()).load(id);
    // Chromium lets a transaction started before close() finish; either way it is whole or absent.
    expect(['committed', 'storage']).toContain(outcome);
    expect(stored).toHaveLength(outcome === 'committed' ? 201 : 1);
  });

  it('a record that cannot be stored rolls back the whole batch, and the positions stay free', async () => {
    const store = await scope.store();
    const { id } = await store.create();
    await store.appendMessages(id, [{ role: 'user', content: 'kept' }]);
    // A function cannot be structured-cloned: the third put throws DataCloneError after two succeeded.
    const poisoned: MessageDraft = { role: 'assistant', content: 'x', toolCalls: [{ id: 'c', name: 'f', arguments: { run: () => 1 } }] };
    const error = await store
      .appendMessages(id, [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }, poisoned, { role: 'user', content: 'd' }])
      .catch((e: unknown) => e);
    expect(TabagentError.is(error) && error.code).toBe('storage');
    expect(TabagentError.is(error) && error.data.reason).toBeUndefined();
    expect((await store.load(id)).map((m) => m.content)).toEqual(['kept']);
    expect((await store.appendMessages(id, [{ role: 'user', content: 'next' }]))[0]?.seq).toBe(1);
  });

  it('a transaction that fails part-way leaves nothing behind (writeTransaction aborts it)', async () => {
    const db = await scope.open();
    const error = await writeTransaction(db, ['memories'], () => 'save the memories', async (tx) => {
      const memories = tx.objectStore('memories');
      for (let i = 0; i < 10; i += 1) await memories.put({ id: `m${i}`, text: 't', textHash: 'h', tags: [], createdAt: i, updatedAt: i });
      throw new Error('failed after ten writes');
    }).catch((e: unknown) => e);
    expect(TabagentError.is(error) && error.message).toMatch(/could not save the memories: failed after ten writes/);
    expect(await db.count('memories')).toBe(0);
  });
});
