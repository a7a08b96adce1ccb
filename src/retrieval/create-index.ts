import { FlatIndex } from './flat';
import { Int8FlatIndex } from './int8';

/**
 * Size from which {@link createVectorIndex} picks the int8 scan (+ f32 rescoring): there the scan is
 * memory-bound and int8 reads ¼ of the bytes; below it f32 rows fit in cache and need no rescoring.
 * Exact scans only: an HNSW graph index was measured (bench/retrieval.bench.ts, random 384-d vectors)
 * and removed, since it needed efSearch 1024 for recall@10 ≥ 0.95 at 10k (10 ms vs 0.5 ms for int8)
 * and built ~100× slower.
 */
export const INT8_MIN_SIZE = 5_000;

/** The index the benchmark favours for `expectedSize` vectors of dimension `dim`. */
export function createVectorIndex(dim: number, expectedSize = 0): FlatIndex | Int8FlatIndex {
  if (expectedSize >= INT8_MIN_SIZE) return new Int8FlatIndex(dim);
  return new FlatIndex(dim, Math.max(16, expectedSize));
}
