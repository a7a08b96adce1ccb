import type { TabagentDb } from './schema';
import { toStorageError } from './storage-error';
import { requestAll, writeTransaction } from './write-transaction';

/** One embedding of one text. */
export interface CachedVector {
  textHash: string;
  vector: Float32Array;
}

/**
 * A copy that owns exactly its own bytes. Structured clone stores a typed array's whole
 * underlying buffer, so a view into a large contiguous index would store the entire index.
 */
function ownBytes(vector: Float32Array): Float32Array {
  return vector.byteOffset === 0 && vector.buffer.byteLength === vector.byteLength ? vector : vector.slice();
}

/** Saves embeddings computed by `modelId`, all in one transaction (all or nothing). */
export async function putVectors(db: TabagentDb, modelId: string, vectors: readonly CachedVector[], now: number = Date.now()): Promise<void> {
  if (vectors.length === 0) return;
  await writeTransaction(db, ['vectors'], () => `save ${vectors.length} embeddings`, async (tx) => {
    const store = tx.objectStore('vectors');
    await requestAll(
      vectors.map(({ textHash, vector }) => () => store.put({ modelId, textHash, dims: vector.length, vector: ownBytes(vector), createdAt: now })),
    );
  });
}

/**
 * The stored embeddings of these texts by `modelId`, keyed by text hash; texts without one are
 * absent (embed them, then `putVectors`). Read once at start-up into memory: search never reads
 * IndexedDB.
 */
export async function getVectors(db: TabagentDb, modelId: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>> {
  try {
    const store = db.transaction('vectors').store;
    const records = await requestAll(textHashes.map((textHash) => () => store.get([modelId, textHash])));
    const found = new Map<string, Float32Array>();
    for (const record of records) {
      if (!record) continue;
      const vector = record.vector instanceof Float32Array ? record.vector : new Float32Array(record.vector);
      // A damaged record (wrong length) is treated as missing: it is recomputed, never searched.
      if (vector.length === record.dims) found.set(record.textHash, vector);
    }
    return found;
  } catch (error) {
    throw toStorageError(error, 'load the saved embeddings');
  }
}
