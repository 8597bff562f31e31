/**
 * The `traces` section of report.json: per trace workload, how many of its
 * pods the simulated cluster scheduled and how fast, next to what the real
 * cluster recorded in the trace (its scheduled_time).
 */
import { latencySummary, type LatencySummary } from '../../metrics/summaries.js';
import type { PodRecord } from '../../metrics/types.js';
import type { TraceWorkload } from './model.js';

export interface TraceReport {
  readonly trace: string;
  readonly namespace: string;
  readonly nodes: number;
  readonly pods: number;
  readonly podsScheduled: number;
  readonly shareScheduled: number | null;
  readonly schedulingMs: LatencySummary;
  /** What the trace itself recorded for the same pods (times scaled by timeScale); null with ignoreTimes (reordered, resampled pods have no record). */
  readonly recorded: { readonly podsScheduled: number; readonly shareScheduled: number | null; readonly schedulingMs: LatencySummary } | null;
}

export function traceReports(workloads: readonly TraceWorkload[], pods: readonly PodRecord[], endMs: number): TraceReport[] {
  return workloads.map((workload) => {
    // Only pods the run got to create count.
    const w = { ...workload, pods: workload.pods.filter((p) => p.createMs < endMs) };
    const names = new Set(w.pods.map((p) => p.name));
    const mine = pods.filter((p) => p.namespace === w.namespace && names.has(p.name));
    const scheduling = mine.flatMap((p) => (p.scheduledMs === undefined ? [] : [p.scheduledMs - p.createdMs]));
    const recorded = w.pods.flatMap((p) => (p.recordedSchedulingMs === undefined ? [] : [p.recordedSchedulingMs]));
    const share = (n: number): number | null => (w.pods.length === 0 ? null : n / w.pods.length);
    return {
      trace: w.trace,
      namespace: w.namespace,
      nodes: w.nodes.length,
      pods: w.pods.length,
      podsScheduled: scheduling.length,
      shareScheduled: share(scheduling.length),
      schedulingMs: latencySummary(scheduling),
      recorded: workload.timesIgnored ? null : { podsScheduled: recorded.length, shareScheduled: share(recorded.length), schedulingMs: latencySummary(recorded) },
    };
  });
}
