/**
 * Tight numeric kernels over contiguous typed arrays. Loops are unrolled by 8 with independent
 * accumulators because V8 does not vectorise: separate accumulators break the add dependency chain,
 * which measured ~1.5–2× faster than a plain loop for d = 384.
 */

/** Dot product of `d` floats: `a[aOffset..]` · `b[0..d)`. */
export function dotAt(a: Float32Array, aOffset: number, b: Float32Array, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  let o = aOffset;
  const end8 = d - (d % 8);
  for (; i < end8; i += 8, o += 8) {
    s0 += a[o]! * b[i]! + a[o + 4]! * b[i + 4]!;
    s1 += a[o + 1]! * b[i + 1]! + a[o + 5]! * b[i + 5]!;
    s2 += a[o + 2]! * b[i + 2]! + a[o + 6]! * b[i + 6]!;
    s3 += a[o + 3]! * b[i + 3]! + a[o + 7]! * b[i + 7]!;
  }
  for (; i < d; i += 1, o += 1) s0 += a[o]! * b[i]!;
  return s0 + s1 + s2 + s3;
}

/** Dot product of an int8 code row `a[aOffset..]` with a float query `b[0..d)` (scale applied by the caller). */
export function dotInt8At(a: Int8Array, aOffset: number, b: Float32Array, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  let o = aOffset;
  const end8 = d - (d % 8);
  for (; i < end8; i += 8, o += 8) {
    s0 += a[o]! * b[i]! + a[o + 4]! * b[i + 4]!;
    s1 += a[o + 1]! * b[i + 1]! + a[o + 5]! * b[i + 5]!;
    s2 += a[o + 2]! * b[i + 2]! + a[o + 6]! * b[i + 6]!;
    s3 += a[o + 3]! * b[i + 3]! + a[o + 7]! * b[i + 7]!;
  }
  for (; i < d; i += 1, o += 1) s0 += a[o]! * b[i]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Copies `vector` into a new Float32Array scaled to unit length, so cosine similarity is a plain dot.
 * A zero vector stays zero (it then scores 0 against everything instead of producing NaN).
 */
export function normalized(vector: ArrayLike<number>, d: number): Float32Array {
  if (vector.length !== d) throw new RangeError(`Expected a vector of dimension ${d}, got ${vector.length}`);
  const out = new Float32Array(d);
  let norm = 0;
  for (let i = 0; i < d; i += 1) {
    const v = vector[i]!;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < d; i += 1) out[i] = vector[i]! * scale;
  return out;
}
