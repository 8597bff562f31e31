/** Empirical CDFs in a bounded number of exact points. */

export interface CdfPoint {
  /** A sample value (exact: one of the samples). */
  readonly value: number;
  /** Share of samples at or below `value`. */
  readonly share: number;
}

/**
 * Points of an empirical CDF: (value, share of samples <= value), thinned to
 * at most `maxPoints` evenly spaced ranks (always keeping the last). Each
 * point is exact; between points the curve is only as fine as the ranks.
 */
export function cdfPoints(samples: readonly number[], maxPoints = 300): CdfPoint[] {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const out: CdfPoint[] = [];
  for (let i = 0; i < n; i += step) out.push({ value: sorted[i] as number, share: (i + 1) / n });
  if (out[out.length - 1]?.share !== 1) out.push({ value: sorted[n - 1] as number, share: 1 });
  return out;
}
