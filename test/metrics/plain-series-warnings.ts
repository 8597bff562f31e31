/**
 * The plain reference for seriesWarnings (src/metrics/series.ts), as it
 * was before it kept the walk's steps instead of a path string per field:
 * series-warnings.property.test.ts checks that both warn the same.
 */
import { isBudgeted, MAX_SERIES_POINTS, resolutionOf } from '../../src/metrics/series.js';

const WARNINGS_PER_FAMILY = 3;

export function seriesWarnings(report: object): string[] {
  const thinned: Array<{ path: string; family: string; resolution: number; budgeted: boolean }> = [];
  const walk = (value: unknown, path: string, family: string): void => {
    if (Array.isArray(value)) {
      const resolution = resolutionOf(value);
      if (resolution > 1) thinned.push({ path, family, resolution, budgeted: isBudgeted(value) });
      value.forEach((item, i) => walk(item, `${path}[${typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : i}]`, `${family}[]`));
    } else if (typeof value === 'object' && value !== null && !(value instanceof Map)) {
      for (const [key, v] of Object.entries(value)) walk(v, path === '' ? key : `${path}.${key}`, family === '' ? key : `${family}.${key}`);
    }
  };
  walk(report, '', '');
  const families = new Map<string, typeof thinned>();
  for (const t of thinned) families.set(t.family, [...(families.get(t.family) ?? []), t]);
  return [...families].flatMap(([family, members]) => {
    if (members.length <= WARNINGS_PER_FAMILY) return members.map((t) => `${t.path} ${t.budgeted ? 'had more changes than its share of the report\'s points' : `had more than ${MAX_SERIES_POINTS} changes`}: it keeps the last change in each ${t.resolution} ms window (docs/report.md)`);
    const windows = members.map((t) => t.resolution);
    const low = Math.min(...windows), high = Math.max(...windows);
    return [`${family}: ${members.length} series had more changes than their share of the report's points: each keeps the last change in each window of ${low === high ? `${low}` : `${low} to ${high}`} ms (docs/report.md)`];
  });
}
