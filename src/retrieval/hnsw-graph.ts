import { MinHeap, Rng } from './heap';
import { dotAt } from './kernels';
import { ensureCapacity } from './slots';
import { TopK } from './topk';
import type { HnswParams } from './hnsw-snapshot';

const MAX_LEVEL = 16;

/** Graph storage and the HNSW algorithms; {@link HnswIndex} wraps it with the public API. */
export class HnswGraph {
  readonly dim: number;
  readonly params: HnswParams;
  readonly slotOf = new Map<string, number>();
  ids: string[] = [];
  count = 0;
  liveCount = 0;
  vectors: Float32Array;
  deleted: Uint8Array;
  levels: Uint8Array;
  links0: Int32Array;
  upperStart: Int32Array;
  upper: Int32Array;
  upperUsed = 0;
  entry = -1;
  maxLevel = 0;
  distanceCount = 0;
  /** Level generator; its state is persisted so a loaded graph keeps growing identically. */
  readonly rng: Rng;
  private visited = new Uint32Array(16);
  private epoch = 0;
  private readonly candidates = new MinHeap();

  constructor(dim: number, params: Partial<HnswParams>) {
    this.dim = dim;
    this.params = {
      M: Math.max(2, params.M ?? 16),
      efConstruction: Math.max(1, params.efConstruction ?? 200),
      efSearch: Math.max(1, params.efSearch ?? 64),
      seed: params.seed ?? 0x5eed,
    };
    this.rng = new Rng(this.params.seed);
    this.vectors = new Float32Array(16 * dim);
    this.deleted = new Uint8Array(16);
    this.levels = new Uint8Array(16);
    this.links0 = new Int32Array(16 * (2 * this.params.M + 1));
    this.upperStart = new Int32Array(16).fill(-1);
    this.upper = new Int32Array(16 * (this.params.M + 1));
  }

  /** Appends a unit vector under `id` (which must not be live) and links it into the graph. */
  insert(id: string, unit: Float32Array): void {
    const { M, efConstruction } = this.params;
    const d = this.dim;
    const node = this.count;
    this.grow(node + 1);
    this.count += 1;
    this.liveCount += 1;
    this.ids[node] = id;
    this.slotOf.set(id, node);
    this.vectors.set(unit, node * d);
    const level = Math.min(MAX_LEVEL, Math.floor(-Math.log(this.rng.next()) / Math.log(M)));
    this.levels[node] = level;
    if (level > 0) {
      this.upperStart[node] = this.upperUsed;
      this.upperUsed += level * (M + 1);
      this.upper = ensureCapacity(this.upper, this.upperUsed, (n) => new Int32Array(n));
    }
    if (this.entry < 0) {
      this.entry = node;
      this.maxLevel = level;
      return;
    }
    const q = this.vectors.subarray(node * d, (node + 1) * d);
    let ep = this.descend(q, this.entry, this.maxLevel, level + 1);
    for (let l = Math.min(level, this.maxLevel); l >= 0; l -= 1) {
      const found = this.searchLayer(q, ep, efConstruction, l, undefined);
      const chosen = this.selectNeighbours(found.slots, found.scores, M);
      const [links, base] = this.block(node, l);
      links[base] = chosen.length;
      for (let i = 0; i < chosen.length; i += 1) {
        links[base + 1 + i] = chosen[i]!;
        this.link(chosen[i]!, node, l);
      }
      ep = found.slots[0]!;
    }
    if (level > this.maxLevel) {
      this.entry = node;
      this.maxLevel = level;
    }
  }

  /** Marks `id` deleted; returns whether it was live. */
  tombstone(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.deleted[slot] = 1;
    this.liveCount -= 1;
    return true;
  }

  /** Greedy walk from `ep` on layers `from` down to `to` (inclusive); returns the closest node found. */
  descend(q: Float32Array, ep: number, from: number, to: number): number {
    const d = this.dim;
    let best = ep;
    let bestScore = dotAt(this.vectors, ep * d, q, d);
    let evaluations = 1;
    for (let l = from; l >= to; l -= 1) {
      for (let changed = true; changed; ) {
        changed = false;
        const [links, base] = this.block(best, l);
        const n = links[base]!;
        for (let i = 1; i <= n; i += 1) {
          const other = links[base + i]!;
          const score = dotAt(this.vectors, other * d, q, d);
          evaluations += 1;
          if (score > bestScore) {
            bestScore = score;
            best = other;
            changed = true;
          }
        }
      }
    }
    this.distanceCount += evaluations;
    return best;
  }

