/**
 * Replicas by ReplicaSet over time, stacked, one chart per Deployment: the
 * newest revision is the "new" ReplicaSet of a rollout, the others "old",
 * so a rolling update reads as one colour band shrinking while another grows.
 */
import type { Report } from '../../report.js';
import type { ReplicaSetRecord } from '../../../metrics/types.js';
import { alignSteps } from '../series-rows.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, MAX_CHARTS_PER_SECTION, slug, timeX } from './common.js';

function label(rs: ReplicaSetRecord, newest: number): string {
  const revision = rs.revision ?? 0;
  return `rev ${revision} ${revision === newest ? 'new' : 'old'} (${rs.name})`;
}

export function replicasChart(deployment: { name: string; namespace: string }, replicaSets: readonly ReplicaSetRecord[], context: ChartContext): Chart | undefined {
  const owned = replicaSets
    .filter((rs) => rs.namespace === deployment.namespace && rs.owner === `Deployment/${deployment.name}`)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0) || a.createdMs - b.createdMs);
  if (owned.length === 0) return undefined;
  const newest = Math.max(...owned.map((rs) => rs.revision ?? 0));
  const aligned = alignSteps(owned.map((rs) => rs.series.map((p) => ({ tMs: p.tMs, value: p.replicas }))), context.durationMs);
  const rows = aligned.times.flatMap((tMs, i) =>
    owned.map((rs, r) => ({ t: context.axis.toUnit(tMs), replicaSet: label(rs, newest), order: r, replicas: aligned.values[r]?.[i] ?? 0 })),
  );
  const key = `${deployment.namespace}/${deployment.name}`;
  return {
    id: `replicas-${slug(key)}`,
    title: `Replicas by ReplicaSet: ${key}`,
    caption: 'Pods each ReplicaSet has (status.replicas), stacked; the newest revision is the rollout’s new ReplicaSet.',
    spec: withTimeline({
      ...base(),
      data: { values: rows },
      mark: { type: 'area', interpolate: 'step-after', opacity: 0.85 },
      encoding: {
        x: timeX(context),
        y: { field: 'replicas', type: 'quantitative', stack: 'zero', title: 'pods' },
        color: { field: 'replicaSet', type: 'nominal', title: 'ReplicaSet', sort: { field: 'order' }, legend: { orient: 'bottom', columns: 2 } },
        order: { field: 'order' },
        tooltip: [{ field: 'replicaSet' }, { field: 'replicas' }, { field: 't', format: '.2f' }],
      },
    }, context),
  };
}

export const replicasBuilder: ChartBuilder<Report> = {
  section: 'replicaSets',
  build(report, context) {
    return report.deployments.slice(0, MAX_CHARTS_PER_SECTION).flatMap((d) => replicasChart(d, report.replicaSets ?? [], context) ?? []);
  },
};
