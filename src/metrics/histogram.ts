/**
 * A log-linear histogram of non-negative integers (latencies in ms): exact
 * below 64, then 64 buckets per power of two, so a reported percentile is
 * within 1/64 (1.6 %) of the true value. Constant memory, O(1) record.
 * Percentiles use the nearest rank, as simple-statistics' quantile does for
 * a non-integer rank, and report the middle of the bucket (exact below 64).
 */

const SUB_BITS = 6;
const SUB_COUNT = 1 << SUB_BITS;
const BUCKETS = SUB_COUNT + (31 - SUB_BITS + 1) * SUB_COUNT;

export function bucketOf(value: number): number {
  const v = Math.max(0, Math.floor(value));
  if (v < SUB_COUNT) return v;
  const exponent = 31 - Math.clz32(v);
  const shift = exponent - SUB_BITS;
  return SUB_COUNT + shift * SUB_COUNT + ((v >>> shift) - SUB_COUNT);
}

/** The smallest value and the width of a bucket. */
export function bucketRange(bucket: number): { readonly low: number; readonly width: number } {
  if (bucket < SUB_COUNT) return { low: bucket, width: 1 };
  const shift = Math.floor((bucket - SUB_COUNT) / SUB_COUNT);
  const sub = (bucket - SUB_COUNT) % SUB_COUNT;
  return { low: (SUB_COUNT + sub) * 2 ** shift, width: 2 ** shift };
}

function representative(bucket: number): number {
  const { low, width } = bucketRange(bucket);
  return low + Math.floor((width - 1) / 2);
}

/** Dense: for totals (a few KB). */
export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private maxValue = 0;

  get count(): number {
    return this.total;
  }

  get max(): number | null {
    return this.total === 0 ? null : this.maxValue;
  }

  record(value: number): void {
    const bucket = bucketOf(value);
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.total++;
    if (value > this.maxValue) this.maxValue = value;
  }

  /** The q-quantile (0..1) by nearest rank; null when empty. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b] as number;
      if (seen >= rank) return Math.min(representative(b), this.maxValue);
    }
    return this.maxValue;
  }
}

/** Sparse: for the many small per-window histograms. */
export class SparseHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private maxValue = 0;

  get count(): number {
    return this.total;
  }

  record(value: number): void {
    const bucket = bucketOf(value);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total++;
    if (value > this.maxValue) this.maxValue = value;
  }

  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    const buckets = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const b of buckets) {
      seen += this.counts.get(b) as number;
      if (seen >= rank) return Math.min(representative(b), this.maxValue);
    }
    return this.maxValue;
  }
}
