import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { addNetworkLogEntry, getVectors, listNetworkLog, putVectors } from '../../../src/store';
import { StoreScope } from './support';

let scope = new StoreScope();
afterEach(async () => {
  await scope.cleanup();
  scope = new StoreScope();
});

describe('vector cache', () => {
  it('stores embeddings per model and text, and loads them back as Float32Array after a reload', async () => {
    const db = await scope.open();
    // Views into one contiguous buffer, as an in-memory index holds them.
    const index = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    await putVectors(db, 'minilm', [
      { textHash: 'a', vector: index.subarray(0, 4) },
      { textHash: 'b', vector: index.subarray(4, 8) },
    ]);
    await putVectors(db, 'other', [{ textHash: 'a', vector: new Float32Array([9, 9]) }]);
    const reloaded = await scope.open();
    const found = await getVectors(reloaded, 'minilm', ['a', 'b', 'missing']);
    expect([...found.keys()]).toEqual(['a', 'b']);
    expect(found.get('b')).toEqual(new Float32Array([5, 6, 7, 8]));
    // Only its own four floats were stored, not the whole shared buffer.
    expect(found.get('a')?.buffer.byteLength).toBe(16);
    expect((await getVectors(reloaded, 'other', ['a'])).get('a')).toEqual(new Float32Array([9, 9]));
  });

  it('reads a vector stored as an ArrayBuffer and treats a wrong-length one as missing', async () => {
    const db = await scope.open();
    await db.put('vectors', { modelId: 'm', textHash: 'buf', dims: 2, vector: new Float32Array([1, 2]).buffer, createdAt: 0 });
    await db.put('vectors', { modelId: 'm', textHash: 'bad', dims: 3, vector: new Float32Array([1, 2]), createdAt: 0 });
    const found = await getVectors(db, 'm', ['buf', 'bad']);
    expect(found.get('buf')).toEqual(new Float32Array([1, 2]));
    expect(found.has('bad')).toBe(false);
  });
});

describe('network log', () => {
  const entry = (time: number) => ({ time, method: 'GET', url: `https://a.example/${time}`, origin: 'https://a.example', outcome: 'allowed' as const });

  it('lists newest first, filters by time, and keeps only the newest entries', async () => {
    const db = await scope.open();
    for (const next of [entry(1), entry(2), entry(3), entry(4), entry(5), { ...entry(6), outcome: 'blocked' as const, reason: 'not an allowed origin' }]) {
      await addNetworkLogEntry(db, next, 4);
    }
    const all = await listNetworkLog(db);
    expect(all.map((e) => e.time)).toEqual([6, 5, 4, 3]);
    expect(all[0]).toMatchObject({ outcome: 'blocked', id: 6 });
    expect((await listNetworkLog(db, { since: 5 })).map((e) => e.time)).toEqual([6, 5]);
    expect((await listNetworkLog(db, { limit: 1 })).map((e) => e.time)).toEqual([6]);
  });

  it('reports a closed connection as a storage error', async () => {
    const db = await scope.open();
    db.close();
    const error = await addNetworkLogEntry(db, entry(1)).catch((e: unknown) => e);
    expect(TabagentError.is(error) && error.message).toMatch(/could not record the network log/);
  });
});
