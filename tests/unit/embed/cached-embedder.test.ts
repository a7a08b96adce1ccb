/** The cached embedder: each (model, kind, text) is embedded once, whatever the cache round trips. */
import { describe, expect, it } from 'vitest';
import { createCachedEmbedder, embeddingTextHash, type Embedder, type EmbeddingKind, type EmbeddingVectorCache } from '../../../src/embed';
import type { CachedVector } from '../../../src/store/vector-cache';

/** A deterministic fake: the vector encodes the kind and text length, and every call is recorded. */
function countingEmbedder(): Embedder & { calls: { texts: string[]; kind: EmbeddingKind }[] } {
  const calls: { texts: string[]; kind: EmbeddingKind }[] = [];
  return {
    id: 'fake-model',
    dimensions: 2,
    calls,
    async load() {},
    async unload() {},
    async embed(texts, kind) {
      calls.push({ texts: [...texts], kind });
      return texts.map((text) => Float32Array.of(kind === 'query' ? 1 : 0, text.length));
    },
  };
}

/** An in-memory cache with the vector-cache functions' shape, keyed by [modelId, textHash]. */
function memoryCache(): EmbeddingVectorCache & { stored: Map<string, Float32Array> } {
  const stored = new Map<string, Float32Array>();
  return {
    stored,
    async getVectors(modelId, textHashes) {
      const found = new Map<string, Float32Array>();
      for (const hash of textHashes) {
        const vector = stored.get(`${modelId}|${hash}`);
        if (vector !== undefined) found.set(hash, vector);
      }
      return found;
    },
    async putVectors(modelId, vectors: readonly CachedVector[]) {
      for (const { textHash, vector } of vectors) stored.set(`${modelId}|${textHash}`, vector);
    },
  };
}

describe('createCachedEmbedder', () => {
  it('embeds only texts the cache lacks, once each', async () => {
    const inner = countingEmbedder();
    const cache = memoryCache();
    const embedder = createCachedEmbedder(inner, cache);
    const first = await embedder.embed(['alpha', 'beta', 'alpha'], 'passage');
    expect(inner.calls).toEqual([{ texts: ['alpha', 'beta'], kind: 'passage' }]);
    expect(first.map((vector) => Array.from(vector))).toEqual([[0, 5], [0, 4], [0, 5]]);

    const second = await embedder.embed(['beta', 'gamma', 'alpha'], 'passage');
    expect(inner.calls).toHaveLength(2);
    expect(inner.calls[1]).toEqual({ texts: ['gamma'], kind: 'passage' });
    expect(second.map((vector) => Array.from(vector))).toEqual([[0, 4], [0, 5], [0, 5]]);

    await embedder.embed(['alpha', 'beta', 'gamma'], 'passage');
    expect(inner.calls).toHaveLength(2);
    expect(cache.stored.size).toBe(3);
  });

  it('keeps queries and passages apart: the kind decides the prefix', async () => {
    const inner = countingEmbedder();
    const embedder = createCachedEmbedder(inner, memoryCache());
    const [passage] = await embedder.embed(['alpha'], 'passage');
    const [query] = await embedder.embed(['alpha'], 'query');
    expect(inner.calls.map((call) => call.kind)).toEqual(['passage', 'query']);
    expect(Array.from(query!)).toEqual([1, 5]);
    expect(Array.from(passage!)).toEqual([0, 5]);
    expect(await embeddingTextHash('alpha', 'query')).not.toBe(await embeddingTextHash('alpha', 'passage'));
    expect(await embeddingTextHash('alpha', 'query')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keys vectors by the model id, so another model embeds again', async () => {
    const cache = memoryCache();
    const first = countingEmbedder();
    await createCachedEmbedder(first, cache).embed(['alpha'], 'passage');
    const other = { ...countingEmbedder(), id: 'other-model' };
    const otherCalls = other.calls;
    await createCachedEmbedder(other, cache).embed(['alpha'], 'passage');
    expect(otherCalls).toHaveLength(1);
    expect(cache.stored.size).toBe(2);
  });

  it('passes an aborted signal through without embedding', async () => {
    const inner = countingEmbedder();
    const controller = new AbortController();
    controller.abort();
    await expect(createCachedEmbedder(inner, memoryCache()).embed(['a'], 'query', controller.signal)).rejects.toMatchObject({ code: 'aborted' });
    expect(inner.calls).toHaveLength(0);
  });
});
