/**
 * Metrics of one workload (a scope's Deployments or Services) read from a
 * run's report, with the same formulas as the cluster-wide aggregates of
 * metrics.ts restricted to what the scope names: a Deployment's pods are
 * those of the ReplicaSets it controls (ownerReferences, as the Deployment
 * controller finds them), a Service's requests are its own `requests`
 * entry. Cluster metrics (nodes used, allocation, fragmentation) have no
 * per-workload meaning and cannot be scoped.
 */
import { latencySummary } from '../metrics/summaries.js';
import type { PodRecord } from '../metrics/types.js';
import type { Report } from '../report/report.js';
import type { WorkloadScope } from './workload-scope.js';

/** What each scopable metric reads: the scope's Deployments or its Services. */
export const SCOPABLE_METRICS: Readonly<Record<string, 'deployments' | 'services'>> = {
  schedulingP99Ms: 'deployments',
  startupP99Ms: 'deployments',
  podsPendingAtEnd: 'deployments',
  rolloutDurationMs: 'deployments',
  availabilityMin: 'deployments',
  availabilityShare: 'deployments',
  requestP99Ms: 'services',
  requestErrors: 'services',
};

/** One scoped metric a cell computes: its key in the cell's metrics, the metric and the scope's workloads. */
export interface ScopedMetric {
  readonly key: string;
  readonly metric: string;
  readonly scope: Pick<WorkloadScope, 'deployments' | 'services'>;
}

/** `availabilityMin@deployment/frontend`: the key a scoped objective's values are stored under. */
export function scopedKey(metric: string, scope: Pick<WorkloadScope, 'name'>): string {
  return `${metric}@${scope.name}`;
}

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

function podsOf(report: Report, deployments: ReadonlySet<string>): PodRecord[] {
  const replicaSets = new Set(report.replicaSets.filter((rs) => rs.owner?.startsWith('Deployment/') === true && deployments.has(key(rs.namespace, rs.owner.slice('Deployment/'.length)))).map((rs) => key(rs.namespace, rs.name)));
  return report.pods.filter((p) => p.owner?.startsWith('ReplicaSet/') === true && replicaSets.has(key(p.namespace, p.owner.slice('ReplicaSet/'.length))));
}

function minOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.min(...values);
}

function maxOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

function deploymentMetric(report: Report, metric: string, deployments: ReadonlySet<string>): number | null {
  switch (metric) {
    case 'schedulingP99Ms': return latencySummary(podsOf(report, deployments).flatMap((p) => (p.scheduledMs === undefined ? [] : [p.scheduledMs - p.createdMs]))).p99;
    case 'startupP99Ms': return latencySummary(podsOf(report, deployments).flatMap((p) => (p.startedMs === undefined ? [] : [p.startedMs - p.createdMs]))).p99;
    case 'podsPendingAtEnd': return podsOf(report, deployments).filter((p) => p.deletedMs === undefined && p.node === undefined).length;
    case 'rolloutDurationMs':
      // As the aggregate: rollouts after the first revision, an unfinished one lasting to the end of the run.
      return maxOrNull(report.summary.rollouts.filter((r) => deployments.has(r.deployment) && r.revision !== null && r.revision > 1).map((r) => r.durationMs ?? report.scenario.durationMs - r.startMs));
    case 'availabilityMin':
      return minOrNull(report.availability.filter((a) => deployments.has(key(a.namespace, a.name))).flatMap((a) => {
        const d = report.deployments.find((x) => x.name === a.name && x.namespace === a.namespace);
        const desired = d?.series[d.series.length - 1]?.replicas ?? 0;
        return a.lowestAvailable === null || desired === 0 ? [] : [Math.min(1, a.lowestAvailable / desired)];
      }));
    case 'availabilityShare':
      return minOrNull(report.availability.filter((a) => deployments.has(key(a.namespace, a.name))).flatMap((a) => (a.fractionAtLeastMinAvailable === null ? [] : [a.fractionAtLeastMinAvailable])));
    default: return null;
  }
}

function serviceMetric(report: Report, metric: string, services: ReadonlySet<string>): number | null {
  const requests = report.requests.filter((r) => services.has(r.service));
  if (metric === 'requestP99Ms') return maxOrNull(requests.flatMap((r) => (r.latencyMs.p99 === null ? [] : [r.latencyMs.p99])));
  if (metric !== 'requestErrors') return null;
  const total = requests.reduce((s, r) => s + r.total, 0);
  return total === 0 ? null : requests.reduce((s, r) => s + r.failed, 0) / total;
}

export function readWorkloadMetrics(report: Report, metrics: readonly ScopedMetric[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of metrics) {
    out[m.key] = SCOPABLE_METRICS[m.metric] === 'services'
      ? serviceMetric(report, m.metric, new Set(m.scope.services))
      : deploymentMetric(report, m.metric, new Set(m.scope.deployments));
  }
  return out;
}
