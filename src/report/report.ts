/**
 * report.json: everything a run measured, deterministic (no wall-clock
 * values; same scenario and seed give the same bytes). Bump SCHEMA_VERSION
 * on any incompatible change and describe it in docs/report.md.
 */
import { availabilitySummary, latencySummary, type AvailabilitySummary, type LatencySummary } from '../metrics/summaries.js';
import type { DeploymentRecord, NodeRecord, PodRecord, Recording, ReplicaSetRecord } from '../metrics/types.js';
import type { Scenario } from '../scenario/model.js';
import type { ActionResult } from '../runner/cluster.js';

export const SCHEMA_VERSION = 1;

export interface RolloutSummary {
  readonly deployment: string;
  readonly revision: number | null;
  readonly startMs: number;
  readonly completeMs: number | null;
  readonly durationMs: number | null;
}

export interface Report {
  readonly schemaVersion: number;
  readonly scenario: { readonly name: string; readonly seed: number; readonly durationMs: number; readonly description?: string };
  readonly summary: {
    readonly podsCreated: number;
    readonly podsScheduled: number;
    readonly podsReady: number;
    readonly podsPendingAtEnd: number;
    readonly rollouts: readonly RolloutSummary[];
  };
  readonly latency: { readonly schedulingMs: LatencySummary; readonly startupMs: LatencySummary };
  readonly availability: readonly AvailabilitySummary[];
  readonly deployments: readonly DeploymentRecord[];
  readonly replicaSets: readonly ReplicaSetRecord[];
  readonly nodes: readonly NodeRecord[];
  readonly pods: readonly PodRecord[];
  readonly timeline: ReadonlyArray<{ readonly atMs: number; readonly action: string; readonly description: string; readonly error?: string }>;
  readonly warnings: readonly string[];
  /** Requests per Service with traffic (docs/report.md). */
  readonly requests: Recording['requests'];
  readonly recovery: Recording['recovery'];
  readonly startupPhases: Recording['startupPhases'];
  readonly hpa: Recording['hpa'];
  readonly services: Recording['services'];
}

function rollouts(deployments: readonly DeploymentRecord[]): RolloutSummary[] {
  return deployments.flatMap((d) =>
    d.rollouts.map((r) => ({
      deployment: `${d.namespace}/${d.name}`,
      revision: r.revision ?? null,
      startMs: r.startMs,
      completeMs: r.completeMs ?? null,
      durationMs: r.completeMs === undefined ? null : r.completeMs - r.startMs,
    })),
  );
}

export function buildReport(scenario: Scenario, recording: Recording, endMs: number, actions: readonly ActionResult[] = []): Report {
  const pods = recording.pods;
  const scheduling = pods.filter((p) => p.scheduledMs !== undefined).map((p) => (p.scheduledMs as number) - p.createdMs);
  const startup = pods.filter((p) => p.startedMs !== undefined).map((p) => (p.startedMs as number) - p.createdMs);
  return {
    schemaVersion: SCHEMA_VERSION,
    scenario: {
      name: scenario.name,
      seed: scenario.seed,
      durationMs: scenario.durationMs,
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
    },
    summary: {
      podsCreated: pods.length,
      podsScheduled: scheduling.length,
      podsReady: pods.filter((p) => p.readyMs !== undefined).length,
      podsPendingAtEnd: pods.filter((p) => p.deletedMs === undefined && p.node === undefined).length,
      rollouts: rollouts(recording.deployments),
    },
    latency: { schedulingMs: latencySummary(scheduling), startupMs: latencySummary(startup) },
    availability: recording.deployments.map((d) => availabilitySummary(d, endMs)),
    deployments: recording.deployments,
    replicaSets: recording.replicaSets,
    nodes: recording.nodes,
    pods,
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
  };
}
