/**
 * Turning report series into chart rows: aligning several step series on
 * the union of their change times (needed for stacking), counting pods in a
 * state over time, and thinning sorted samples for CDFs.
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

/** A count that goes up at `fromMs` and down at `toMs` (when defined). */
export interface Interval {
  readonly fromMs: number;
  readonly toMs?: number;
}

/** How many intervals are open over time, as a step series. */
export function countOpen(intervals: readonly Interval[], endMs: number): StepPoint[] {
  const deltas = new Map<number, number>();
  for (const i of intervals) {
    if (i.toMs !== undefined && i.toMs <= i.fromMs) continue;
    deltas.set(i.fromMs, (deltas.get(i.fromMs) ?? 0) + 1);
    if (i.toMs !== undefined) deltas.set(i.toMs, (deltas.get(i.toMs) ?? 0) - 1);
  }
  const out: StepPoint[] = [{ tMs: 0, value: 0 }];
  let open = 0;
  for (const t of [...deltas.keys()].sort((a, b) => a - b)) {
    if (t > endMs) break;
    open += deltas.get(t) as number;
    if (out[out.length - 1]?.tMs === t) out[out.length - 1] = { tMs: t, value: open };
    else out.push({ tMs: t, value: open });
  }
  return out;
}

/**
 * Points of an empirical CDF: (value, share of samples <= value), thinned to
 * at most `maxPoints` evenly spaced ranks (always keeping the last).
 */
export function cdfPoints(samples: readonly number[], maxPoints = 300): Array<{ value: number; share: number }> {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const out: Array<{ value: number; share: number }> = [];
  for (let i = 0; i < n; i += step) out.push({ value: sorted[i] as number, share: (i + 1) / n });
  if (out[out.length - 1]?.share !== 1) out.push({ value: sorted[n - 1] as number, share: 1 });
  return out;
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
