/**
 * Metrics of one workload (a scope's Deployments or Services) read from a
 * run's report and pod timelines, with the same formulas as the cluster-wide aggregates of
 * metrics.ts restricted to what the scope names: a Deployment's pods are
 * those of the ReplicaSets it controls (ownerReferences, as the Deployment
 * controller finds them), a Service's requests are its own `requests`
 * entry. As in the aggregate, a pod never bound counts in the scheduling
 * p99 at its waiting time, censored, and a p99 that reaches such a value is
 * only a lower bound. Cluster metrics (nodes used, allocation, fragmentation) have no
 * per-workload meaning and cannot be scoped.
 */
import { censoredLatencySummary, latencySummary } from '../metrics/summaries.js';
import { startedByRun } from '../metrics/started-by-run.js';
import type { PodRecord } from '../metrics/types.js';
import type { Report } from '../report/report.js';
import type { WorkloadScope } from './workload-scope.js';

/** What each scopable metric reads: the scope's Deployments or its Services. */
export const SCOPABLE_METRICS: Readonly<Record<string, 'deployments' | 'services'>> = {
  schedulingP99Ms: 'deployments',
  startupP99Ms: 'deployments',
  podsPendingAtEnd: 'deployments',
  podsNeverScheduled: 'deployments',
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

/** A run's report with its pod timelines (the run's pod rows, pods.jsonl). */
interface RunReading {
  readonly report: Report;
  readonly pods: readonly PodRecord[];
}

function podsOf({ report, pods }: RunReading, deployments: ReadonlySet<string>): PodRecord[] {
  const replicaSets = new Set(report.replicaSets.filter((rs) => rs.owner?.startsWith('Deployment/') === true && deployments.has(key(rs.namespace, rs.owner.slice('Deployment/'.length)))).map((rs) => key(rs.namespace, rs.name)));
  return pods.filter((p) => p.owner?.startsWith('ReplicaSet/') === true && replicaSets.has(key(p.namespace, p.owner.slice('ReplicaSet/'.length))));
}

function minOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.min(...values);
}

function maxOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

interface Reading {
  readonly value: number | null;
  /** The value is only a lower bound (a percentile reaching a censored waiting time). */
  readonly lowerBound?: boolean;
}

function schedulingP99(run: RunReading, deployments: ReadonlySet<string>): Reading {
  const { report } = run;
  const pods = podsOf(run, deployments).filter(startedByRun);
  const observed = pods.flatMap((p) => (p.scheduledMs === undefined ? [] : [p.scheduledMs - p.createdMs]));
  // Never bound: waited from creation until deleted or the end of the run (recorders/never-scheduled.ts).
  const censored = pods.flatMap((p) => (p.scheduledMs === undefined ? [Math.max(0, (p.deletedMs ?? report.scenario.durationMs) - p.createdMs)] : []));
  const summary = censoredLatencySummary(observed, censored);
  return { value: summary.p99, lowerBound: summary.lowerBound.p99 };
}

function deploymentMetric(run: RunReading, metric: string, deployments: ReadonlySet<string>): number | null {
  const { report } = run;
  switch (metric) {
    case 'startupP99Ms': return latencySummary(podsOf(run, deployments).filter(startedByRun).flatMap((p) => (p.startedMs === undefined ? [] : [p.startedMs - p.createdMs]))).p99;
    case 'podsPendingAtEnd': return podsOf(run, deployments).filter((p) => p.deletedMs === undefined && p.node === undefined).length;
    case 'podsNeverScheduled': return podsOf(run, deployments).filter((p) => p.scheduledMs === undefined).length;
    case 'rolloutDurationMs': {
      // As the aggregate: rollouts after the first revision, an unfinished one lasting to the end of the run.
      const rollouts = report.summary.rollouts.filter((r) => deployments.has(r.deployment) && r.revision !== null && r.revision > 1);
      return maxOrNull(rollouts.map((r) => r.durationMs ?? report.scenario.durationMs - r.startMs));
    }
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

function read(run: RunReading, m: ScopedMetric): Reading {
  if (SCOPABLE_METRICS[m.metric] === 'services') return { value: serviceMetric(run.report, m.metric, new Set(m.scope.services)) };
  const deployments = new Set(m.scope.deployments);
  return m.metric === 'schedulingP99Ms' ? schedulingP99(run, deployments) : { value: deploymentMetric(run, m.metric, deployments) };
}

/** Each scoped metric's value under its key, and the keys whose value is only a lower bound. */
export function readWorkloadMetrics(report: Report, pods: readonly PodRecord[], metrics: readonly ScopedMetric[]): { readonly values: Record<string, number | null>; readonly lowerBounds: string[] } {
  const values: Record<string, number | null> = {};
  const lowerBounds: string[] = [];
  for (const m of metrics) {
    const reading = read({ report, pods }, m);
    values[m.key] = reading.value;
    if (reading.lowerBound === true) lowerBounds.push(m.key);
  }
  return { values, lowerBounds };
}
