/** Appending to a time series: one point per instant, and only on a change. */

export function pushPoint<T extends { readonly tMs: number }>(series: T[], point: T, equal: (a: T, b: T) => boolean): void {
  const last = series[series.length - 1];
  if (last !== undefined && equal(last, point)) return;
  if (last !== undefined && last.tMs === point.tMs) {
    series[series.length - 1] = point;
    const previous = series[series.length - 2];
    if (previous !== undefined && equal(previous, point)) series.pop();
    return;
  }
  series.push(point);
}

/** Shallow equality of every field but tMs. */
export function sameValues<T extends { readonly tMs: number }>(a: T, b: T): boolean {
  for (const key of Object.keys(a) as Array<keyof T>) {
    if (key !== 'tMs' && a[key] !== b[key]) return false;
  }
  return true;
}
