import { dotAt, dotInt8At, normalized } from './kernels';
import { SimdRows } from './simd-rows';
import { ensureCapacity, SlotMap } from './slots';
import { TopK } from './topk';
import { toPredicate, type Filter, type SearchHit, type VectorIndex } from './types';

/** Options of {@link Int8FlatIndex}. */
export interface Int8Options {
  /** Shortlist = `rescoreFactor × k` approximate hits, rescored exactly in f32. Default 4. */
  rescoreFactor?: number;
  /**
   * Keep the f32 rows for exact rescoring (default true). Without them the index takes 1 byte per
   * dimension (¼ of f32) and returns the approximate scores.
   */
  keepFloats?: boolean;
  /** Use the WebAssembly SIMD kernel when available (default true; needs d a multiple of 32). */
  simd?: boolean;
}

/** Structured-clone friendly snapshot of an {@link Int8FlatIndex}. */
export interface Int8IndexData {
  kind: 'flat-int8';
  version: 1;
  dim: number;
  ids: string[];
  /** `ids.length × dim` codes: row i ≈ `vectors_i / scales[i]`. */
  codes: Int8Array;
  scales: Float32Array;
  /** The unit f32 rows, present when the index keeps them for rescoring. */
  floats: Float32Array | null;
  rescoreFactor: number;
}

/**
 * Flat scan over int8 codes with one scale per vector (code = round(v / scale), scale = max|v| / 127),
 * then exact f32 rescoring of a shortlist of `rescoreFactor × k`.
 *
 * Trade-offs (measured in bench/retrieval.bench.ts): the approximate pass reads ¼ of the bytes of an
 * f32 scan. In plain JS that buys no time (scalar multiply-adds bound it, DESIGN.md "Performance
 * facts"); with WebAssembly SIMD the codes live in WebAssembly memory and the query is quantised to
 * int16, so one `i32x4.dot_i16x8_s` does 8 products: the fastest exact-recall path at 100k.
 * Memory: 1 byte/dim + 4 bytes
 * per vector without floats, or 5 bytes/dim with them (f32 rows kept only for rescoring). Quantisation
 * error on a dot is ~1e-3 at d = 384, far below typical neighbour gaps, so a 4k shortlist recovers
 * the exact top-k in practice.
 */
export class Int8FlatIndex implements VectorIndex {
  readonly dim: number;
  readonly rescoreFactor: number;
  readonly keepFloats: boolean;
  private readonly slots = new SlotMap();
  private codes: Int8Array;
  private scales: Float32Array;
  private floats: Float32Array;
  private readonly simd: SimdRows | null;

  constructor(dim: number, options: Int8Options = {}) {
    if (!Number.isInteger(dim) || dim <= 0) throw new RangeError(`Bad dimension ${dim}`);
    this.dim = dim;
    this.rescoreFactor = Math.max(1, options.rescoreFactor ?? 4);
    this.keepFloats = options.keepFloats ?? true;
    this.simd = options.simd === false ? null : SimdRows.create(dim, 2 * dim, 32);
    this.codes = new Int8Array(0);
    this.reserveCodes(16);
    this.scales = new Float32Array(16);
    this.floats = new Float32Array(this.keepFloats ? 16 * dim : 0);
  }

