/**
 * Latency percentiles, exact or censored (availability is availability-summary.ts).
 * Percentiles use simple-statistics' quantileSorted: linear interpolation
 * between the two nearest ranks at index (n − 1)·q (R's and numpy's
 * default, type 7).
 */
import { quantileSorted } from 'simple-statistics';

export interface LatencySummary {
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export function latencySummary(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: null, p90: null, p99: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    max: sorted[sorted.length - 1] as number,
  };
}

export type LatencyStatistic = 'p50' | 'p90' | 'p99' | 'max';

/** Scheduling latency with the pods that never bound counted as right-censored. */
export interface CensoredLatencySummary extends LatencySummary {
  /** How many of `count` are censored: pods never bound, at their waiting time. */
  readonly censored: number;
  /** Per statistic: true when it is only a lower bound ("more than"): it reaches a censored value. */
  readonly lowerBound: Readonly<Record<LatencyStatistic, boolean>>;
}

/**
 * Percentiles over `observed` latencies and `censored` waiting times
 * together. A censored value c says only "more than c" (the pod waited c and
 * was still not bound), so a statistic is exact only when every value it
 * reads (index ⌈(n − 1)·q⌉ and below, censored values sorted after equal
 * observed ones) is observed; otherwise the true value can only be higher
 * (raising any value never lowers an order statistic) and it is a lower
 * bound. An algorithm that leaves pods unbound therefore cannot look faster
 * than one that binds them.
 */
export function censoredLatencySummary(observed: readonly number[], censored: readonly number[]): CensoredLatencySummary {
  const all = [...observed.map((v) => ({ v, censored: false })), ...censored.map((v) => ({ v, censored: true }))]
    .sort((a, b) => a.v - b.v || Number(a.censored) - Number(b.censored));
  const n = all.length;
  if (n === 0) return { ...latencySummary([]), censored: 0, lowerBound: { p50: false, p90: false, p99: false, max: false } };
  const values = all.map((x) => x.v);
  const firstCensored = all.findIndex((x) => x.censored);
  const reaches = (q: number): boolean => firstCensored >= 0 && Math.ceil((n - 1) * q) >= firstCensored;
  return {
    count: n,
    p50: quantileSorted(values, 0.5),
    p90: quantileSorted(values, 0.9),
    p99: quantileSorted(values, 0.99),
    max: values[n - 1] as number,
    censored: censored.length,
    lowerBound: { p50: reaches(0.5), p90: reaches(0.9), p99: reaches(0.99), max: firstCensored >= 0 },
  };
}
