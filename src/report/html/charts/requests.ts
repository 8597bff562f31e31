/**
 * Requests per Service over time (request rate, errors, p99 latency, served)
 * when the report has a `requests` section, a panel per Service; and, for
 * every Service whose requests were served by more than one version (a
 * blue-green switch, a canary), the requests each version served, stacked.
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

interface VersionSeries {
  readonly version: string;
  readonly series: ReadonlyArray<{ readonly tMs: number; readonly served: number }>;
}

function versionsOf(service: Row, endMs: number): VersionSeries[] {
  return rowsOf(service.byVersion).map((v) => withEmptyWindows({ ...v, windowMs: service.windowMs }, endMs)).flatMap((v) => (typeof v.version === 'string' ? [{ version: v.version, series: rowsOf(v.series).filter((p) => typeof p.tMs === 'number' && typeof p.served === 'number') as unknown as VersionSeries['series'] }] : []))
    .filter((v) => v.series.some((p) => p.served > 0));
}

function windowText(services: readonly Row[]): string {
  const windowMs = numberOr(services[0]?.windowMs, null);
  return windowMs === null ? '' : `${windowMs / 1000} s`;
}

/** Requests served by each version of the pods behind a Service, stacked, for Services served by more than one. */
export function versionTrafficChart(services: readonly Row[], context: ChartContext): Chart | undefined {
  const split = services.flatMap((s) => {
    const versions = versionsOf(s, context.durationMs);
    return versions.length > 1 && typeof s.service === 'string' ? [{ key: s.service, label: typeof s.versionLabel === 'string' ? s.versionLabel : 'version', versions }] : [];
  });
  if (split.length === 0) return undefined;
  const rows = split.flatMap((s) => s.versions.flatMap((v) => stepToEnd(v.series, context.durationMs).map((p) => ({
    kind: 'series', key: s.key, t: context.axis.toUnit(p.tMs), version: v.version === '' ? `(no ${s.label} label)` : v.version, served: p.served,
  }))));
  const labels = [...new Set(split.map((s) => s.label))];
  return {
    id: 'requests-by-version',
    title: 'Requests served per version',
    caption: `Requests served per ${windowText(services)} window by pods of each value of the ${labels.join(' / ')} label, stacked: a blue-green switch or a canary's share.${shownLine(split.length, 'Services served by more than one version')}`,
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
            y: { field: 'served', type: 'quantitative', stack: 'zero', title: 'requests served', axis: COUNT_AXIS },
            color: { field: 'version', type: 'nominal', title: labels.join(' / '), legend: { orient: 'bottom' } },
            tooltip: [{ field: 'key', title: 'Service' }, { field: 'version' }, { field: 'served' }, { field: 't', format: '.2f' }],
          },
        },
      }],
    }),
  };
}

export const requestsBuilder: ChartBuilder<Record<string, unknown>> = {
  section: 'requests',
  build(report, context) {
    const services = requestServices(report.requests).map((s) => withEmptyWindows(s, context.durationMs));
    return [
      ...genericSeriesCharts('requests', services, context, FIRST_FIELDS, 'Services with traffic'),
      ...[versionTrafficChart(services, context)].flatMap((c) => c ?? []),
    ];
  },
};
