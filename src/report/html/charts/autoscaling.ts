/**
 * report.html for node autoscaling: nodes per pool over time with the
 * pool's autoscaling min and max as dotted lines, and node-hours and cost
 * accumulating over the run.
 */
import type { AutoscalingSection } from '../../../metrics/autoscaling-section.js';
import type { Report } from '../../report.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, timeX } from './common.js';
import { COUNT_AXIS, stepToEnd } from './facets.js';

function nodesChart(section: AutoscalingSection, context: ChartContext): Chart {
  const t = (ms: number): number => context.axis.toUnit(ms);
  const lines = section.pools.flatMap((pool) => stepToEnd(pool.series, context.durationMs).map((p) => ({ t: t(p.tMs), pool: pool.name, nodes: p.nodes })));
  const bounds = section.pools.flatMap((pool) => [
    ...(pool.min === null ? [] : [{ pool: pool.name, bound: 'min', nodes: pool.min }]),
    ...(pool.max === null ? [] : [{ pool: pool.name, bound: 'max', nodes: pool.max }]),
  ]);
  const peak = Math.max(1, ...lines.map((l) => l.nodes), ...bounds.map((b) => b.nodes));
  const y = { field: 'nodes', type: 'quantitative', title: 'nodes', scale: { domain: [0, peak] }, axis: COUNT_AXIS };
  const color = { field: 'pool', type: 'nominal', title: 'pool' };
  return {
    id: 'autoscaling-nodes',
    title: 'Nodes per pool',
    caption: 'Registered nodes of each pool; dotted lines are the autoscaled pools\' min and max.',
    spec: withTimeline({
      ...base(180),
      layer: [
        { data: { values: lines }, mark: { type: 'line', interpolate: 'step-after' }, encoding: { x: timeX(context), y, color, tooltip: [{ field: 'pool' }, { field: 'nodes' }, { field: 't', format: '.2f' }] } },
        ...(bounds.length === 0 ? [] : [{ data: { values: bounds }, mark: { type: 'rule', strokeDash: [2, 2] }, encoding: { y: { field: 'nodes', type: 'quantitative' }, color, tooltip: [{ field: 'pool' }, { field: 'bound' }, { field: 'nodes' }] } }]),
      ],
    }, context),
  };
}

function costChart(section: AutoscalingSection, context: ChartContext): Chart {
  const cost = section.cost;
  const rows = section.series.map((p) => ({ t: context.axis.toUnit(p.tMs), value: cost !== null ? p.cost : p.nodeHours }));
  const what = cost !== null ? 'cost' : 'node-hours';
  return {
    id: 'autoscaling-cost',
    title: cost !== null ? 'Node cost so far' : 'Node-hours so far',
    caption: cost !== null
      ? `Cost of every pool's registered nodes up to each moment (pricePerHour × node-hours): ${cost.toFixed(2)} for ${section.nodeHours.toFixed(2)} node-hours.`
      : `Node-hours of every pool up to each moment (${section.nodeHours.toFixed(2)} in all); no cost: no pricePerHour on ${section.unpricedPools.join(', ')}.`,
    spec: withTimeline({
      ...base(140),
      data: { values: rows },
      mark: { type: 'line' },
      encoding: { x: timeX(context), y: { field: 'value', type: 'quantitative', title: what }, tooltip: [{ field: 'value', title: what, format: '.2f' }, { field: 't', format: '.2f' }] },
    }, context),
  };
}

export const autoscalingBuilder: ChartBuilder<Report> = {
  section: 'autoscaling',
  build(report, context) {
    const section = report.autoscaling;
    return section === undefined ? [] : [nodesChart(section, context), costChart(section, context)];
  },
};