  /**
   * Best-first search of one layer keeping the `ef` most similar nodes; results best first.
   * `allowed` (when given) decides which visited nodes may enter the results; all still route.
   */
  searchLayer(
    q: Float32Array,
    ep: number,
    ef: number,
    level: number,
    allowed: ((slot: number) => boolean) | undefined,
  ): { scores: number[]; slots: number[] } {
    const d = this.dim;
    const vectors = this.vectors;
    const visited = this.nextVisited();
    const epoch = this.epoch;
    const candidates = this.candidates;
    candidates.clear();
    const results = new TopK(ef);
    const epScore = dotAt(vectors, ep * d, q, d);
    let evaluations = 1;
    visited[ep] = epoch;
    candidates.push(-epScore, ep);
    if (allowed === undefined || allowed(ep)) results.push(epScore, ep);
    const links = level === 0 ? this.links0 : this.upper;
    const stride = 2 * this.params.M + 1;
    while (candidates.size > 0) {
      if (-candidates.peekKey() < results.threshold) break;
      const current = candidates.pop();
      const base = level === 0 ? current * stride : this.upperBase(current, level);
      const n = links[base]!;
      for (let i = 1; i <= n; i += 1) {
        const other = links[base + i]!;
        if (visited[other] === epoch) continue;
        visited[other] = epoch;
        const score = dotAt(vectors, other * d, q, d);
        evaluations += 1;
        if (score > results.threshold) {
          candidates.push(-score, other);
          if (allowed === undefined || allowed(other)) results.push(score, other);
        }
      }
    }
    this.distanceCount += evaluations;
    return results.sorted();
  }

  /**
   * Malkov's neighbour heuristic: walk candidates best first and keep one only if it is closer to the
   * base than to every neighbour kept so far, which spreads links across directions (better recall
   * than the plain m closest on clustered data).
   */
  private selectNeighbours(slots: number[], scores: number[], m: number): number[] {
    if (slots.length <= m) return slots.slice();
    const d = this.dim;
    const chosen: number[] = [];
    let evaluations = 0;
    for (let i = 0; i < slots.length && chosen.length < m; i += 1) {
      const candidate = slots[i]!;
      let keep = true;
      for (const kept of chosen) {
        evaluations += 1;
        if (dotAt(this.vectors, candidate * d, this.vectors.subarray(kept * d, kept * d + d), d) > scores[i]!) {
          keep = false;
          break;
        }
      }
      if (keep) chosen.push(candidate);
    }
    this.distanceCount += evaluations;
    return chosen;
  }

  /**
   * Adds a link `from → to` on `level`. A full list keeps its most similar links (not the heuristic):
   * re-running the heuristic here costs O(M²) similarities per overflow and dominated build time,
   * while on high-dimensional data it rarely prunes anything the plain rule keeps.
   */
  private link(from: number, to: number, level: number): void {
    const maxLinks = level === 0 ? 2 * this.params.M : this.params.M;
    const [links, base] = this.block(from, level);
    const n = links[base]!;
    if (n < maxLinks) {
      links[base + 1 + n] = to;
      links[base] = n + 1;
      return;
    }
    const d = this.dim;
    const origin = this.vectors.subarray(from * d, from * d + d);
    // Replace the least similar current link if the new node is more similar than it.
    let worst = -1;
    let worstScore = dotAt(this.vectors, to * d, origin, d);
    for (let i = 1; i <= n; i += 1) {
      const score = dotAt(this.vectors, links[base + i]! * d, origin, d);
      if (score < worstScore) {
        worstScore = score;
        worst = i;
      }
    }
    this.distanceCount += n + 1;
    if (worst > 0) links[base + worst] = to;
  }

  /** The link array and offset of `node`'s block on `level`. */
  private block(node: number, level: number): [Int32Array, number] {
    return level === 0 ? [this.links0, node * (2 * this.params.M + 1)] : [this.upper, this.upperBase(node, level)];
  }

  private upperBase(node: number, level: number): number {
    return this.upperStart[node]! + (level - 1) * (this.params.M + 1);
  }

  private nextVisited(): Uint32Array {
    if (this.visited.length < this.count) this.visited = new Uint32Array(Math.max(this.count, this.visited.length * 2));
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.visited.fill(0);
      this.epoch = 1;
    }
    return this.visited;
  }

  private grow(needed: number): void {
    const M = this.params.M;
    this.vectors = ensureCapacity(this.vectors, needed * this.dim, (n) => new Float32Array(n));
    this.deleted = ensureCapacity(this.deleted, needed, (n) => new Uint8Array(n));
    this.levels = ensureCapacity(this.levels, needed, (n) => new Uint8Array(n));
    this.links0 = ensureCapacity(this.links0, needed * (2 * M + 1), (n) => new Int32Array(n));
    if (this.upperStart.length < needed) {
      const old = this.upperStart;
      this.upperStart = new Int32Array(Math.max(needed, old.length * 2)).fill(-1);
      this.upperStart.set(old);
    }
  }
}
