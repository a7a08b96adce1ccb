/**
 * Growable binary min-heap of (key, value) pairs in typed arrays. HNSW uses it for its candidate queue
 * (with key = −similarity, so the most similar pops first) without allocating per push.
 */
export class MinHeap {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  private count = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  /** Smallest key (undefined behaviour when empty: check {@link size} first). */
  peekKey(): number {
    return this.keys[0]!;
  }

  push(key: number, value: number): void {
    if (this.count === this.keys.length) {
      const keys = new Float64Array(this.count * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.count * 2);
      values.set(this.values);
      this.values = values;
    }
    let i = this.count;
    this.count += 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  /** Removes the smallest pair and returns its value. */
  pop(): number {
    const top = this.values[0]!;
    this.count -= 1;
    const n = this.count;
    if (n === 0) return top;
    const key = this.keys[n]!;
    const value = this.values[n]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.keys[right]! < this.keys[left]! ? right : left;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.values[i] = this.values[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }
}

/** Seeded 32-bit PRNG (mulberry32): deterministic HNSW levels; its state is part of a snapshot. */
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
