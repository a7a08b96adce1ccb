import type { SearchHit } from './types';

/** One list's part in a fused score, kept so the UI can show why an item ranked where it did. */
export interface FusionComponent {
  /** 1-based rank in that list. */
  rank: number;
  /** The list's own score (cosine or BM25). */
  score: number;
  /** This list's contribution to the fused score: 1 / (k + rank). */
  rrf: number;
}

/** A fused result: RRF score plus each component (null when the item was absent from that list). */
export interface FusedHit {
  id: string;
  score: number;
  dense: FusionComponent | null;
  bm25: FusionComponent | null;
}

/** Default RRF constant from Cormack et al. (2009): damps the weight of the very top ranks. */
export const DEFAULT_RRF_K = 60;

/**
 * Reciprocal rank fusion of a dense and a BM25 list (each best first): score(id) = Σ 1 / (k + rank).
 * RRF needs no score calibration between cosine and BM25, which live on unrelated scales.
 * Ties are ordered by id so the result is deterministic.
 */
export function reciprocalRankFusion(dense: readonly SearchHit[], bm25: readonly SearchHit[], k = DEFAULT_RRF_K): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  const visit = (list: readonly SearchHit[], key: 'dense' | 'bm25'): void => {
    list.forEach((hit, index) => {
      const rank = index + 1;
      const rrf = 1 / (k + rank);
      let entry = fused.get(hit.id);
      if (!entry) {
        entry = { id: hit.id, score: 0, dense: null, bm25: null };
        fused.set(hit.id, entry);
      }
      // A list should hold an id once; if not, its best (first) rank counts.
      if (entry[key] !== null) return;
      entry[key] = { rank, score: hit.score, rrf };
      entry.score += rrf;
    });
  };
  visit(dense, 'dense');
  visit(bm25, 'bm25');
  return [...fused.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
