/**
 * Available vs desired replicas of each Deployment, with the band the
 * rolling update may dip into (desired − maxUnavailable up to desired)
 * shaded: a line under the band means availability fell below the floor.
 */
import type { DeploymentPoint } from '../../../metrics/types.js';
import type { Report } from '../../report.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, MAX_CHARTS_PER_SECTION, slug, timeX } from './common.js';

export interface DeploymentSeries {
  readonly name: string;
  readonly namespace: string;
  readonly deletedMs?: number;
  readonly series: readonly DeploymentPoint[];
}

export function availabilityChart(deployment: DeploymentSeries, context: ChartContext): Chart | undefined {
  if (deployment.series.length === 0) return undefined;
  const end = deployment.deletedMs ?? context.durationMs;
  const points = [...deployment.series, { ...(deployment.series[deployment.series.length - 1] as DeploymentPoint), tMs: end }];
  const rows = points.map((p) => ({ t: context.axis.toUnit(p.tMs), desired: p.replicas, available: p.availableReplicas, floor: p.minAvailable }));
  const key = `${deployment.namespace}/${deployment.name}`;
  const x = timeX(context);
  return {
    id: `availability-${slug(key)}`,
    title: `Available vs desired: ${key}`,
    caption: 'Shaded: from the maxUnavailable floor (desired − maxUnavailable) up to desired. The solid line is availableReplicas.',
    spec: withTimeline({
      ...base(),
      data: { values: rows },
      layer: [
        { mark: { type: 'area', interpolate: 'step-after', color: '#9ecae1', opacity: 0.45 }, encoding: { x, y: { field: 'floor', type: 'quantitative', title: 'replicas' }, y2: { field: 'desired' } } },
        {
          transform: [{ fold: ['desired', 'available', 'floor'], as: ['series', 'replicas'] }],
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: {
            x,
            y: { field: 'replicas', type: 'quantitative' },
            color: { field: 'series', type: 'nominal', scale: { domain: ['desired', 'available', 'floor'], range: ['#3182bd', '#e6550d', '#9e9e9e'] }, legend: { orient: 'bottom' } },
            strokeDash: { field: 'series', type: 'nominal', scale: { domain: ['desired', 'available', 'floor'], range: [[6, 3], [1, 0], [2, 2]] } },
            tooltip: [{ field: 'series' }, { field: 'replicas' }, { field: 't', format: '.2f' }],
          },
        },
      ],
    }, context),
  };
}

export const availabilityBuilder: ChartBuilder<Report> = {
  section: 'deployments',
  build(report, context) {
    return report.deployments.slice(0, MAX_CHARTS_PER_SECTION).flatMap((d) => availabilityChart(d, context) ?? []);
  },
};
