/**
 * Retrieval: rank thousands of tools (later memories and knowledge chunks) against a query.
 * Pure TypeScript over typed arrays; persistence is serialise()/deserialise() to structured-clone
 * friendly objects that the store saves in IndexedDB (never read during search).
 */
import { Bm25Index, type Bm25IndexData } from './bm25';
import { FlatIndex, type FlatIndexData } from './flat';
import { Int8FlatIndex, type Int8IndexData } from './int8';

export { Bm25Index, type Bm25IndexData, type Bm25Params } from './bm25';
export { FlatIndex, type FlatIndexData } from './flat';
export { Int8FlatIndex, type Int8IndexData, type Int8Options } from './int8';
export { reciprocalRankFusion, DEFAULT_RRF_K, type FusedHit, type FusionComponent } from './fusion';
export { rankTools, type RankOptions, type RankedItem } from './rank';
export { tokenize, stem } from './tokenize';
export { EARLIER_WEIGHT, embedQuery, queryParts, termWeights, type EmbedQueryTexts, type QueryParts, type RetrievalQuery } from './query';
export { instantiateScanKernels, type ScanKernels } from './wasm-kernels';
export { toPredicate, type Filter, type SearchHit, type VectorIndex } from './types';

/** Any persisted vector index. */
export type VectorIndexData = FlatIndexData | Int8IndexData;

/** Restores whichever vector index a snapshot holds, without recomputing it. */
export function loadVectorIndex(data: VectorIndexData): FlatIndex | Int8FlatIndex {
  switch (data.kind) {
    case 'flat-f32':
      return FlatIndex.deserialise(data);
    case 'flat-int8':
      return Int8FlatIndex.deserialise(data);
  }
}

/** Restores a BM25 index snapshot. */
export function loadBm25Index(data: Bm25IndexData): Bm25Index {
  return Bm25Index.deserialise(data);
}

export { createVectorIndex, INT8_MIN_SIZE } from './create-index';
export { splitIdentifier, toolSearchText, type SearchableTool } from './tool-text';
export { ToolSelector, type EmbedTexts, type SelectedTool, type ToolSelectionResult, type ToolSelectorOptions } from './tool-selector';
