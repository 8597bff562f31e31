/**
 * Available vs desired replicas of every Deployment, a panel each, with the
 * band the rolling update may dip into (desired − maxUnavailable up to
 * desired) shaded: a line under the band means availability fell below the
 * floor.
 */
import type { DeploymentPoint } from '../../../metrics/types.js';
import type { Report } from '../../report.js';
import { largerFirst } from '../../text/row-budget.js';
import { pointsPerSeries, thinSteps } from '../series-rows.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { timeX } from './common.js';
import { COUNT_AXIS, facetSpec, PANEL_MAX_POINTS, panelsWithinBudget, stepToEnd } from './facets.js';

export interface DeploymentSeries {
  readonly name: string;
  readonly namespace: string;
  readonly deletedMs?: number;
  readonly series: readonly DeploymentPoint[];
}

const SERIES = ['desired', 'available', 'floor'];

/** What ranks a Deployment's availability: report.json's availability[] figures. */
export interface AvailabilityRank {
  readonly name: string;
  readonly namespace: string;
  readonly fractionAtLeastMinAvailable: number | null;
  readonly timeBelowDesiredMs: number;
}

/**
 * Least available first, as the Availability table (run-tables.ts): the
 * least time at or above the floor, then the most time below desired; a
 * Deployment without figures after those with.
 */
function leastAvailableFirst(ranks: readonly AvailabilityRank[]): (a: DeploymentSeries, b: DeploymentSeries) => number {
  const byKey = new Map(ranks.map((r) => [`${r.namespace}/${r.name}`, r]));
  return (a, b) => {
    const ra = byKey.get(`${a.namespace}/${a.name}`);
    const rb = byKey.get(`${b.namespace}/${b.name}`);
    if (ra === undefined || rb === undefined) return (ra === undefined ? 1 : 0) - (rb === undefined ? 1 : 0);
    const share = (r: AvailabilityRank): number | null => (r.fractionAtLeastMinAvailable === null ? null : -r.fractionAtLeastMinAvailable);
    return largerFirst(share(ra), share(rb)) || rb.timeBelowDesiredMs - ra.timeBelowDesiredMs;
  };
}

export function availabilityChart(deployments: readonly DeploymentSeries[], context: ChartContext, ranks: readonly AvailabilityRank[] = []): Chart | undefined {
  const withSeries = deployments.filter((d) => d.series.length > 0);
  if (withSeries.length === 0) return undefined;
  const { shown: charted, line } = panelsWithinBudget(withSeries, leastAvailableFirst(ranks), 'Deployments', 'the least available, worst first', 'deployments.csv');
  const keys = charted.map((d) => `${d.namespace}/${d.name}`);
  const budget = Math.min(pointsPerSeries(charted.length), keys.length === 1 ? Infinity : PANEL_MAX_POINTS);
  const thinned = charted.filter((d) => d.series.length > budget).length;
  const rows = charted.flatMap((d, i) => stepToEnd(thinSteps(d.series, context.durationMs, budget, (p) => p.availableReplicas), d.deletedMs ?? context.durationMs).map((p) => ({
    kind: 'series', key: keys[i], t: context.axis.toUnit(p.tMs), desired: p.replicas, available: p.availableReplicas, floor: p.minAvailable,
  })));
  const x = timeX(context);
  return {
    id: 'availability',
    title: 'Available vs desired, per Deployment',
    caption: `Shaded: from the maxUnavailable floor (desired − maxUnavailable) up to desired. The solid line is availableReplicas.${line}` +
      (thinned === 0 ? '' : ` ${thinned} of ${keys.length} Deployments changed more than ${budget} times: each is drawn through the lowest-available and the last point of each of ${Math.floor(budget / 2)} equal time slices (csv/deployments.csv has every point report.json keeps).`),
    spec: facetSpec({
      keys,
      rows,
      context,
      integer: true,
      independentY: true,
      layers: [
        { kind: 'series', layer: { mark: { type: 'area', interpolate: 'step-after', color: '#9ecae1', opacity: 0.45 }, encoding: { x, y: { field: 'floor', type: 'quantitative', title: 'replicas', axis: COUNT_AXIS }, y2: { field: 'desired' } } } },
        {
          kind: 'series',
          layer: {
            transform: [{ fold: SERIES, as: ['series', 'replicas'] }],
            mark: { type: 'line', interpolate: 'step-after' },
            encoding: {
              x,
              y: { field: 'replicas', type: 'quantitative' },
              color: { field: 'series', type: 'nominal', scale: { domain: SERIES, range: ['#3182bd', '#e6550d', '#9e9e9e'] }, legend: { orient: 'bottom' } },
              strokeDash: { field: 'series', type: 'nominal', scale: { domain: SERIES, range: [[6, 3], [1, 0], [2, 2]] } },
              tooltip: [{ field: 'key', title: 'Deployment' }, { field: 'series' }, { field: 'replicas' }, { field: 't', format: '.2f' }],
            },
          },
        },
      ],
    }),
  };
}

export const availabilityBuilder: ChartBuilder<Report> = {
  section: 'deployments',
  build(report, context) {
    return [availabilityChart(report.deployments, context, report.availability)].flatMap((c) => c ?? []);
  },
};
