/**
 * Endpoints of every Service over time, a panel each: ready endpoints
 * (where kube-proxy sends traffic) and not-ready ones (starting,
 * failing their readiness probe, or terminating).
 */
import type { Report } from '../../report.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { timeX } from './common.js';
import { COUNT_AXIS, facetSpec, panelsWithinBudget, stepToEnd } from './facets.js';

const SERIES = ['ready', 'not ready'];

/** The fewest ready endpoints a Service had once it first had one (a Service that never had one: 0). */
function lowestReady(service: Report['services'][number]): number {
  const from = service.series.findIndex((p) => p.readyEndpoints > 0);
  return from < 0 ? 0 : Math.min(...service.series.slice(from).map((p) => p.readyEndpoints));
}

export function endpointsChart(services: Report['services'], context: ChartContext): Chart | undefined {
  const withSeries = services.filter((s) => s.series.length > 0);
  if (withSeries.length === 0) return undefined;
  const lowest = new Map(withSeries.map((s) => [s, lowestReady(s)]));
  const { shown: charted, line } = panelsWithinBudget(withSeries, (a, b) => (lowest.get(a) ?? 0) - (lowest.get(b) ?? 0), 'Services', 'those with the fewest ready endpoints at their lowest first', 'services.csv');
  const keys = charted.map((s) => `${s.namespace}/${s.name}`);
  const rows = charted.flatMap((s, i) => stepToEnd(s.series, context.durationMs).map((p) => ({
    kind: 'series', key: keys[i], t: context.axis.toUnit(p.tMs), ready: p.readyEndpoints, 'not ready': p.notReadyEndpoints,
  })));
  return {
    id: 'services-endpoints',
    title: 'Endpoints per Service',
    caption: `Ready endpoints receive traffic; not-ready ones are starting, failing readiness or terminating.${line}`,
    spec: facetSpec({
      keys,
      rows,
      context,
      integer: true,
      independentY: true,
      layers: [{
        kind: 'series',
        layer: {
          transform: [{ fold: SERIES, as: ['series', 'endpoints'] }],
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: {
            x: timeX(context),
            y: { field: 'endpoints', type: 'quantitative', title: 'endpoints', axis: COUNT_AXIS },
            color: { field: 'series', type: 'nominal', title: null, scale: { domain: SERIES, range: ['#31a354', '#e6550d'] }, legend: { orient: 'bottom' } },
            tooltip: [{ field: 'key', title: 'Service' }, { field: 'series' }, { field: 'endpoints' }, { field: 't', format: '.2f' }],
          },
        },
      }],
    }),
  };
}

export const servicesBuilder: ChartBuilder<Report> = {
  section: 'services',
  build(report, context) {
    return [endpointsChart(report.services, context)].flatMap((c) => c ?? []);
  },
};
