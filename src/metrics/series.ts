/**
 * Appending to a time series: one point per instant, and only on a change.
 * A series is kept exact up to MAX_SERIES_POINTS points; a series that
 * outgrows it (a node through a week of Job churn) keeps only the last
 * change in each window of `resolutionOf(series)` ms, the window doubling
 * as often as needed, so its size is bounded by duration, not by churn.
 * Every point kept is exact (the value from its time to the next point);
 * what a window's earlier changes were is lost, and the report says which
 * series were thinned and to what (seriesWarnings).
 */

export const MAX_SERIES_POINTS = 4096;

/** Window width of each thinned series (absent: exact, every change). */
const resolutions = new WeakMap<object, number>();

/** 1 for an exact series; otherwise the window in which only the last change is kept. */
export function resolutionOf(series: readonly unknown[]): number {
  return resolutions.get(series) ?? 1;
}

export function pushPoint<T extends { readonly tMs: number }>(series: T[], point: T, equal: (a: T, b: T) => boolean): void {
  const last = series[series.length - 1];
  if (last !== undefined && equal(last, point)) return;
  const resolution = resolutionOf(series);
  if (last !== undefined && Math.floor(last.tMs / resolution) === Math.floor(point.tMs / resolution)) {
    series[series.length - 1] = point;
    const previous = series[series.length - 2];
    if (previous !== undefined && equal(previous, point)) series.pop();
    return;
  }
  series.push(point);
  if (series.length > MAX_SERIES_POINTS) thin(series, equal);
}

/** Doubles the window until at most half the bound is left: the last point of each window, merged when equal. */
function thin<T extends { readonly tMs: number }>(series: T[], equal: (a: T, b: T) => boolean): void {
  let resolution = resolutionOf(series);
  while (series.length > MAX_SERIES_POINTS / 2) {
    resolution *= 2;
    const kept: T[] = [];
    for (const p of series) {
      const previous = kept[kept.length - 1];
      if (previous !== undefined && Math.floor(previous.tMs / resolution) === Math.floor(p.tMs / resolution)) kept[kept.length - 1] = p;
      else kept.push(p);
      const before = kept[kept.length - 2];
      if (before !== undefined && equal(before, kept[kept.length - 1] as T)) kept.pop();
    }
    series.splice(0, series.length, ...kept);
  }
  resolutions.set(series, resolution);
}

/** Shallow equality of every field but tMs. */
export function sameValues<T extends { readonly tMs: number }>(a: T, b: T): boolean {
  for (const key of Object.keys(a) as Array<keyof T>) {
    if (key !== 'tMs' && a[key] !== b[key]) return false;
  }
  return true;
}

/**
 * One warning per thinned series in `report` (found by walking it, so every
 * section is covered), naming where it is and its window.
 */
export function seriesWarnings(report: object): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      const resolution = resolutionOf(value);
      if (resolution > 1) out.push(`${path} had more than ${MAX_SERIES_POINTS} changes: it keeps the last change in each ${resolution} ms window (docs/report.md)`);
      value.forEach((item, i) => walk(item, `${path}[${typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : i}]`));
    } else if (typeof value === 'object' && value !== null && !(value instanceof Map)) {
      for (const [key, v] of Object.entries(value)) walk(v, path === '' ? key : `${path}.${key}`);
    }
  };
  walk(report, '');
  return out;
}
