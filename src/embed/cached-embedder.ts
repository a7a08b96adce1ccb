/**
 * An Embedder that looks every text up in a vector cache first and embeds only the misses, in
 * one call, then saves them: re-indexing the same notes or asking the same question costs nothing.
 */
import type { TabagentDb } from '../store/schema';
import { getVectors, putVectors, type CachedVector } from '../store/vector-cache';
import { throwIfAborted } from '../core/abort';
import type { Embedder, EmbeddingKind } from './types';

/** The vector cache's functions (src/store/vector-cache.ts) with the database bound. */
export interface EmbeddingVectorCache {
  getVectors(modelId: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>>;
  putVectors(modelId: string, vectors: readonly CachedVector[]): Promise<void>;
}

/** The IndexedDB-backed cache. */
export function databaseVectorCache(db: TabagentDb): EmbeddingVectorCache {
  return {
    getVectors: (modelId, textHashes) => getVectors(db, modelId, textHashes),
    putVectors: (modelId, vectors) => putVectors(db, modelId, vectors),
  };
}

/**
 * The cache key of `text` embedded as `kind`: SHA-256 hex of both. The kind decides the prefix, so
 * a query and a passage with the same words never share a vector; the model is the cache's other key.
 */
export async function embeddingTextHash(text: string, kind: EmbeddingKind): Promise<string> {
  const bytes = new TextEncoder().encode(`${kind}\u0000${text}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Wraps `embedder`; load and unload pass through, and vectors are keyed by `embedder.id`. */
export function createCachedEmbedder(embedder: Embedder, cache: EmbeddingVectorCache): Embedder {
  async function embed(texts: readonly string[], kind: EmbeddingKind, signal?: AbortSignal): Promise<Float32Array[]> {
    throwIfAborted(signal);
    if (texts.length === 0) return [];
    const hashes = await Promise.all(texts.map((text) => embeddingTextHash(text, kind)));
    const found = await cache.getVectors(embedder.id, [...new Set(hashes)]);
    // A text repeated within one call is embedded once.
    const missing = new Map<string, string>();
    hashes.forEach((hash, index) => {
      if (!found.has(hash) && !missing.has(hash)) missing.set(hash, texts[index]!);
    });
    if (missing.size > 0) {
      const computed = await embedder.embed([...missing.values()], kind, signal);
      const fresh: CachedVector[] = [...missing.keys()].map((textHash, index) => ({ textHash, vector: computed[index]! }));
      await cache.putVectors(embedder.id, fresh);
      for (const { textHash, vector } of fresh) found.set(textHash, vector);
    }
    return hashes.map((hash) => found.get(hash)!);
  }

  return {
    get id() {
      return embedder.id;
    },
    get dimensions() {
      return embedder.dimensions;
    },
    load: (onProgress, signal) => embedder.load(onProgress, signal),
    embed,
    unload: () => embedder.unload(),
  };
}
