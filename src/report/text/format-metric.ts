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
export function formatLatency(summary: LatencySummary & { readonly lowerBounds?: readonly LatencyStatistic[] }, statistic: LatencyStatistic, missing = 'n/a'): string {
  const value = summary[statistic];
  if (value === null) return missing;
  const text = formatDuration(Math.round(value));
  return summary.lowerBounds?.includes(statistic) === true ? `> ${text}` : text;
}
