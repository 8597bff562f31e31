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
/** Whether any series was ever thinned: until one is, pushPoint need not look a series up in `resolutions`. */
let anyThinned = false;

function setResolution(series: object, resolution: number): void {
  anyThinned = true;
  resolutions.set(series, resolution);
}

/** Series thinned to their share of the report's points (report/series-budget.ts) rather than past their own bound. */
const budgeted = new WeakSet<object>();

/** 1 for an exact series; otherwise the window in which only the last change is kept. */
export function resolutionOf(series: readonly unknown[]): number {
  return resolutions.get(series) ?? 1;
}

export function pushPoint<T extends { readonly tMs: number }>(series: T[], point: T, equal: (a: T, b: T) => boolean): void {
  const last = series[series.length - 1];
  if (last !== undefined && equal(last, point)) return;
  if (last !== undefined && sameWindow(anyThinned ? resolutionOf(series) : 1, last.tMs, point.tMs)) {
    series[series.length - 1] = point;
    const previous = series[series.length - 2];
    if (previous !== undefined && equal(previous, point)) series.pop();
    return;
  }
  series.push(point);
  if (series.length > MAX_SERIES_POINTS) thin(series, equal, MAX_SERIES_POINTS / 2);
}

function sameWindow(resolution: number, aMs: number, bMs: number): boolean {
  return Math.floor(aMs / resolution) === Math.floor(bMs / resolution);
}

/** A copy of `series` thinned as pushPoint thins (the last change per window, the window doubling) to at most `maxPoints` points; `series` itself if it fits. */
export function thinnedTo<T extends { readonly tMs: number }, S extends readonly T[]>(series: S, maxPoints: number, equal: (a: T, b: T) => boolean): S {
  if (series.length <= maxPoints) return series;
  const copy: T[] = [...series];
  const resolution = resolutionOf(series);
  if (resolution > 1) setResolution(copy, resolution);
  thin(copy, equal, Math.max(1, maxPoints));
  budgeted.add(copy);
  return copy as unknown as S;
}

/** Doubles the window until at most `limit` points are left: the last point of each window, merged when equal. */
function thin<T extends { readonly tMs: number }>(series: T[], equal: (a: T, b: T) => boolean, limit: number): void {
  let resolution = resolutionOf(series);
  let merged = false;
  while (series.length > limit) {
    resolution *= 2;
    // Once a pass has merged equal neighbours, a pass whose windows hold no two points keeps every point:
    // go on doubling without it (a week of points a minute apart starts at 1 ms windows: ten such passes,
    // each comparing every pair of neighbours' values).
    if (merged && !sharesWindow(series, resolution)) continue;
    merged = true;
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
  setResolution(series, resolution);
}

/** Whether two neighbouring points fall in one window of `resolution` ms. */
function sharesWindow(series: ReadonlyArray<{ readonly tMs: number }>, resolution: number): boolean {
  for (let i = 1; i < series.length; i++) {
    if (Math.floor((series[i - 1] as { readonly tMs: number }).tMs / resolution) === Math.floor((series[i] as { readonly tMs: number }).tMs / resolution)) return true;
  }
  return false;
}

/** Shallow equality of every field but tMs (points are object literals: for-in walks their own fields without listing them first). */
export function sameValues<T extends { readonly tMs: number }>(a: T, b: T): boolean {
  for (const key in a) {
    if (key !== 'tMs' && a[key] !== b[key]) return false;
  }
  return true;
}

/** Families of series with more thinned members than this get one warning for all. */
const WARNINGS_PER_FAMILY = 3;

/** The label of an array element in a warning's path: its `name` when it has one, else its index. */
function elementLabel(item: unknown, index: number): string | number {
  return typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : index;
}

/** Where a thinned series is: `nodes[node-a-1].series` and its family `nodes[].series`, from the walk's steps (member keys, and array elements as their label). */
function placeOf(steps: ReadonlyArray<{ readonly key: string } | { readonly label: string | number }>): { path: string; family: string } {
  let path = '';
  let family = '';
  for (const step of steps) {
    if ('key' in step) {
      path = path === '' ? step.key : `${path}.${step.key}`;
      family = family === '' ? step.key : `${family}.${step.key}`;
    } else {
      path = `${path}[${step.label}]`;
      family = `${family}[]`;
    }
  }
  return { path, family };
}

/**
 * The warnings for the thinned series in `report` (found by walking it, so
 * every section is covered), naming where each is and its window; a family
 * of more than WARNINGS_PER_FAMILY thinned series (`nodes[].series` of
 * 5,000 nodes) gets one warning with their count and the range of windows.
 * The walk keeps the steps it took and writes a path only for a thinned
 * series (not one per field of every point); nothing is thinned until
 * some series was.
 */
export function seriesWarnings(report: object): string[] {
  if (!anyThinned) return [];
  const thinned: Array<{ path: string; family: string; resolution: number; budgeted: boolean }> = [];
  const steps: Array<{ readonly key: string } | { readonly label: string | number }> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      const resolution = resolutionOf(value);
      if (resolution > 1) thinned.push({ ...placeOf(steps), resolution, budgeted: budgeted.has(value) });
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== 'object' || item === null) continue;
        steps.push({ label: elementLabel(item, i) });
        walk(item);
        steps.pop();
      }
    } else if (typeof value === 'object' && value !== null && !(value instanceof Map)) {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const member = record[key];
        if (typeof member !== 'object' || member === null) continue;
        steps.push({ key });
        walk(member);
        steps.pop();
      }
    }
  };
  walk(report);
  const families = new Map<string, typeof thinned>();
  for (const t of thinned) {
    const members = families.get(t.family);
    if (members === undefined) families.set(t.family, [t]);
    else members.push(t);
  }
  return [...families].flatMap(([family, members]) => {
    if (members.length <= WARNINGS_PER_FAMILY) return members.map((t) => `${t.path} ${t.budgeted ? 'had more changes than its share of the report\'s points' : `had more than ${MAX_SERIES_POINTS} changes`}: it keeps the last change in each ${t.resolution} ms window (docs/report.md)`);
    const windows = members.map((t) => t.resolution);
    const low = Math.min(...windows), high = Math.max(...windows);
    return [`${family}: ${members.length} series had more changes than their share of the report's points: each keeps the last change in each window of ${low === high ? `${low}` : `${low} to ${high}`} ms (docs/report.md)`];
  });
}

/** Whether `series` was thinned to its share of the report's points (report/series-budget.ts) rather than past its own bound. */
export function isBudgeted(series: readonly unknown[]): boolean {
  return budgeted.has(series);
}
