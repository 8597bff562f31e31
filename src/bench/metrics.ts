/**
 * The metrics a bench or plan compares, each read from a run's report.json
 * (null when the run has no such thing, shown as n/a): its key, how to show
 * it, and which direction is better.
 */
import type { Report } from '../report/report.js';
import type { Direction } from './stats.js';

export type MetricUnit = 'ms' | 'share' | 'count';

export interface MetricDefinition {
  readonly key: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better: Direction;
  readonly read: (report: Report) => number | null;
  /** True when the value read is only a lower bound (a censored percentile); absent: always exact. */
  readonly lowerBound?: (report: Report) => boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function requestServices(report: Report): Json[] {
  const section = (report as unknown as Json).requests;
  if (Array.isArray(section)) return section.filter(isObject);
  if (isObject(section) && Array.isArray(section.services)) return section.services.filter(isObject);
  return [];
}

function requestP99(report: Report): number | null {
  const values = requestServices(report).flatMap((s) => {
    const latency = isObject(s.latencyMs) ? s.latencyMs : isObject(s.latency) ? s.latency : s;
    const p99 = num(latency.p99) ?? num(latency.p99Ms);
    return p99 === null ? [] : [p99];
  });
  return values.length === 0 ? null : Math.max(...values);
}

function requestErrorShare(report: Report): number | null {
  let total = 0;
  let failed = 0;
  for (const s of requestServices(report)) {
    total += num(s.total) ?? 0;
    const f = s.failed;
    failed += typeof f === 'number' ? f : isObject(f) ? Object.values(f).reduce<number>((a, v) => a + (num(v) ?? 0), 0) : num(s.errors) ?? 0;
  }
  return total === 0 ? null : failed / total;
}

function rolloutDuration(report: Report): number | null {
  const done = report.summary.rollouts.filter((r) => r.revision !== null && r.revision > 1);
  if (done.length === 0) return null;
  // An unfinished rollout counts as lasting until the end of the run.
  const durations = done.map((r) => r.durationMs ?? report.scenario.durationMs - r.startMs);
  return Math.max(...durations);
}

function availabilityMin(report: Report): number | null {
  const values = report.availability.flatMap((a) => {
    const d = report.deployments.find((x) => x.name === a.name && x.namespace === a.namespace);
    const desired = d?.series[d.series.length - 1]?.replicas ?? 0;
    return a.lowestAvailable === null || desired === 0 ? [] : [Math.min(1, a.lowestAvailable / desired)];
  });
  return values.length === 0 ? null : Math.min(...values);
}

function availabilityShare(report: Report): number | null {
  const values = report.availability.flatMap((a) => (a.fractionAtLeastMinAvailable === null ? [] : [a.fractionAtLeastMinAvailable]));
  return values.length === 0 ? null : Math.min(...values);
}

export const METRICS: readonly MetricDefinition[] = [
  // Pods never bound count at their waiting time (censored), so leaving pods unscheduled never lowers it.
  { key: 'schedulingP99Ms', label: 'scheduling latency p99', unit: 'ms', better: 'lower', read: (r) => r.latency.schedulingMs.p99, lowerBound: (r) => r.latency.schedulingMs.lowerBound.p99 },
  { key: 'startupP99Ms', label: 'start-up latency p99', unit: 'ms', better: 'lower', read: (r) => r.latency.startupMs.p99 },
  { key: 'podsPendingAtEnd', label: 'pods pending at end', unit: 'count', better: 'lower', read: (r) => r.summary.podsPendingAtEnd },
  { key: 'podsNeverScheduled', label: 'pods never scheduled', unit: 'count', better: 'lower', read: (r) => r.summary.podsNeverScheduled },
  { key: 'nodesUsed', label: 'nodes used (mean)', unit: 'count', better: 'lower', read: (r) => r.allocation?.mean.nodesUsed ?? null },
  { key: 'allocationShare', label: 'CPU allocation on used nodes', unit: 'share', better: 'higher', read: (r) => r.allocation?.mean.usedNodesCpuShare ?? null },
  { key: 'fragmentation', label: 'fragmentation', unit: 'share', better: 'lower', read: (r) => r.allocation?.mean.fragmentation ?? null },
  { key: 'rolloutDurationMs', label: 'rollout duration', unit: 'ms', better: 'lower', read: rolloutDuration },
  { key: 'availabilityMin', label: 'availability (lowest available/desired)', unit: 'share', better: 'higher', read: availabilityMin },
  { key: 'availabilityShare', label: 'time at or above minAvailable', unit: 'share', better: 'higher', read: availabilityShare },
  { key: 'requestP99Ms', label: 'request latency p99', unit: 'ms', better: 'lower', read: requestP99 },
  { key: 'requestErrors', label: 'requests failed', unit: 'share', better: 'lower', read: requestErrorShare },
  // Node autoscaling and cost (metrics/autoscaling-section.ts): cost is null when a pool with nodes has no pricePerHour.
  { key: 'cost', label: 'node cost', unit: 'count', better: 'lower', read: (r) => r.autoscaling?.cost ?? null },
  { key: 'nodeHours', label: 'node-hours', unit: 'count', better: 'lower', read: (r) => r.autoscaling?.nodeHours ?? null },
  { key: 'podWaitForNodeP99Ms', label: 'pod wait for a node p99', unit: 'ms', better: 'lower', read: (r) => (r.autoscaling === undefined ? null : r.autoscaling.podWaitForNodeMs.p99 ?? 0), lowerBound: (r) => r.autoscaling?.podWaitForNodeMs.lowerBound.p99 === true },
  // The FGD paper's measures when the arrived workload reached 100 % of the GPU capacity (metrics/gpu-section.ts).
  { key: 'gpuAllocationShare', label: 'GPU allocated at 100 % arrived', unit: 'share', better: 'higher', read: (r) => r.gpu?.atFullWorkload?.gpuAllocationShare ?? null },
  { key: 'gpuFragmentation', label: 'GPU fragmentation at 100 % arrived', unit: 'share', better: 'lower', read: (r) => r.gpu?.atFullWorkload?.gpuFragmentation ?? null },
  { key: 'gpuFragmentationRatio', label: 'fragmented share of idle GPU at 100 % arrived', unit: 'share', better: 'lower', read: (r) => r.gpu?.atFullWorkload?.gpuFragmentationRatio ?? null },
];

export const METRIC_KEYS = METRICS.map((m) => m.key);

export function metricByKey(key: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.key === key);
}

/**
 * The metric that vetoes "better": a profile that leaves more pods never
 * scheduled than the baseline is not better on anything else, unless the
 * bench names it in `ignoreMetrics` (docs/bench.md).
 */
export const GUARD_METRIC = 'podsNeverScheduled';

/** Which of `keys` are only lower bounds in this report (censored percentiles). */
export function readLowerBounds(report: Report, keys: readonly string[] = METRIC_KEYS): string[] {
  return keys.filter((key) => metricByKey(key)?.lowerBound?.(report) === true);
}

export function readMetrics(report: Report, keys: readonly string[] = METRIC_KEYS): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const key of keys) out[key] = metricByKey(key)?.read(report) ?? null;
  return out;
}
