/**
 * A count over time in a bounded number of fixed-width buckets, each
 * holding the highest value the count reached in it and its value at the
 * bucket's end. Buckets start 1 s wide; when the run outgrows MAX_BUCKETS
 * of them, neighbours are merged in pairs and the width doubles, so memory
 * and report size stay bounded however long the run and however many
 * changes it makes (a week of churn is as big as an hour). Buckets in
 * which the count stayed at the previous bucket's end value are left out of
 * the series: a missing bucket holds that value throughout.
 */
export const MAX_BUCKETS = 2048;
const FIRST_WIDTH_MS = 1000;

export interface PeakBucket {
  /** Start of the bucket; it ends where the next one starts. */
  readonly tMs: number;
  /** The highest value in [tMs, tMs + bucketMs), including the value carried in. */
  readonly max: number;
  /** The value at the bucket's end. */
  readonly last: number;
}

export interface BucketedSeries {
  readonly bucketMs: number;
  readonly series: readonly PeakBucket[];
}

export class BucketedPeaks {
  private widthMs = FIRST_WIDTH_MS;
  private maxes: number[] = [0];
  private lasts: number[] = [0];

  /** The count is `value` from `atMs` on (times never go back). */
  set(atMs: number, value: number): void {
    const index = this.reach(atMs);
    this.maxes[index] = Math.max(this.maxes[index] as number, value);
    this.lasts[index] = value;
  }

  /** The buckets up to the one holding `endMs − 1` (the run's last instant), without those where nothing changed. */
  series(endMs: number): BucketedSeries {
    if (endMs > 0) this.reach(endMs - 1);
    const series: PeakBucket[] = [];
    for (let i = 0; i < this.maxes.length; i++) {
      const max = this.maxes[i] as number;
      const last = this.lasts[i] as number;
      const carried = i === 0 ? undefined : this.lasts[i - 1];
      if (max !== carried || last !== carried) series.push({ tMs: i * this.widthMs, max, last });
    }
    return { bucketMs: this.widthMs, series };
  }

  /** Index of the bucket holding `atMs`, merging and filling buckets so that it exists. */
  private reach(atMs: number): number {
    while (Math.floor(atMs / this.widthMs) >= MAX_BUCKETS) this.merge();
    const index = Math.floor(atMs / this.widthMs);
    while (this.maxes.length <= index) {
      const carried = this.lasts[this.lasts.length - 1] as number;
      this.maxes.push(carried);
      this.lasts.push(carried);
    }
    return index;
  }

  private merge(): void {
    const maxes: number[] = [];
    const lasts: number[] = [];
    for (let i = 0; i < this.maxes.length; i += 2) {
      const pair = i + 1 < this.maxes.length;
      maxes.push(pair ? Math.max(this.maxes[i] as number, this.maxes[i + 1] as number) : this.maxes[i] as number);
      lasts.push(this.lasts[pair ? i + 1 : i] as number);
    }
    this.maxes = maxes;
    this.lasts = lasts;
    this.widthMs *= 2;
  }
}
