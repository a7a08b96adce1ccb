import { HnswGraph } from './hnsw-graph';
import { restoreGraph, snapshotGraph, type HnswIndexData, type HnswParams } from './hnsw-snapshot';
import { dotAt, normalized } from './kernels';
import { TopK } from './topk';
import { toPredicate, type Filter, type SearchHit, type VectorIndex } from './types';

export type { HnswIndexData, HnswParams } from './hnsw-snapshot';

/**
 * Allowed-id sets at most this large (or under {@link SMALL_FILTER_FRACTION} of the index) are searched
 * exactly over the set instead of through the graph: a graph walk keeps visiting rejected nodes when
 * few pass, while scoring a few thousand rows directly is cheap and exact.
 */
const SMALL_FILTER_SIZE = 2048;
const SMALL_FILTER_FRACTION = 0.1;

/**
 * Hierarchical navigable small world graph (Malkov & Yashunin) over unit vectors, cosine = dot.
 * Approximate: recall depends on `efSearch` (measured in bench/retrieval.bench.ts). Removal leaves a
 * tombstone (the node still routes searches but is never returned); when tombstones outnumber live
 * nodes the graph is rebuilt from the live vectors.
 */
export class HnswIndex implements VectorIndex {
  private graph: HnswGraph;

  constructor(dim: number, params: Partial<HnswParams> = {}) {
    this.graph = new HnswGraph(dim, params);
  }

  get dim(): number {
    return this.graph.dim;
  }

  get size(): number {
    return this.graph.liveCount;
  }

  get params(): HnswParams {
    return { ...this.graph.params };
  }

  /** Number of similarity evaluations since this object was created or loaded (for tests and tuning). */
  get distanceCount(): number {
    return this.graph.distanceCount;
  }

  /** Sets the default search breadth (higher = better recall, slower). */
  set efSearch(ef: number) {
    this.graph.params.efSearch = Math.max(1, Math.floor(ef));
  }

  has(id: string): boolean {
    return this.graph.slotOf.has(id);
  }

  add(id: string, vector: ArrayLike<number>): void {
    const unit = normalized(vector, this.dim);
    if (this.graph.slotOf.has(id)) this.remove(id);
    this.graph.insert(id, unit);
  }

  remove(id: string): boolean {
    const graph = this.graph;
    if (!graph.tombstone(id)) return false;
    const dead = graph.count - graph.liveCount;
    if (dead > 64 && dead > graph.liveCount) this.rebuild();
    return true;
  }

  search(query: ArrayLike<number>, k: number, filter?: Filter, efSearch?: number): SearchHit[] {
    const graph = this.graph;
    const kk = Math.min(Math.floor(k), graph.liveCount);
    if (kk <= 0) return [];
    const q = normalized(query, this.dim);
    if (filter !== undefined && typeof filter !== 'function') {
      if (filter.size <= Math.max(SMALL_FILTER_SIZE, graph.liveCount * SMALL_FILTER_FRACTION)) return this.exactOver(q, kk, filter);
    }
    const predicate = toPredicate(filter);
    const hasDead = graph.count !== graph.liveCount;
    const allowed =
      predicate === undefined && !hasDead
        ? undefined
        : (slot: number) => graph.deleted[slot] === 0 && (predicate === undefined || predicate(graph.ids[slot]!));
    const ef = Math.max(efSearch ?? graph.params.efSearch, kk);
    const found = graph.searchLayer(q, graph.descend(q, graph.entry, graph.maxLevel, 1), ef, 0, allowed);
    const hits: SearchHit[] = [];
    for (let i = 0; i < found.slots.length && hits.length < kk; i += 1) {
      hits.push({ id: graph.ids[found.slots[i]!]!, score: found.scores[i]! });
    }
    return hits;
  }

  serialise(): HnswIndexData {
    return snapshotGraph(this.graph);
  }

  /** Loads a snapshot: the graph arrays are copied as they are, no similarity is computed. */
  static deserialise(snapshot: HnswIndexData): HnswIndex {
    const index = new HnswIndex(snapshot.dim, snapshot.params);
    index.graph = restoreGraph(snapshot);
    return index;
  }

  private exactOver(q: Float32Array, k: number, allowed: ReadonlySet<string>): SearchHit[] {
    const graph = this.graph;
    const top = new TopK(k);
    for (const id of allowed) {
      const slot = graph.slotOf.get(id);
      if (slot !== undefined) top.push(dotAt(graph.vectors, slot * this.dim, q, this.dim), slot);
    }
    const { scores, slots } = top.sorted();
    return slots.map((slot, i) => ({ id: graph.ids[slot]!, score: scores[i]! }));
  }

  /** Re-inserts the live vectors into a fresh graph (same params and seed, so still deterministic). */
  private rebuild(): void {
    const old = this.graph;
    const fresh = new HnswGraph(old.dim, old.params);
    for (let slot = 0; slot < old.count; slot += 1) {
      if (old.deleted[slot] === 0) fresh.insert(old.ids[slot]!, old.vectors.subarray(slot * old.dim, (slot + 1) * old.dim));
    }
    this.graph = fresh;
  }
}
