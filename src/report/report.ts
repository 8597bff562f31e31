/**
 * report.json: everything a run measured, deterministic (no wall-clock
 * values; same scenario and seed give the same bytes). Bump SCHEMA_VERSION
 * on any incompatible change and describe it in docs/report.md. Per-pod
 * and per-Job rows are not here but in pods.jsonl and jobs.jsonl (and
 * their CSVs; schema 2): the report keeps what stays small however many
 * objects a run churns through.
 */
import { availabilitySummary, type AvailabilitySummary } from '../metrics/availability-summary.js';
import { censoredLatencySummary, latencySummary, type CensoredLatencySummary, type LatencySummary } from '../metrics/summaries.js';
import type { BucketedSeries } from '../metrics/bucketed-peaks.js';
import { cdfPoints } from '../metrics/cdf.js';
import { seriesWarnings } from '../metrics/series.js';
import { withinSeriesBudget } from './series-budget.js';
import type { DeploymentPodsPoint, DeploymentRecord, JobCounts, NeverScheduledRecording, NodeRecord, Recording, ReplicaSetRecord, SchedulingRecording, ServiceSelectorRecord } from '../metrics/types.js';
import { rolloutReports, type RolloutReport } from './rollouts.js';
import type { Scenario } from '../scenario/model.js';
import type { ActionResult } from '../runner/cluster.js';
import { allocationSection, type AllocationSection } from '../metrics/allocation.js';
import { gpuSection, type GpuSection } from '../metrics/gpu-section.js';
import { traceReports, type TraceReport } from '../scenario/traces/report.js';
import { autoscalingSection, type AutoscalingSection } from '../metrics/autoscaling-section.js';
import { quotaBlocks, type QuotaBlock } from './quota-blocks.js';

export const SCHEMA_VERSION = 2;

/** Points per latency CDF in the report: enough for a smooth curve, bounded however many pods. */
const CDF_POINTS = 300;

/** A point of an empirical CDF: share of pods whose latency is at most `ms` (exact at this point). */
export interface LatencyCdfPoint {
  readonly ms: number;
  readonly share: number;
}

export interface RolloutSummary extends RolloutReport {
  readonly deployment: string;
}

/** A Deployment in the report: its recording, rollouts with their capacity figures, and its pods over time. */
export interface DeploymentReport extends Omit<DeploymentRecord, 'rollouts'> {
  readonly rollouts: readonly RolloutReport[];
  readonly pods: readonly DeploymentPodsPoint[];
}

export interface Report {
  readonly schemaVersion: number;
  readonly scenario: { readonly name: string; readonly seed: number; readonly durationMs: number; readonly description?: string };
  readonly summary: {
    readonly podsCreated: number;
    readonly podsScheduled: number;
    /** Pods running on their nodes at t=0 (docs/import.md), counted in created and scheduled; absent when none. */
    readonly podsRunningAtStart?: number;
    readonly podsReady: number;
    readonly podsPendingAtEnd: number;
    /** Never bound during the run: deleted while pending plus pending at the end. */
    readonly podsNeverScheduled: number;
    readonly rollouts: readonly RolloutSummary[];
  };
  /** schedulingMs counts never-scheduled pods as censored at their waiting time (docs/report.md). */
  readonly latency: { readonly schedulingMs: CensoredLatencySummary; readonly startupMs: LatencySummary };
  /**
   * The latency distributions at up to 300 exact points each. Scheduling
   * shares are of every pod created, so pods never bound keep the curve
   * below 1; start-up shares are of the pods that started.
   */
  readonly latencyCdf: { readonly schedulingMs: readonly LatencyCdfPoint[]; readonly startupMs: readonly LatencyCdfPoint[] };
  /** Pods pending over time: per bucket, the most at once and the count at its end. */
  readonly pendingPods: BucketedSeries;
  readonly availability: readonly AvailabilitySummary[];
  readonly deployments: readonly DeploymentReport[];
  /** Jobs created, complete and failed; each Job's record is a line of jobs.jsonl. */
  readonly jobCounts: JobCounts;
  readonly serviceSelectors: readonly ServiceSelectorRecord[];
  readonly replicaSets: readonly ReplicaSetRecord[];
  readonly nodes: readonly NodeRecord[];
  readonly scheduler: SchedulingRecording & { readonly neverScheduled: Omit<NeverScheduledRecording, 'waitingMs'> };
  readonly timeline: ReadonlyArray<{ readonly atMs: number; readonly action: string; readonly description: string; readonly error?: string }>;
  readonly warnings: readonly string[];
  /** Cluster allocation and fragmentation over time (metrics/allocation.ts). */
  readonly allocation?: AllocationSection;
  /** GPU allocation and fragmentation against arrived workload and over time (metrics/gpu-section.ts); absent without GPU nodes. */
  readonly gpu?: GpuSection;
  /** Trace workloads: pods scheduled here and in the real cluster. */
  readonly traces?: readonly TraceReport[];
  /** Node pools over time, node-hours and cost, pod waits for a node, Cluster Autoscaler decisions (docs/autoscaling.md); absent without autoscaled or priced pools. */
  readonly autoscaling?: AutoscalingSection;
  /** When ResourceQuotas refused a controller's pods (quota-blocks.ts); absent when none did. */
  readonly quotaBlocks?: readonly QuotaBlock[];
  /** Requests per Service with traffic (docs/report.md). */
  readonly requests: Recording['requests'];
  readonly recovery: Recording['recovery'];
  readonly startupPhases: Recording['startupPhases'];
  readonly hpa: Recording['hpa'];
  readonly services: Recording['services'];
}

