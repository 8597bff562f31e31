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
/** `inconclusive`: the interval excludes 0 but the verdict cannot stand; `reason` says why. */
export type Verdict = 'better' | 'worse' | 'no significant difference' | 'inconclusive';

export interface PairedComparison extends Estimate {
  /**
   * Effect size: the mean paired difference over the pooled standard
   * deviation of the two groups, √((s_candidate² + s_baseline²) / 2), on the
   * same pairs (Cohen's d for paired samples with the average variance,
   * d_av). null with fewer than 2 pairs or when neither group varies.
   */
  readonly effectSize: number | null;
  readonly verdict: Verdict | null;
  readonly reason?: string;
}

/**
 * Cohen's d_av: mean(candidate − baseline) / √((s_c² + s_b²) / 2), the
 * difference in units of the seed-to-seed spread of one run (not of the
 * differences, which the interval already speaks for).
 */
export function effectSize(candidate: readonly number[], baseline: readonly number[]): number | null {
  if (candidate.length !== baseline.length || candidate.length < 2) return null;
  const pooled = Math.sqrt((sampleStandardDeviation([...candidate]) ** 2 + sampleStandardDeviation([...baseline]) ** 2) / 2);
  if (pooled === 0) return null;
  return (mean([...candidate]) - mean([...baseline])) / pooled;
}

/**
 * candidate − baseline per pair (same seed), its mean and CI, and a verdict:
 * better or worse when the interval excludes 0 (in the metric's good
 * direction), else no significant difference. Pairs where either side is
 * null are dropped.
 */
export function pairedComparison(pairs: ReadonlyArray<readonly [number | null, number | null]>, direction: Direction): PairedComparison {
  const complete = pairs.flatMap(([candidate, baseline]) => (candidate === null || baseline === null ? [] : [[candidate, baseline] as const]));
  const diffs = complete.map(([candidate, baseline]) => candidate - baseline);
  const e = estimate(diffs);
  const d = effectSize(complete.map((p) => p[0]), complete.map((p) => p[1]));
  if (e.mean === null || diffs.length < 2 || e.ci95 === null) return { ...e, effectSize: d, verdict: null };
  const [lo, hi] = e.ci95;
  let verdict: Verdict = 'no significant difference';
  if (lo > 0 || hi < 0) {
    const increased = lo > 0;
    verdict = increased === (direction === 'higher') ? 'better' : 'worse';
  }
  return { ...e, effectSize: d, verdict };
}

/**
 * A verdict that rests on lower bounds cannot stand: when the candidate's
 * values are lower bounds (censored), its true values may be higher, so
 * "candidate lower" is not shown; when the baseline's are, "candidate
 * higher" is not.
 */
export function censoredVerdict(comparison: PairedComparison, censoredSeeds: { readonly candidate: number; readonly baseline: number }): PairedComparison {
  const ci = comparison.ci95;
  if (ci === null || (comparison.verdict !== 'better' && comparison.verdict !== 'worse')) return comparison;
  const candidateLower = ci[1] < 0;
  if (candidateLower && censoredSeeds.candidate > 0) {
    return { ...comparison, verdict: 'inconclusive', reason: `its values are lower bounds on ${censoredSeeds.candidate} seed(s)` };
  }
  if (!candidateLower && censoredSeeds.baseline > 0) {
    return { ...comparison, verdict: 'inconclusive', reason: `the baseline's values are lower bounds on ${censoredSeeds.baseline} seed(s)` };
  }
  return comparison;
}
