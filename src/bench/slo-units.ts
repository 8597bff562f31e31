/**
 * The unit an SLO objective was written in, so charts show the metric the
 * way the SLO states it: `atLeast: 90%` puts percentages on the axis
 * (0.9 → 90), `below: 5s` seconds, `below: 250ms` milliseconds, `below: 2m`
 * minutes; a bare number stays in the metric's own unit (shares 0..1,
 * durations in ms, counts).
 */
import type { MetricUnit } from './metrics.js';

export interface SloUnit {
  /** Multiply a metric value by this to get it in the SLO's unit. */
  readonly scale: number;
  /** Shown after axis titles: `%`, `s`, `ms`; empty for plain numbers. */
  readonly symbol: string;
}

const DURATION_UNITS: Readonly<Record<string, SloUnit>> = {
  ms: { scale: 1, symbol: 'ms' },
  s: { scale: 1 / 1000, symbol: 's' },
  m: { scale: 1 / 60_000, symbol: 'min' },
  h: { scale: 1 / 3_600_000, symbol: 'h' },
  d: { scale: 1 / 86_400_000, symbol: 'd' },
};

/** The unit of the threshold as written (the largest unit of a duration such as `1m30s`, which is its first). */
export function sloUnit(metricUnit: MetricUnit | undefined, written: number | string): SloUnit {
  if (metricUnit === 'share') return typeof written === 'string' && written.trim().endsWith('%') ? { scale: 100, symbol: '%' } : { scale: 1, symbol: '' };
  if (metricUnit === 'ms') {
    if (typeof written === 'number') return { scale: 1, symbol: 'ms' };
    const unit = /^\s*\d+(?:\.\d+)?\s*(ms|s|m|h|d)/.exec(written)?.[1];
    return DURATION_UNITS[unit ?? 'ms'] ?? { scale: 1, symbol: 'ms' };
  }
  return { scale: 1, symbol: '' };
}
