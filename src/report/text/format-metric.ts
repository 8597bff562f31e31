/** Showing a metric value or a confidence interval in its unit (ms as a duration, shares as %). */
import { formatDuration } from '../../engine/time.js';
import type { LatencyStatistic, LatencySummary } from '../../metrics/summaries.js';

export type Unit = 'ms' | 'share' | 'count';

export function formatMetric(raw: number | null | undefined, unit: Unit): string {
  if (raw === null || raw === undefined) return 'n/a';
  // Sums of shares leave -0.0000000001 where the answer is 0.
  const value = Math.abs(raw) < 1e-9 ? 0 : raw;
  if (unit === 'ms') return value < 0 ? `-${formatDuration(Math.round(-value))}` : formatDuration(Math.round(value));
  if (unit === 'share') return `${(Math.abs(value) < 0.0005 ? 0 : value * 100).toFixed(1)}%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function formatInterval(ci: readonly [number, number] | null | undefined, unit: Unit): string {
  if (ci === null || ci === undefined) return 'n/a';
  return `[${formatMetric(ci[0], unit)}, ${formatMetric(ci[1], unit)}]`;
}

/** A signed difference (+1.2s, -3.0%). */
export function formatDelta(raw: number | null | undefined, unit: Unit): string {
  if (raw === null || raw === undefined) return 'n/a';
  const value = Math.abs(raw) < 1e-9 ? 0 : raw;
  const text = formatMetric(Math.abs(value), unit);
  return value > 0 ? `+${text}` : value < 0 ? `-${text}` : text;
}

/** A latency statistic as a duration, "> 5m12s" when it is only a lower bound (censored values reach it). */
export function formatLatency(summary: LatencySummary & { readonly lowerBound?: Readonly<Record<LatencyStatistic, boolean>> }, statistic: LatencyStatistic, missing = 'n/a'): string {
  const value = summary[statistic];
  if (value === null) return missing;
  const text = formatDuration(Math.round(value));
  return summary.lowerBound?.[statistic] === true ? `> ${text}` : text;
}

export interface EstimateText {
  readonly mean: string;
  readonly interval: string;
}

/** Decimals that show the first significant digit of x (0 for |x| ≥ 1, 2 for 0.017). */
function decimalsToShow(x: number): number {
  return x === 0 || !Number.isFinite(x) ? 0 : Math.max(0, Math.ceil(-Math.log10(Math.abs(x))));
}

const MAX_DECIMALS = 6;

/**
 * A mean and its 95 % interval at one precision chosen from the interval:
 * enough decimals that the half-width shows a significant digit and that a
 * non-zero mean never prints as 0 ("-0.017 pp [-0.021, -0.013]", not
 * "-0.0% [0.0%, 0.0%]"). A difference of shares is in percentage points
 * (pp) and signed; `lowerBound` marks the mean "> x" (censored values).
 */
export function formatEstimate(rawMean: number | null | undefined, ci: readonly [number, number] | null | undefined, unit: Unit, kind: 'value' | 'difference', lowerBound = false): EstimateText {
  if (rawMean === null || rawMean === undefined) return { mean: 'n/a', interval: ci === null || ci === undefined ? 'n/a' : formatInterval(ci, unit) };
  const clean = (v: number): number => (Math.abs(v) < 1e-9 ? 0 : v);
  const scale = unit === 'share' ? 100 : 1;
  const mean = clean(rawMean) * scale;
  const interval = ci === null || ci === undefined ? null : ([clean(ci[0]) * scale, clean(ci[1]) * scale] as const);
  const signed = kind === 'difference';
  const largest = Math.max(Math.abs(mean), ...(interval ?? []).map(Math.abs));
  // Durations of a second and more read best as durations; below, as ms with decimals when needed.
  const asDuration = unit === 'ms' && largest >= 1000 && Math.abs(Math.round(mean)) >= 1;
  const integral = unit === 'count' && Number.isInteger(mean) && (interval === null || interval.every(Number.isInteger));
  const base = unit === 'share' ? 1 : unit === 'count' && !integral ? 2 : 0;
  const width = interval === null ? 0 : (interval[1] - interval[0]) / 2;
  // Equal differences on every seed leave a rounding-error width (1e-15), not a real one.
  const halfWidth = width < 1e-9 * Math.max(1, largest) ? 0 : width;
  const decimals = Math.min(MAX_DECIMALS, Math.max(base, decimalsToShow(halfWidth), decimalsToShow(mean)));
  const suffix = unit === 'share' ? (signed ? ' pp' : '%') : unit === 'ms' && !asDuration ? 'ms' : '';
  const one = (v: number, sign: boolean): string => {
    if (asDuration) return formatDelta(v, 'ms').replace(/^\+/, sign ? '+' : '');
    const text = Math.abs(v).toFixed(decimals);
    const zero = Number(text) === 0;
    const prefix = zero ? '' : v < 0 ? '-' : sign ? '+' : '';
    return `${prefix}${zero ? (0).toFixed(decimals) : text}`;
  };
  return {
    mean: `${lowerBound ? '> ' : ''}${one(mean, signed)}${suffix}`,
    // "[1.2%, 3.4%]", "[-0.021, -0.013] pp"
    interval: interval === null ? 'n/a' : suffix === ' pp' ? `[${one(interval[0], false)}, ${one(interval[1], false)}] pp` : `[${one(interval[0], false)}${suffix}, ${one(interval[1], false)}${suffix}]`,
  };
}
