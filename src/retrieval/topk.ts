/**
 * Bounded top-k selection: a min-heap of the best k (score, slot) pairs in typed arrays, so a scan over
 * n items costs O(n log k) and allocates nothing per item.
 */
export class TopK {
  readonly k: number;
  private readonly scores: Float64Array;
  private readonly slots: Int32Array;
  private count = 0;

  constructor(k: number) {
    this.k = Math.max(0, Math.floor(k));
    this.scores = new Float64Array(Math.max(1, this.k));
    this.slots = new Int32Array(Math.max(1, this.k));
  }

  get size(): number {
    return this.count;
  }

  /** The score an item must beat to enter (−Infinity while the heap is not full). */
  get threshold(): number {
    return this.count < this.k ? -Infinity : this.scores[0]!;
  }

  /** Offers an item; keeps it only if it is among the best k seen so far. */
  push(score: number, slot: number): void {
    if (this.count < this.k) {
      let i = this.count;
      this.count += 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.scores[i] = this.scores[parent]!;
        this.slots[i] = this.slots[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
    } else if (this.k > 0 && score > this.scores[0]!) {
      this.siftDownFromRoot(score, slot);
    }
  }

  /** Items best first (ties broken by smaller slot, for determinism). Leaves the heap unchanged. */
  sorted(): { scores: number[]; slots: number[] } {
    const order = Array.from({ length: this.count }, (_, i) => i);
    order.sort((a, b) => this.scores[b]! - this.scores[a]! || this.slots[a]! - this.slots[b]!);
    return { scores: order.map((i) => this.scores[i]!), slots: order.map((i) => this.slots[i]!) };
  }

  private siftDownFromRoot(score: number, slot: number): void {
    const n = this.count;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.scores[right]! < this.scores[left]! ? right : left;
      if (this.scores[child]! >= score) break;
      this.scores[i] = this.scores[child]!;
      this.slots[i] = this.slots[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }
}
