import { Rng } from '../../support/seeded-rng';

/** Deterministic Gaussian vectors (directions uniform on the sphere once normalised). */
export function randomVectors(count: number, dim: number, seed: number): Float32Array[] {
  const rng = new Rng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Array.from({ length: count }, () => Float32Array.from({ length: dim }, gauss));
}

/** Naive reference: cosine of every vector, sorted; optionally restricted to `allowed` ids. */
export function naiveTopK(
  vectors: readonly Float32Array[],
  query: Float32Array,
  k: number,
  allowed: (id: string) => boolean = () => true,
): { id: string; score: number }[] {
  const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const qn = norm(query);
  return vectors
    .map((v, i) => ({ id: `v${i}`, score: v.reduce((s, x, j) => s + x * query[j]!, 0) / (norm(v) * qn) }))
    .filter((hit) => allowed(hit.id))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

/** Fraction of `expected` ids found in `actual`. */
export function recall(actual: readonly { id: string }[], expected: readonly { id: string }[]): number {
  const found = new Set(actual.map((hit) => hit.id));
  return expected.length === 0 ? 1 : expected.filter((hit) => found.has(hit.id)).length / expected.length;
}
