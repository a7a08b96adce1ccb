import type { Bm25Index } from './bm25';
import type { RetrievalQuery } from './query';
import { DEFAULT_RRF_K, reciprocalRankFusion, type FusedHit } from './fusion';
import type { Filter, VectorIndex } from './types';

/** Inputs of {@link rankTools}. Either retriever may be left out; with neither only pins come back. */
export interface RankOptions {
  /** A vector index and the embedding of the query (embedding happens outside this module). */
  dense?: { index: VectorIndex; vector: ArrayLike<number> };
  bm25?: Bm25Index;
  /** E.g. the enabled tools; applied during each scan. Pins bypass it (pinning is explicit). */
  filter?: Filter;
  /** How many items to return (pins count toward it but are never dropped). Default 8. */
  k?: number;
  /** Ids always included, first and in this order. */
  pinned?: readonly string[];
  /** How deep each list is read before fusion. Default max(50, 4k). */
  depth?: number;
  /** RRF constant. Default 60. */
  rrfK?: number;
}

/** A ranked item with its fused score and components; `pinned` items may have no components. */
export interface RankedItem extends FusedHit {
  pinned: boolean;
}

/**
 * Ranks tools (or memories, chunks) for `query`: dense and BM25 top lists fused by RRF, then pins
 * first, then the best others until k items. Scores and ranks of both components are returned.
 */
export function rankTools(query: RetrievalQuery, options: RankOptions): RankedItem[] {
  const k = Math.max(0, Math.floor(options.k ?? 8));
  const depth = options.depth ?? Math.max(50, 4 * k);
  const dense = options.dense ? options.dense.index.search(options.dense.vector, depth, options.filter) : [];
  const bm25 = options.bm25 ? options.bm25.search(query, depth, options.filter) : [];
  const fused = reciprocalRankFusion(dense, bm25, options.rrfK ?? DEFAULT_RRF_K);
  const byId = new Map(fused.map((hit) => [hit.id, hit]));
  const pinned = [...new Set(options.pinned ?? [])];
  const pinnedSet = new Set(pinned);
  const result: RankedItem[] = pinned.map((id) => ({ ...(byId.get(id) ?? { id, score: 0, dense: null, bm25: null }), pinned: true }));
  for (const hit of fused) {
    if (result.length >= k) break;
    if (!pinnedSet.has(hit.id)) result.push({ ...hit, pinned: false });
  }
  return result;
}
