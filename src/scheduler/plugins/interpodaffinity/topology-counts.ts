/**
 * Counts keyed by topology pair (topologyKey, value), as upstream's
 * topologyToMatchedTermCount and scoreMap: topology key → value → count.
 */
export class TopologyCounts {
  readonly byKey = new Map<string, ReadonlyMap<string, number>>();
  /**
   * Keys whose map is borrowed from the caller of addAll (the cache's
   * per-domain totals, up to a thousand entries for a hostname key): read
   * as is, copied before the first change. A PreFilter state lives within
   * one scheduling cycle, while the cache does not change.
   */
  private readonly borrowed = new Set<string>();
  /** Pairs ever touched (upstream tests the map's length, entries may sum to 0). */
  touched = false;

  private own(key: string): Map<string, number> {
    const values = this.byKey.get(key);
    if (values === undefined || this.borrowed.has(key)) {
      const owned = new Map(values);
      this.byKey.set(key, owned);
      this.borrowed.delete(key);
      return owned;
    }
    return values as Map<string, number>;
  }

  add(key: string, value: string, delta: number): void {
    this.touched = true;
    const values = this.own(key);
    values.set(value, (values.get(value) ?? 0) + delta);
  }

  /** Adds counts per value of one topology key; the first counts of a key are borrowed, not copied. */
  addAll(key: string, counts: ReadonlyMap<string, number>, factor: number): void {
    if (counts.size === 0) return;
    if (factor === 1 && !this.byKey.has(key)) {
      this.touched = true;
      this.byKey.set(key, counts);
      this.borrowed.add(key);
      return;
    }
    for (const [value, n] of counts) this.add(key, value, n * factor);
  }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** Whether some pair has a non-zero count (len(map) > 0 with zero entries deleted). */
  hasAny(): boolean {
    for (const values of this.byKey.values()) for (const n of values.values()) if (n !== 0) return true;
    return false;
  }

  /** Sum over the topology keys of the value the node has. */
  sumFor(labels: Readonly<Record<string, string>>): number {
    let total = 0;
    for (const [key, values] of this.byKey) {
      const value = labels[key];
      if (value !== undefined) total += values.get(value) ?? 0;
    }
    return total;
  }

  clone(): TopologyCounts {
    const copy = new TopologyCounts();
    copy.touched = this.touched;
    for (const [key, values] of this.byKey) copy.byKey.set(key, new Map(values));
    return copy;
  }
}
