/**
 * Counts keyed by topology pair (topologyKey, value), as upstream's
 * topologyToMatchedTermCount and scoreMap: topology key → value → count.
 */
export class TopologyCounts {
  readonly byKey = new Map<string, Map<string, number>>();
  /** Pairs ever touched (upstream tests the map's length, entries may sum to 0). */
  touched = false;

  add(key: string, value: string, delta: number): void {
    this.touched = true;
    let values = this.byKey.get(key);
    if (values === undefined) {
      values = new Map();
      this.byKey.set(key, values);
    }
    const next = (values.get(value) ?? 0) + delta;
    values.set(value, next);
  }

  /** Adds counts per value of one topology key. */
  addAll(key: string, counts: ReadonlyMap<string, number>, factor: number): void {
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