  get size(): number {
    return this.slots.size;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  add(id: string, vector: ArrayLike<number>): void {
    const d = this.dim;
    const unit = normalized(vector, d);
    let slot = this.slots.slot(id);
    if (slot === undefined) {
      slot = this.slots.append(id);
      this.reserveCodes(slot + 1);
      this.scales = ensureCapacity(this.scales, slot + 1, (n) => new Float32Array(n));
      if (this.keepFloats) this.floats = ensureCapacity(this.floats, (slot + 1) * d, (n) => new Float32Array(n));
    }
    let maxAbs = 0;
    for (let i = 0; i < d; i += 1) maxAbs = Math.max(maxAbs, Math.abs(unit[i]!));
    const scale = maxAbs > 0 ? maxAbs / 127 : 1;
    for (let i = 0; i < d; i += 1) this.codes[slot * d + i] = Math.round(unit[i]! / scale);
    this.scales[slot] = scale;
    if (this.keepFloats) this.floats.set(unit, slot * d);
  }

  remove(id: string): boolean {
    const moved = this.slots.remove(id);
    if (!moved) return false;
    const { slot, last } = moved;
    const d = this.dim;
    if (slot !== last) {
      this.codes.copyWithin(slot * d, last * d, (last + 1) * d);
      this.scales[slot] = this.scales[last]!;
      if (this.keepFloats) this.floats.copyWithin(slot * d, last * d, (last + 1) * d);
    }
    return true;
  }

  search(query: ArrayLike<number>, k: number, filter?: Filter): SearchHit[] {
    const d = this.dim;
    const q = normalized(query, d);
    const kk = Math.min(k, this.size);
    const shortlist = new TopK(this.keepFloats ? Math.min(this.size, kk * this.rescoreFactor) : kk);
    const allowed = toPredicate(filter);
    const ids = this.slots.ids;
    const n = this.size;
    const codes = this.codes;
    const scales = this.scales;
    if (this.simd !== null) {
      // int16 query: 15 bits keep its quantisation error ~100× below the codes'.
      let maxAbs = 0;
      for (let i = 0; i < d; i += 1) maxAbs = Math.max(maxAbs, Math.abs(q[i]!));
      const qScale = maxAbs > 0 ? 32767 / maxAbs : 1;
      const q16 = new Int16Array(this.simd.buffer, 0, d);
      for (let i = 0; i < d; i += 1) q16[i] = Math.round(q[i]! * qScale);
      const sums = this.simd.scanI8(n);
      const inverse = 1 / qScale;
      for (let slot = 0; slot < n; slot += 1) {
        const score = scales[slot]! * sums[slot]! * inverse;
        if (score > shortlist.threshold && (allowed === undefined || allowed(ids[slot]!))) shortlist.push(score, slot);
      }
    } else {
      for (let slot = 0, offset = 0; slot < n; slot += 1, offset += d) {
        if (allowed !== undefined && !allowed(ids[slot]!)) continue;
        shortlist.push(scales[slot]! * dotInt8At(codes, offset, q, d), slot);
      }
    }
    const approx = shortlist.sorted();
    if (!this.keepFloats) return approx.slots.map((slot, i) => ({ id: ids[slot]!, score: approx.scores[i]! }));
    const exact = new TopK(kk);
    for (const slot of approx.slots) exact.push(dotAt(this.floats, slot * d, q, d), slot);
    const { scores, slots } = exact.sorted();
    return slots.map((slot, i) => ({ id: ids[slot]!, score: scores[i]! }));
  }

  /** Whether the approximate pass runs on the WebAssembly SIMD kernel. */
  get usesSimd(): boolean {
    return this.simd !== null;
  }

  /** Bytes held by the vectors (codes + scales + optional floats), for reporting. */
  get bytes(): number {
    return this.size * (this.dim + 4 + (this.keepFloats ? 4 * this.dim : 0));
  }

  serialise(): Int8IndexData {
    const n = this.size;
    const d = this.dim;
    return {
      kind: 'flat-int8',
      version: 1,
      dim: d,
      ids: [...this.slots.ids],
      codes: this.codes.slice(0, n * d),
      scales: this.scales.slice(0, n),
      floats: this.keepFloats ? this.floats.slice(0, n * d) : null,
      rescoreFactor: this.rescoreFactor,
    };
  }

  /** Rebuilds from {@link serialise}'s output by copying codes and rows (no requantisation). */
  static deserialise(snapshot: Int8IndexData, options: { simd?: boolean } = {}): Int8FlatIndex {
    if (snapshot.kind !== 'flat-int8') throw new TypeError(`Not a flat-int8 snapshot: ${snapshot.kind}`);
    const { dim, ids } = snapshot;
    if (snapshot.codes.length !== ids.length * dim || snapshot.scales.length !== ids.length) {
      throw new RangeError('Snapshot codes/ids size mismatch');
    }
    const index = new Int8FlatIndex(dim, { ...options, rescoreFactor: snapshot.rescoreFactor, keepFloats: snapshot.floats !== null });
    for (const id of ids) index.slots.append(id);
    index.reserveCodes(ids.length);
    index.codes.set(snapshot.codes);
    index.scales = snapshot.scales.slice();
    if (snapshot.floats !== null) index.floats = snapshot.floats.slice();
    return index;
  }

  /** Room for `rows` code rows; with SIMD the view is re-created because growing memory detaches it. */
  private reserveCodes(rows: number): void {
    if (this.simd === null) {
      this.codes = ensureCapacity(this.codes, rows * this.dim, (n) => new Int8Array(n));
      return;
    }
    this.simd.ensure(rows);
    if (this.codes.length < this.simd.rowCapacity * this.dim || this.codes.buffer !== this.simd.buffer) {
      this.codes = new Int8Array(this.simd.buffer, this.simd.rowsOffset, this.simd.rowCapacity * this.dim);
    }
  }
}
