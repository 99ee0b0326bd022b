/**
 * A least-recently-used map bounded by the total weight of its entries (bytes, or 1 per entry),
 * evicting the least recently used entries first. An entry heavier than `maxEntryWeight` is
 * not kept at all, so one huge response cannot flush everything else.
 */
export class WeightedLru<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;
  readonly maxWeight: number;
  readonly maxEntryWeight: number;

  constructor(maxWeight: number, maxEntryWeight = maxWeight) {
    this.maxWeight = maxWeight;
    this.maxEntryWeight = Math.min(maxEntryWeight, maxWeight);
  }

  get weight(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value`; returns false when it is too heavy to keep. */
  set(key: string, value: V, weight: number): boolean {
    this.delete(key);
    if (weight > this.maxEntryWeight) return false;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