function deploymentReports(recording: Recording, endMs: number): DeploymentReport[] {
  return recording.deployments.map((d) => {
    const pods = recording.deploymentPods?.get(`${d.namespace}/${d.name}`) ?? [];
    return { ...d, rollouts: rolloutReports(d, pods, endMs), pods };
  });
}

function rollouts(deployments: readonly DeploymentReport[]): RolloutSummary[] {
  return deployments.flatMap((d) => d.rollouts.map((r) => ({ deployment: `${d.namespace}/${d.name}`, ...r })));
}

function latencyCdf(samples: readonly number[], of: number): LatencyCdfPoint[] {
  const scale = samples.length === 0 ? 1 : samples.length / of;
  return cdfPoints(samples, CDF_POINTS).map((p) => ({ ms: p.value, share: p.share * scale }));
}

export function buildReport(scenario: Scenario, recording: Recording, endMs: number, actions: readonly ActionResult[] = []): Report {
  const pods = recording.pods;
  const scheduling = pods.schedulingMs;
  const startup = pods.startupMs;
  const deployments = deploymentReports(recording, endMs);
  const { waitingMs, ...neverScheduled } = recording.neverScheduled;
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    scenario: {
      name: scenario.name,
      seed: scenario.seed,
      durationMs: scenario.durationMs,
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
    },
    summary: {
      podsCreated: pods.created,
      podsScheduled: pods.scheduled,
      ...(pods.runningAtStart === 0 ? {} : { podsRunningAtStart: pods.runningAtStart }),
      podsReady: pods.ready,
      podsPendingAtEnd: pods.pendingAtEnd,
      podsNeverScheduled: neverScheduled.deletedWhilePending + neverScheduled.pendingAtEnd,
      rollouts: rollouts(deployments),
    },
    latency: { schedulingMs: censoredLatencySummary(scheduling, waitingMs), startupMs: latencySummary(startup) },
    latencyCdf: { schedulingMs: latencyCdf(scheduling, pods.created - pods.runningAtStart), startupMs: latencyCdf(startup, startup.length) },
    pendingPods: recording.pendingPods,
    availability: recording.deployments.map((d) => availabilitySummary(d, endMs)),
    deployments,
    jobCounts: recording.jobs,
    serviceSelectors: recording.serviceSelectors ?? [],
    replicaSets: recording.replicaSets,
    nodes: recording.nodes,
    scheduler: { ...recording.scheduling, neverScheduled },
    timeline: scenario.timeline.map((t, i) => {
      const error = actions[i]?.error;
      return { atMs: t.atMs, action: t.action, description: t.description, ...(error === undefined ? {} : { error }) };
    }),
    warnings: scenario.warnings,
    requests: recording.requests,
    recovery: recording.recovery.map((r) => ({ ...r, lostCapacityPodSeconds: Math.round(r.lostCapacityPodSeconds * 1000) / 1000 })),
    startupPhases: recording.startupPhases,
    hpa: recording.hpa,
    services: recording.services,
    ...optionalSections(scenario, recording, endMs),
  };
  // A series that outgrew its bound, or its share of the report's points, was thinned (metrics/series.ts): say which, rather than show it as exact.
  const bounded = withinSeriesBudget(report);
  return { ...bounded, warnings: [...scenario.warnings, ...seriesWarnings(bounded)] };
}

function optionalSections(scenario: Scenario, recording: Recording, endMs: number): Pick<Report, 'allocation' | 'traces' | 'gpu' | 'autoscaling' | 'quotaBlocks'> {
  const allocation = recording.allocation === undefined ? undefined : allocationSection(recording.allocation, endMs);
  const autoscaling = recording.autoscaler === undefined ? undefined : autoscalingSection(scenario, recording.autoscaler, endMs);
  const blocked = quotaBlocks(recording.quotaEvents, recording.replicaSets);
  return {
    ...(autoscaling === undefined ? {} : { autoscaling }),
    ...(blocked.length === 0 ? {} : { quotaBlocks: blocked }),
    ...(allocation === undefined ? {} : { allocation }),
    ...(recording.gpu === undefined ? {} : { gpu: gpuSection(recording.gpu) }),
    ...(scenario.workloads.length === 0 ? {} : { traces: traceReports(scenario.workloads, recording.keptPods, endMs) }),
  };
}
