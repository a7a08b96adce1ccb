/**
 * Seeded 32-bit PRNG (mulberry32) for reproducible random vectors in tests and benchmarks. Values
 * lie in (0, 1], never 0, so a Box–Muller `Math.log(rng.next())` stays finite.
 */
export class Rng {
  state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in (0, 1]. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967296;
  }
}
