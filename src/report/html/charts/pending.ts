/** Pods pending (created, not yet bound to a node, not deleted) over time. */
import type { PodRecord } from '../../../metrics/types.js';
import type { Report } from '../../report.js';
import { countOpen } from '../series-rows.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, timeX } from './common.js';
import { COUNT_AXIS } from './facets.js';

export function pendingChart(pods: readonly PodRecord[], context: ChartContext): Chart | undefined {
  if (pods.length === 0) return undefined;
  const intervals = pods.map((p) => {
    const endMs = Math.min(p.scheduledMs ?? Number.POSITIVE_INFINITY, p.deletedMs ?? Number.POSITIVE_INFINITY);
    return Number.isFinite(endMs) ? { fromMs: p.createdMs, toMs: endMs } : { fromMs: p.createdMs };
  });
  const series = countOpen(intervals, context.durationMs);
  const rows = [...series, { tMs: context.durationMs, value: series[series.length - 1]?.value ?? 0 }].map((p) => ({ t: context.axis.toUnit(p.tMs), pending: p.value }));
  const peak = Math.max(1, ...rows.map((r) => r.pending));
  return {
    id: 'pods-pending',
    title: 'Pods pending',
    caption: 'Pods created and not yet bound to a node (deleted pods leave the count).',
    spec: withTimeline({
      ...base(140),
      data: { values: rows },
      mark: { type: 'area', interpolate: 'step-after', color: '#fdae6b', line: { color: '#e6550d' } },
      encoding: { x: timeX(context), y: { field: 'pending', type: 'quantitative', title: 'pods', scale: { domain: [0, peak] }, axis: COUNT_AXIS }, tooltip: [{ field: 'pending' }, { field: 't', format: '.2f' }] },
    }, context),
  };
}

export const pendingBuilder: ChartBuilder<Report> = {
  section: 'pods',
  build(report, context) {
    return [pendingChart(report.pods, context)].flatMap((c) => c ?? []);
  },
};
