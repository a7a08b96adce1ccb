/**
 * Dense id ↔ slot bookkeeping for flat indexes: slots are 0..size-1 with no holes, so a scan is one
 * pass over a contiguous array. Removal moves the last item into the freed slot (O(d), no shifting).
 */
export class SlotMap {
  readonly ids: string[] = [];
  private readonly slotOf = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  slot(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Appends `id` (which must be new) and returns its slot. */
  append(id: string): number {
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    return slot;
  }

  /**
   * Removes `id`. Returns `{ slot, last }`: the caller must move the row at `last` into `slot`
   * (nothing to move when they are equal), or undefined when the id was absent.
   */
  remove(id: string): { slot: number; last: number } | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    const last = this.ids.length - 1;
    const lastId = this.ids[last]!;
    this.slotOf.delete(id);
    if (slot !== last) {
      this.ids[slot] = lastId;
      this.slotOf.set(lastId, slot);
    }
    this.ids.pop();
    return { slot, last };
  }
}

/** Returns `array` if it holds `needed` elements, else a copy at least twice as long (amortised O(1) appends). */
export function ensureCapacity<T extends Float32Array | Int8Array | Int32Array | Uint8Array | Uint32Array>(
  array: T,
  needed: number,
  make: (length: number) => T,
): T {
  if (array.length >= needed) return array;
  const grown = make(Math.max(needed, array.length * 2, 16));
  grown.set(array);
  return grown;
}
