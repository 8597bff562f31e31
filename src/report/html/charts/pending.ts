/** Pods pending (created, not yet bound to a node, not deleted) over time, from the report's fixed-width buckets. */
import type { BucketedSeries } from '../../../metrics/bucketed-peaks.js';
import { formatDuration } from '../../../engine/time.js';
import type { Report } from '../../report.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, timeX } from './common.js';
import { COUNT_AXIS } from './facets.js';

export function pendingChart(pending: BucketedSeries, podsCreated: number, context: ChartContext): Chart | undefined {
  if (podsCreated === 0 || pending.series.length === 0) return undefined;
  // Each bucket is drawn at its peak; where the series skips buckets, the count held its last value.
  const points: Array<{ tMs: number; pending: number }> = [];
  pending.series.forEach((b, i) => {
    points.push({ tMs: b.tMs, pending: b.max });
    const nextMs = pending.series[i + 1]?.tMs ?? context.durationMs;
    if (b.max !== b.last && b.tMs + pending.bucketMs < nextMs) points.push({ tMs: b.tMs + pending.bucketMs, pending: b.last });
  });
  points.push({ tMs: context.durationMs, pending: pending.series[pending.series.length - 1]?.last ?? 0 });
  const rows = points.map((p) => ({ t: context.axis.toUnit(p.tMs), pending: p.pending }));
  const peak = Math.max(1, ...rows.map((r) => r.pending));
  return {
    id: 'pods-pending',
    title: 'Pods pending',
    caption: `Pods created and not yet bound to a node (deleted pods leave the count): the most pending at once in each ${formatDuration(pending.bucketMs)} bucket (report.json pendingPods).`,
    spec: withTimeline({
      ...base(140),
      data: { values: rows },
      mark: { type: 'area', interpolate: 'step-after', color: '#fdae6b', line: { color: '#e6550d' } },
      encoding: { x: timeX(context), y: { field: 'pending', type: 'quantitative', title: 'pods', scale: { domain: [0, peak] }, axis: COUNT_AXIS }, tooltip: [{ field: 'pending' }, { field: 't', format: '.2f' }] },
    }, context),
  };
}

export const pendingBuilder: ChartBuilder<Report> = {
  section: 'pendingPods',
  build(report, context) {
    return [pendingChart(report.pendingPods, report.summary.podsCreated, context)].flatMap((c) => c ?? []);
  },
};
