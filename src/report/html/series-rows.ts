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
