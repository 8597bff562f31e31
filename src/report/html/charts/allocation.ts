/**
 * Cluster allocation over time from the report's `allocation` section:
 * requested share of each resource, the CPU share on the nodes in use
 * (packing density) and fragmentation, all as fractions on one axis, plus
 * the number of nodes in use.
 */
import type { ChartBuilder, ChartContext, Chart } from '../spec-types.js';
import { isRow, rowsOf, type Row } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, timeX } from './common.js';
import { COUNT_AXIS, stepToEnd } from './facets.js';

const SHARE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['cpuShare', 'cpu requested'],
  ['memoryShare', 'memory requested'],
  ['gpuShare', 'gpu requested'],
  ['usedNodesCpuShare', 'cpu requested on used nodes'],
  ['fragmentation', 'fragmentation'],
];

export function allocationCharts(section: unknown, context: ChartContext): Chart[] {
  if (!isRow(section)) return [];
  const series = stepToEnd(rowsOf(section.series).filter((p): p is Row & { tMs: number } => typeof p.tMs === 'number'), context.durationMs);
  if (series.length === 0) return [];
  const shares = series.flatMap((p) =>
    SHARE_FIELDS.flatMap(([field, label]) => (typeof p[field] === 'number' ? [{ t: context.axis.toUnit(p.tMs), series: label, share: Math.round((p[field]) * 10_000) / 10_000 }] : [])),
  );
  const nodes = series.map((p) => ({ t: context.axis.toUnit(p.tMs), nodesUsed: p.nodesUsed }));
  const fragmentationOf = typeof section.fragmentationResource === 'string' ? ` Fragmentation: share of free ${section.fragmentationResource} on nodes where a pod of the run's mix would not fit (expected over that mix).` : '';
  return [
    {
      id: 'allocation-shares',
      title: 'Cluster allocation and fragmentation',
      caption: `Requested / allocatable over the whole cluster, and on the nodes holding pods.${fragmentationOf}`,
      spec: withTimeline({
        ...base(180),
        data: { values: shares },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: timeX(context),
          y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%' } },
          color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 3 } },
          tooltip: [{ field: 'series' }, { field: 'share', format: '.1%' }, { field: 't', format: '.2f' }],
        },
      }, context),
    },
    {
      id: 'allocation-nodes-used',
      title: 'Nodes in use',
      caption: 'Nodes holding at least one pod.',
      spec: withTimeline({
        ...base(120),
        data: { values: nodes },
        mark: { type: 'line', interpolate: 'step-after', color: '#31a354' },
        encoding: { x: timeX(context), y: { field: 'nodesUsed', type: 'quantitative', title: 'nodes', scale: { domainMin: 0, domainMax: Math.max(1, ...nodes.map((n) => (typeof n.nodesUsed === 'number' ? n.nodesUsed : 0))) }, axis: COUNT_AXIS }, tooltip: [{ field: 'nodesUsed' }, { field: 't', format: '.2f' }] },
      }, context),
    },
  ];
}

export const allocationBuilder: ChartBuilder<Record<string, unknown>> = {
  section: 'allocation',
  build(report, context) {
    return allocationCharts(report.allocation, context);
  },
};
