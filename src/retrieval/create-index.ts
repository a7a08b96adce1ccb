import { FlatIndex } from './flat';
import { HnswIndex } from './hnsw';
import { Int8FlatIndex } from './int8';

/**
 * Size from which {@link createVectorIndex} picks HNSW: never. On the benchmark (bench/retrieval.bench.ts,
 * random 384-d vectors) HNSW needs efSearch ≈ 512+ for recall@10 ≥ 0.95 at 10k, which costs more than
 * an exact SIMD scan, and it builds ~100× slower; the flat SIMD scans win at every size measured.
 */
export const HNSW_MIN_SIZE = Number.POSITIVE_INFINITY;

/**
 * Size from which {@link createVectorIndex} picks the int8 scan (+ f32 rescoring): there the scan is
 * memory-bound and int8 reads ¼ of the bytes; below it f32 rows fit in cache and need no rescoring.
 */
export const INT8_MIN_SIZE = 5_000;

/** The index the benchmark favours for `expectedSize` vectors of dimension `dim`. */
export function createVectorIndex(dim: number, expectedSize = 0): FlatIndex | Int8FlatIndex | HnswIndex {
  if (expectedSize >= HNSW_MIN_SIZE) return new HnswIndex(dim);
  if (expectedSize >= INT8_MIN_SIZE) return new Int8FlatIndex(dim);
  return new FlatIndex(dim, Math.max(16, expectedSize));
}
