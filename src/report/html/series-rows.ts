/**
 * Turning report series into chart rows: aligning several step series on
 * the union of their change times (needed for stacking) and reading step
 * series (CDF points are in metrics/cdf.ts).
 */

/** A value that holds from `tMs` until the next point (a step series). */
export interface StepPoint {
  readonly tMs: number;
  readonly value: number;
}

/**
 * Values of every series at every change time of any of them (carrying the
 * last value forward; 0 before a series starts), so stacked areas line up.
 */
export function alignSteps(series: ReadonlyArray<readonly StepPoint[]>, endMs: number): { times: number[]; values: number[][] } {
  const timeSet = new Set<number>();
  for (const s of series) for (const p of s) if (p.tMs <= endMs) timeSet.add(p.tMs);
  timeSet.add(endMs);
  const times = [...timeSet].sort((a, b) => a - b);
  const values = series.map((s) => {
    const out: number[] = [];
    let index = 0;
    let current = 0;
    for (const t of times) {
      while (index < s.length && (s[index] as StepPoint).tMs <= t) current = (s[index++] as StepPoint).value;
      out.push(current);
    }
    return out;
  });
  return { times, values };
}

/** Time-weighted mean of a step series over [fromMs, toMs). */
export function meanOver(series: readonly StepPoint[], fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return series.length === 0 ? 0 : valueAt(series, fromMs);
  let total = 0;
  let current = 0;
  let last = fromMs;
  for (const p of series) {
    if (p.tMs <= fromMs) {
      current = p.value;
      continue;
    }
    if (p.tMs >= toMs) break;
    total += current * (p.tMs - last);
    last = p.tMs;
    current = p.value;
  }
  total += current * (toMs - last);
  return total / (toMs - fromMs);
}

export function valueAt(series: readonly StepPoint[], tMs: number): number {
  let current = 0;
  for (const p of series) {
    if (p.tMs > tMs) break;
    current = p.value;
  }
  return current;
}

/** Points drawn per chart of many step series (all series together), so the page stays small. */
export const CHART_POINT_BUDGET = 20_000;

/** At most how many points each of `series` step series may draw within the budget (at least 20). */
export function pointsPerSeries(series: number): number {
  return Math.max(20, Math.floor(CHART_POINT_BUDGET / Math.max(1, series)));
}

/**
 * A step series drawn through at most about `maxPoints` points: the times
 * are cut into maxPoints / 2 equal slices of [0, endMs) and each slice keeps
 * its point with the lowest `low` (a dip stays visible) and its last point
 * (the value the slice ends with), in time order. Shorter series are
 * returned whole. Every point kept is a real point of the series.
 */
export function thinSteps<T extends { readonly tMs: number }>(points: readonly T[], endMs: number, maxPoints: number, low: (p: T) => number): T[] {
  if (points.length <= maxPoints) return [...points];
  const slices = Math.max(1, Math.floor(maxPoints / 2));
  const width = Math.max(1, endMs / slices);
  const out: T[] = [];
  let i = 0;
  while (i < points.length) {
    const slice = Math.floor((points[i] as T).tMs / width);
    let lowest = points[i] as T;
    let last = lowest;
    for (; i < points.length && Math.floor((points[i] as T).tMs / width) === slice; i++) {
      last = points[i] as T;
      if (low(last) < low(lowest)) lowest = last;
    }
    out.push(lowest);
    if (last !== lowest) out.push(last);
  }
  return out;
}
