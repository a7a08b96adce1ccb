/**
 * Collects the repairs made while reading one piece of text. The same repair is kept once with a
 * count, so a 1 MB string full of trailing commas yields one message, not a million.
 */
export class RepairLog {
  private readonly counts = new Map<string, number>();

  /** Notes one occurrence of a repair. */
  add(message: string): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + 1);
  }

  /** Notes every message of another list (already counted there). */
  addAll(messages: readonly string[]): void {
    for (const message of messages) this.add(message);
  }

  /** The repairs in the order first seen, e.g. `removed trailing comma (×3)`. */
  list(): string[] {
    const out: string[] = [];
    for (const [message, count] of this.counts) out.push(count > 1 ? `${message} (×${count})` : message);
    return out;
  }
}
