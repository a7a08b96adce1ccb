/** Shared types of the retrieval indexes. */

/** One ranked result: a caller's id and its similarity (cosine for vectors, BM25 for text; higher is better). */
export interface SearchHit {
  id: string;
  score: number;
}

/**
 * Restricts a search to some ids, applied during the scan (never after it, so k results still come back):
 * either a predicate on the id or the set of allowed ids (e.g. the enabled tools).
 */
export type Filter = ((id: string) => boolean) | ReadonlySet<string>;

/** Turns a {@link Filter} into a predicate; `undefined` means "everything passes". */
export function toPredicate(filter: Filter | undefined): ((id: string) => boolean) | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'function') return filter;
  return (id) => filter.has(id);
}

/** What every vector index offers, so callers (and {@link rankTools}) need not know which one they hold. */
export interface VectorIndex {
  /** Dimension of the vectors. */
  readonly dim: number;
  /** Number of live vectors. */
  readonly size: number;
  /** Adds a vector (normalised on the way in) or replaces the one stored under `id`. */
  add(id: string, vector: ArrayLike<number>): void;
  /** Removes `id`; returns whether it was present. */
  remove(id: string): boolean;
  has(id: string): boolean;
  /** The k most similar ids, best first, only among ids that pass `filter`. */
  search(query: ArrayLike<number>, k: number, filter?: Filter): SearchHit[];
}
