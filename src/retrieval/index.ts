/**
 * Retrieval: rank thousands of tools (later memories and knowledge chunks) against a query.
 * Pure TypeScript over typed arrays; persistence is serialise()/deserialise() to structured-clone
 * friendly objects that the store saves in IndexedDB (never read during search).
 */
import { Bm25Index, type Bm25IndexData } from './bm25';
import { FlatIndex, type FlatIndexData } from './flat';
import { HnswIndex, type HnswIndexData } from './hnsw';
import { Int8FlatIndex, type Int8IndexData } from './int8';

export { Bm25Index, type Bm25IndexData, type Bm25Params } from './bm25';
export { FlatIndex, type FlatIndexData } from './flat';
export { Int8FlatIndex, type Int8IndexData, type Int8Options } from './int8';
export { HnswIndex, type HnswIndexData, type HnswParams } from './hnsw';
export { reciprocalRankFusion, DEFAULT_RRF_K, type FusedHit, type FusionComponent } from './fusion';
export { rankTools, type RankOptions, type RankedItem } from './rank';
export { tokenize, stem } from './tokenize';
export { instantiateScanKernels, type ScanKernels } from './wasm-kernels';
export { toPredicate, type Filter, type SearchHit, type VectorIndex } from './types';

/** Any persisted vector index. */
export type VectorIndexData = FlatIndexData | Int8IndexData | HnswIndexData;

/** Restores whichever vector index a snapshot holds, without recomputing it. */
export function loadVectorIndex(data: VectorIndexData): FlatIndex | Int8FlatIndex | HnswIndex {
  switch (data.kind) {
    case 'flat-f32':
      return FlatIndex.deserialise(data);
    case 'flat-int8':
      return Int8FlatIndex.deserialise(data);
    case 'hnsw':
      return HnswIndex.deserialise(data);
  }
}

/** Restores a BM25 index snapshot. */
export function loadBm25Index(data: Bm25IndexData): Bm25Index {
  return Bm25Index.deserialise(data);
}

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
export { splitIdentifier, toolSearchText, type SearchableTool } from './tool-text';
export { ToolSelector, type EmbedTexts, type SelectedTool, type ToolSelectionResult, type ToolSelectorOptions } from './tool-selector';
