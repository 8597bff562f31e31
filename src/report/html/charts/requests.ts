/**
 * Requests per Service over time (request rate, errors, p99 latency, served)
 * when the report has a `requests` section, a panel per Service; and, for
 * every Service whose requests went to more than one version (a rolling
 * update, a blue-green switch, a canary: pod templates, or a proxy's
 * backends), the requests each version took, stacked, and each version's
 * error rate and p99 latency.
 */
import { numberOr, isRow, rowsOf, type ChartBuilder, type ChartContext, type Chart, type Row } from '../spec-types.js';
import { timeX } from './common.js';
import { COUNT_AXIS, facetSpec, shownLine, stepToEnd } from './facets.js';
import { genericSeriesCharts } from './generic-series.js';

const FIRST_FIELDS = ['rps', 'errors', 'p99', 'p99Ms', 'latencyP99Ms', 'served'];

/** The per-Service list of a requests section: a list, `{ services: [...] }`, or a map by name. */
export function requestServices(section: unknown): Row[] {
  if (Array.isArray(section)) return rowsOf(section);
  if (!isRow(section)) return [];
  if (Array.isArray(section.services)) return rowsOf(section.services);
  if (Array.isArray(section.series)) return [section];
  return Object.entries(section).flatMap(([service, value]) => (isRow(value) ? [{ service, ...value }] : []));
}

/**
 * The series has a point only for windows with arrivals; a window without
 * any had 0 requests (not the previous window's rate), so the gaps are
 * filled with zeros (and no latency).
 */
export function withEmptyWindows(service: Row, endMs: number): Row {
  const windowMs = numberOr(service.windowMs, null);
  const series = rowsOf(service.series).filter((p) => typeof p.tMs === 'number');
  if (windowMs === null || windowMs <= 0 || series.length === 0) return service;
  const byStart = new Map(series.map((p) => [p.tMs as number, p]));
  const filled: Row[] = [];
  for (let t = 0; t < endMs; t += windowMs) {
    const empty = Object.keys(series[0] as Row).filter((k) => k !== 'tMs').map((k): [string, number | null] => [k, k.startsWith('p99') || k.startsWith('latency') ? null : 0]);
    filled.push(byStart.get(t) ?? Object.fromEntries<unknown>([['tMs', t], ...empty]));
  }
  return { ...service, series: filled };
}

interface VersionPoint {
  readonly tMs: number;
  readonly served: number;
  readonly errors: number;
  readonly p99: number | null;
}

interface VersionSeries {
  readonly version: string;
  readonly series: readonly VersionPoint[];
}

function versionsOf(service: Row, endMs: number): VersionSeries[] {
  return rowsOf(service.byVersion).map((v) => withEmptyWindows({ ...v, windowMs: service.windowMs }, endMs)).flatMap((v) => (typeof v.version === 'string' ? [{
    version: v.version,
    series: rowsOf(v.series).filter((p) => typeof p.tMs === 'number' && typeof p.served === 'number').map((p) => ({ tMs: p.tMs as number, served: p.served as number, errors: numberOr(p.errors, 0) ?? 0, p99: numberOr(p.p99, null) })),
  }] : []))
    .filter((v) => v.series.some((p) => p.served + p.errors > 0));
}

function windowText(services: readonly Row[]): string {
  const windowMs = numberOr(services[0]?.windowMs, null);
  return windowMs === null ? '' : `${windowMs / 1000} s`;
}

interface Split {
  readonly key: string;
  readonly byBackend: boolean;
  readonly versions: VersionSeries[];
}

function splits(services: readonly Row[], context: ChartContext): Split[] {
  return services.flatMap((s) => {
    const versions = versionsOf(s, context.durationMs);
    return versions.length > 1 && typeof s.service === 'string' ? [{ key: s.service, byBackend: s.splitBy === 'backend Service', versions }] : [];
  });
}

function splitNoun(split: readonly Split[]): string {
  const kinds = new Set(split.map((s) => (s.byBackend ? 'backend Service (for a proxy)' : 'pod template (named by the version label, else the image)')));
  return [...kinds].join(' or ');
}

const VERSION_COLOR = { field: 'version', type: 'nominal', title: 'version', legend: { orient: 'bottom' } } as const;

