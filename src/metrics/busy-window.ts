/**
 * The window in which the cluster had work, for headline averages: a replay
 * of 150 days whose first 115 hold a handful of pods would otherwise report
 * a mean allocation of 0.2 % that describes neither period. The window runs
 * from the first to the last sample at which the headline resource (GPU when
 * nodes have one, else CPU) is allocated at no less than a quarter of its peak;
 * means inside it are over its samples, which are evenly spaced in time.
 */
export const BUSY_SHARE_OF_PEAK = 0.25;

export interface BusyWindow {
  readonly fromMs: number;
  readonly toMs: number;
  /** The series field the window is cut on (`gpuShare` or `cpuShare`). */
  readonly field: string;
  readonly peak: number;
  readonly mean: Readonly<Record<string, number | null>>;
}

type Sample = { readonly tMs: number };

export function busyWindow<T extends Sample>(series: readonly T[], field: keyof T & string, endMs: number, fields: ReadonlyArray<keyof T & string>): BusyWindow | null {
  const values = series.map((p) => (typeof p[field] === 'number' ? (p[field] as number) : 0));
  const peak = Math.max(0, ...values);
  if (peak === 0) return null;
  const threshold = peak * BUSY_SHARE_OF_PEAK;
  const first = values.findIndex((v) => v >= threshold);
  const last = values.length - 1 - [...values].reverse().findIndex((v) => v >= threshold);
  const inside = series.slice(first, last + 1);
  const mean = Object.fromEntries(fields.map((f) => {
    const numbers = inside.flatMap((p) => (typeof p[f] === 'number' ? [p[f] as number] : []));
    return [f, numbers.length === 0 ? null : numbers.reduce((s, v) => s + v, 0) / numbers.length];
  }));
  return { fromMs: (series[first] as T).tMs, toMs: series[last + 1]?.tMs ?? endMs, field, peak, mean };
}
