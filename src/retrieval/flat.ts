import { dotAt, normalized } from './kernels';
import { SimdRows } from './simd-rows';
import { ensureCapacity, SlotMap } from './slots';
import { TopK } from './topk';
import { toPredicate, type Filter, type SearchHit, type VectorIndex } from './types';

/** Structured-clone friendly snapshot of a {@link FlatIndex} (store it in IndexedDB as is). */
export interface FlatIndexData {
  kind: 'flat-f32';
  version: 1;
  dim: number;
  ids: string[];
  /** `ids.length × dim` unit vectors, row i belonging to `ids[i]`. */
  vectors: Float32Array;
}

/**
 * Exact cosine search by a full scan. All vectors live in ONE contiguous Float32Array (row = slot), so
 * the scan streams memory linearly. With WebAssembly SIMD (d a multiple of 16) the array is a view on
 * WebAssembly memory scanned by a 4-lane kernel; otherwise the unrolled JS kernel (~0.4 µs per
 * 384-d vector in V8, ≈ 4 ms at 10k). Memory: 4·d bytes per vector (+4 bytes of scan scratch with SIMD).
 */
export class FlatIndex implements VectorIndex {
  readonly dim: number;
  private readonly slots = new SlotMap();
  private data: Float32Array;
  private readonly simd: SimdRows | null;

  /** `simd: false` forces the plain JS kernel (used by tests to compare both paths). */
  constructor(dim: number, initialCapacity = 16, options: { simd?: boolean } = {}) {
    if (!Number.isInteger(dim) || dim <= 0) throw new RangeError(`Bad dimension ${dim}`);
    this.dim = dim;
    this.simd = options.simd === false ? null : SimdRows.create(4 * dim, 4 * dim, 64);
    this.data = new Float32Array(0);
    this.reserve(Math.max(1, initialCapacity));
  }

  /** Whether searches run on the WebAssembly SIMD kernel. */
  get usesSimd(): boolean {
    return this.simd !== null;
  }

  get size(): number {
    return this.slots.size;
  }

  /** Ids in slot order (read-only view for callers that scan alongside). */
  get ids(): readonly string[] {
    return this.slots.ids;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  add(id: string, vector: ArrayLike<number>): void {
    const unit = normalized(vector, this.dim);
    let slot = this.slots.slot(id);
    if (slot === undefined) {
      slot = this.slots.append(id);
      this.reserve(slot + 1);
    }
    this.data.set(unit, slot * this.dim);
  }

  remove(id: string): boolean {
    const moved = this.slots.remove(id);
    if (!moved) return false;
    const d = this.dim;
    if (moved.slot !== moved.last) this.data.copyWithin(moved.slot * d, moved.last * d, (moved.last + 1) * d);
    return true;
  }

  /** The stored unit vector of `id` (a copy), or undefined. */
  vector(id: string): Float32Array | undefined {
    const slot = this.slots.slot(id);
    if (slot === undefined) return undefined;
    return this.data.slice(slot * this.dim, (slot + 1) * this.dim);
  }

  search(query: ArrayLike<number>, k: number, filter?: Filter): SearchHit[] {
    const q = normalized(query, this.dim);
    const top = new TopK(Math.min(k, this.size));
    this.scanInto(q, top, toPredicate(filter));
    const { scores, slots } = top.sorted();
    return slots.map((slot, i) => ({ id: this.slots.ids[slot]!, score: scores[i]! }));
  }

  /** Exact score of a unit query against one slot (for rescoring approximate shortlists). */
  scoreSlot(q: Float32Array, slot: number): number {
    return dotAt(this.data, slot * this.dim, q, this.dim);
  }

  serialise(): FlatIndexData {
    return {
      kind: 'flat-f32',
      version: 1,
      dim: this.dim,
      ids: [...this.slots.ids],
      vectors: this.data.slice(0, this.size * this.dim),
    };
  }

  /** Rebuilds an index from {@link serialise}'s output by copying the rows (no renormalisation). */
  static deserialise(snapshot: FlatIndexData, options: { simd?: boolean } = {}): FlatIndex {
    if (snapshot.kind !== 'flat-f32') throw new TypeError(`Not a flat-f32 snapshot: ${snapshot.kind}`);
    if (snapshot.vectors.length !== snapshot.ids.length * snapshot.dim) throw new RangeError('Snapshot vectors/ids size mismatch');
    const index = new FlatIndex(snapshot.dim, Math.max(1, snapshot.ids.length), options);
    for (const id of snapshot.ids) index.slots.append(id);
    index.data.set(snapshot.vectors);
    return index;
  }

  /** Room for `rows` rows; with SIMD the view is re-created because growing memory detaches it. */
  private reserve(rows: number): void {
    if (this.simd === null) {
      this.data = ensureCapacity(this.data, rows * this.dim, (n) => new Float32Array(n));
      return;
    }
    this.simd.ensure(rows);
    if (this.data.length < this.simd.rowCapacity * this.dim || this.data.buffer !== this.simd.buffer) {
      this.data = new Float32Array(this.simd.buffer, this.simd.rowsOffset, this.simd.rowCapacity * this.dim);
    }
  }

  /** The scan: two loops so the unfiltered path carries no per-row branch on a predicate. */
  private scanInto(q: Float32Array, top: TopK, allowed: ((id: string) => boolean) | undefined): void {
    const d = this.dim;
    const n = this.size;
    const data = this.data;
    if (this.simd !== null) {
      new Float32Array(this.simd.buffer, 0, d).set(q);
      const scores = this.simd.scanF32(n);
      const ids = this.slots.ids;
      for (let slot = 0; slot < n; slot += 1) {
        if (scores[slot]! > top.threshold && (allowed === undefined || allowed(ids[slot]!))) top.push(scores[slot]!, slot);
      }
      return;
    }
    if (allowed === undefined) {
      for (let slot = 0, offset = 0; slot < n; slot += 1, offset += d) top.push(dotAt(data, offset, q, d), slot);
      return;
    }
    const ids = this.slots.ids;
    for (let slot = 0, offset = 0; slot < n; slot += 1, offset += d) {
      if (allowed(ids[slot]!)) top.push(dotAt(data, offset, q, d), slot);
    }
  }
}