/** Requests each version of a Service took (served or failed there), stacked, for Services split over more than one. */
export function versionTrafficChart(services: readonly Row[], context: ChartContext): Chart | undefined {
  const split = splits(services, context);
  if (split.length === 0) return undefined;
  const rows = split.flatMap((s) => s.versions.flatMap((v) => stepToEnd(v.series, context.durationMs).map((p) => ({
    kind: 'series', key: s.key, t: context.axis.toUnit(p.tMs), version: v.version, requests: p.served + p.errors,
  }))));
  return {
    id: 'requests-by-version',
    title: 'Requests per version',
    caption: `Requests per ${windowText(services)} window that reached each version (served or failed there), stacked: a rolling update's, blue-green switch's or canary's share. A version is a ${splitNoun(split)}.${shownLine(split.length, 'Services split over more than one version')}`,
    spec: facetSpec({
      keys: split.map((s) => s.key),
      rows,
      context,
      integer: true,
      independentY: true,
      layers: [{
        kind: 'series',
        layer: {
          mark: { type: 'area', interpolate: 'step-after', opacity: 0.85 },
          encoding: {
            x: timeX(context),
            y: { field: 'requests', type: 'quantitative', stack: 'zero', title: 'requests', axis: COUNT_AXIS },
            color: VERSION_COLOR,
            tooltip: [{ field: 'key', title: 'Service' }, { field: 'version' }, { field: 'requests' }, { field: 't', format: '.2f' }],
          },
        },
      }],
    }),
  };
}

/** Each version's error rate and p99 latency per window: is the canary worse than the stable version? */
export function versionQualityCharts(services: readonly Row[], context: ChartContext): Chart[] {
  const split = splits(services, context);
  if (split.length === 0) return [];
  const point = (s: Split, v: VersionSeries, p: VersionPoint) => ({ kind: 'series', key: s.key, t: context.axis.toUnit(p.tMs), version: v.version });
  const errorRows = split.flatMap((s) => s.versions.flatMap((v) => v.series.filter((p) => p.served + p.errors > 0).map((p) => ({ ...point(s, v, p), errorPercent: (100 * p.errors) / (p.served + p.errors) }))));
  const p99Rows = split.flatMap((s) => s.versions.flatMap((v) => v.series.filter((p) => p.p99 !== null).map((p) => ({ ...point(s, v, p), p99: p.p99 }))));
  const line = (field: string, title: string) => ({
    kind: 'series',
    layer: {
      mark: { type: 'line', point: { size: 12 } },
      encoding: { x: timeX(context), y: { field, type: 'quantitative', title }, color: VERSION_COLOR, tooltip: [{ field: 'key', title: 'Service' }, { field: 'version' }, { field, format: '.2f' }, { field: 't', format: '.2f' }] },
    },
  });
  const keys = split.map((s) => s.key);
  return [
    {
      id: 'requests-by-version-errors',
      title: 'Error rate per version',
      caption: `Share of the requests reaching each version that failed, per ${windowText(services)} window (windows a version took no request in have no point).${shownLine(split.length, 'Services split over more than one version')}`,
      spec: facetSpec({ keys, rows: errorRows, context, independentY: true, layers: [line('errorPercent', 'errors (%)')] }),
    },
    {
      id: 'requests-by-version-p99',
      title: 'p99 latency per version',
      caption: `p99 latency of the requests each version served, per ${windowText(services)} window (no point where it served none).${shownLine(split.length, 'Services split over more than one version')}`,
      spec: facetSpec({ keys, rows: p99Rows, context, independentY: true, layers: [line('p99', 'p99 (ms)')] }),
    },
  ];
}

export const requestsBuilder: ChartBuilder<Record<string, unknown>> = {
  section: 'requests',
  build(report, context) {
    const services = requestServices(report.requests).map((s) => withEmptyWindows(s, context.durationMs));
    return [
      ...genericSeriesCharts('requests', services, context, FIRST_FIELDS, 'Services with traffic'),
      ...[versionTrafficChart(services, context)].flatMap((c) => c ?? []),
      ...versionQualityCharts(services, context),
    ];
  },
};
