/**
 * Statistics for comparing runs across seeds: the mean with a 95 %
 * Student-t confidence interval, and the paired difference of a candidate
 * against a baseline run on the same seeds, with a verdict. Means and
 * standard deviations come from simple-statistics; the t critical values
 * are the two-sided 95 % table for 1–30 degrees of freedom and a
 * Cornish–Fisher expansion beyond (within 0.001 of the exact value).
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';

/** t(0.975, df) for df = 1..30. */
const T_975: readonly number[] = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
  2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  const tabled = T_975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

export interface Estimate {
  readonly n: number;
  readonly mean: number | null;
  /** 95 % confidence interval of the mean; null with fewer than 2 samples. */
  readonly ci95: readonly [number, number] | null;
}

export function estimate(samples: readonly number[]): Estimate {
  const n = samples.length;
  if (n === 0) return { n, mean: null, ci95: null };
  const m = mean([...samples]);
  if (n < 2) return { n, mean: m, ci95: null };
  const half = (tCritical95(n - 1) * sampleStandardDeviation([...samples])) / Math.sqrt(n);
  return { n, mean: m, ci95: [m - half, m + half] };
}

export type Direction = 'lower' | 'higher';
export type Verdict = 'better' | 'worse' | 'no significant difference';

export interface PairedComparison extends Estimate {
  readonly verdict: Verdict | null;
}

/**
 * candidate − baseline per pair (same seed), its mean and CI, and a verdict:
 * better or worse when the interval excludes 0 (in the metric's good
 * direction), else no significant difference. Pairs where either side is
 * null are dropped.
 */
export function pairedComparison(pairs: ReadonlyArray<readonly [number | null, number | null]>, direction: Direction): PairedComparison {
  const diffs = pairs.flatMap(([candidate, baseline]) => (candidate === null || baseline === null ? [] : [candidate - baseline]));
  const e = estimate(diffs);
  if (e.mean === null || diffs.length < 2 || e.ci95 === null) return { ...e, verdict: null };
  const [lo, hi] = e.ci95;
  let verdict: Verdict = 'no significant difference';
  if (lo > 0 || hi < 0) {
    const increased = lo > 0;
    verdict = increased === (direction === 'higher') ? 'better' : 'worse';
  }
  return { ...e, verdict };
}
