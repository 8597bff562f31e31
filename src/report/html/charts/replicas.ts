/**
 * Replicas by ReplicaSet over time, stacked, for one Deployment at a time
 * (a selector under the chart picks it when there are several): the newest
 * revision is the "new" ReplicaSet of a rollout, the others "old", so a
 * rolling update reads as one colour band shrinking while another grows.
 */
import type { Report } from '../../report.js';
import type { ReplicaSetRecord } from '../../../metrics/types.js';
import { alignSteps, pointsPerSeries, thinSteps } from '../series-rows.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, timeX } from './common.js';
import { COUNT_AXIS } from './facets.js';

/**
 * Every revision number a ReplicaSet had, first to last. A rollback reuses
 * the ReplicaSet of the earlier template and gives it the next revision
 * number, keeping the old ones in deployment.kubernetes.io/revision-history
 * (kubernetes/kubernetes pkg/controller/deployment/util/deployment_util.go,
 * SetNewReplicaSetAnnotations).
 */
export function revisionsOf(rs: ReplicaSetRecord): number[] {
  const earlier = (rs.revisionHistory ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const all = rs.revision === undefined ? earlier : [...earlier, rs.revision];
  return [...new Set(all)].sort((a, b) => a - b);
}

/**
 * The legend name of a ReplicaSet: its first revision, so the ReplicaSet a
 * rollback brought back is not called "rev 3 new" from t=0; the revisions
 * it went through follow ("revision 1 → 3").
 */
export function replicaSetLabel(rs: ReplicaSetRecord, newest: number): string {
  const revisions = revisionsOf(rs);
  const first = revisions[0] ?? 0;
  const last = revisions[revisions.length - 1] ?? 0;
  if (revisions.length > 1) return `rev ${first} (${rs.name}) (revision ${revisions.join(' → ')}${last === newest ? ', new' : ''})`;
  return `rev ${first} ${first === newest ? 'new' : 'old'} (${rs.name})`;
}

interface ReplicaRow {
  readonly deployment: string;
  readonly t: number;
  /** Index into the legend rows (the label is joined in the chart, not repeated on every row). */
  readonly rs: number;
  readonly replicas: number;
}

interface LegendRow {
  readonly rs: number;
  readonly replicaSet: string;
  readonly order: number;
}

function deploymentRows(
  key: string,
  deployment: { name: string; namespace: string },
  replicaSets: readonly ReplicaSetRecord[],
  context: ChartContext,
  firstIndex: number,
  maxTimes: number,
): { rows: ReplicaRow[]; legend: LegendRow[]; thinned: boolean } {
  const owned = replicaSets
    .filter((rs) => rs.namespace === deployment.namespace && rs.owner === `Deployment/${deployment.name}`)
    .sort((a, b) => (revisionsOf(a)[0] ?? 0) - (revisionsOf(b)[0] ?? 0) || a.createdMs - b.createdMs);
  if (owned.length === 0) return { rows: [], legend: [], thinned: false };
  const newest = Math.max(...owned.map((rs) => rs.revision ?? 0));
  const aligned = alignSteps(owned.map((rs) => rs.series.map((p) => ({ tMs: p.tMs, value: p.replicas }))), context.durationMs);
  const instants = aligned.times.map((tMs, i) => ({ tMs, i, total: aligned.values.reduce((s, v) => s + (v[i] ?? 0), 0) }));
  const drawn = thinSteps(instants, context.durationMs, maxTimes, (p) => p.total);
  return {
    rows: drawn.flatMap(({ tMs, i }) => owned.map((_, r) => ({ deployment: key, t: context.axis.toUnit(tMs), rs: firstIndex + r, replicas: aligned.values[r]?.[i] ?? 0 }))),
    legend: owned.map((rs, r) => ({ rs: firstIndex + r, replicaSet: replicaSetLabel(rs, newest), order: r })),
    thinned: drawn.length < instants.length,
  };
}

export function replicasChart(deployments: ReadonlyArray<{ name: string; namespace: string }>, replicaSets: readonly ReplicaSetRecord[], context: ChartContext): Chart | undefined {
  const perDeployment: Array<{ key: string; rows: ReplicaRow[]; legend: LegendRow[] }> = [];
  const maxTimes = pointsPerSeries(deployments.length);
  let next = 0;
  let thinned = 0;
  for (const d of deployments) {
    const key = `${d.namespace}/${d.name}`;
    const { rows, legend, thinned: cut } = deploymentRows(key, d, replicaSets, context, next, maxTimes);
    next += legend.length;
    if (cut) thinned++;
    if (rows.length > 0) perDeployment.push({ key, rows, legend });
  }
  const first = perDeployment[0];
  if (first === undefined) return undefined;
  const keys = perDeployment.map((d) => d.key);
  const several = keys.length > 1;
  const lookup = { lookup: 'rs', from: { data: { values: perDeployment.flatMap((d) => d.legend) }, key: 'rs', fields: ['replicaSet', 'order'] } };
  const spec = withTimeline({
    ...base(),
    data: { values: perDeployment.flatMap((d) => d.rows) },
    // With several Deployments one is drawn at a time; the colour scale and
    // legend follow the filtered rows, so only its ReplicaSets are listed.
    ...(several ? {
      params: [{ name: 'deployment', value: first.key, bind: { input: 'select', options: keys, name: 'Deployment ' } }],
      transform: [{ filter: 'datum.deployment === deployment' }, lookup],
    } : { transform: [lookup] }),
    layer: [
      {
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.85 },
        encoding: {
          x: timeX(context),
          y: { field: 'replicas', type: 'quantitative', stack: 'zero', title: 'pods', axis: COUNT_AXIS },
          color: { field: 'replicaSet', type: 'nominal', title: 'ReplicaSet', sort: { field: 'order' }, legend: { orient: 'bottom', columns: 2, labelLimit: 520 } },
          order: { field: 'order' },
          tooltip: [{ field: 'replicaSet' }, { field: 'replicas' }, { field: 't', format: '.2f' }],
        },
      },
      // At least 0..1 on the axis, so a Deployment scaled to 0 throughout has readable ticks.
      { data: { values: [{}] }, mark: { type: 'rule', opacity: 0 }, encoding: { y: { datum: 1, type: 'quantitative' } } },
    ],
  }, context);
  return {
    id: 'replicas',
    title: several ? 'Replicas by ReplicaSet' : `Replicas by ReplicaSet: ${first.key}`,
    caption: `Pods each ReplicaSet has (status.replicas), stacked; the newest revision is the rollout’s new ReplicaSet.${several ? ` ${keys.length} Deployments: pick one with the selector under the chart.` : ''}` +
      (thinned === 0 ? '' : ` ${thinned} Deployments changed at more than ${maxTimes} instants: each is drawn at the instant with the fewest pods and the last instant of each of ${Math.floor(maxTimes / 2)} equal time slices (report.json has every change).`),
    spec,
  };
}

export const replicasBuilder: ChartBuilder<Report> = {
  section: 'replicaSets',
  build(report, context) {
    return [replicasChart(report.deployments, report.replicaSets, context)].flatMap((c) => c ?? []);
  },
};
