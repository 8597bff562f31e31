/**
 * The time axis shared by every time chart of a report: simulated
 * milliseconds shown in minutes, hours or days depending on the run's
 * length, as a plain quantitative axis (a temporal axis would print
 * 1970-01-01 dates for simulated time).
 */

export interface TimeAxis {
  /** Milliseconds per axis unit. */
  readonly unitMs: number;
  /** Axis title, e.g. "time (min)". */
  readonly title: string;
  /** Converts simulated ms to the axis unit, rounded so the JSON stays short but distinct ms stay distinct. */
  toUnit(ms: number): number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function timeAxisFor(durationMs: number): TimeAxis {
  const [unitMs, name] = durationMs <= 3 * HOUR_MS ? [MINUTE_MS, 'min'] : durationMs <= 3 * DAY_MS ? [HOUR_MS, 'h'] : [DAY_MS, 'days'];
  // Enough decimals that one millisecond is still a different value (stacked
  // areas sum rows that share an x value).
  const scale = 10 ** Math.ceil(Math.log10(unitMs));
  return {
    unitMs,
    title: `time (${name})`,
    toUnit: (ms) => Math.round((ms / unitMs) * scale) / scale,
  };
}
