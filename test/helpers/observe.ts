/**
 * Test helper: run a scenario with an extra store observer that samples the
 * cluster after every single change, so invariants are checked at every
 * write and not only at the one point per millisecond that report series
 * keep (a dip and its recovery within one millisecond would be invisible
 * there).
 */
import type { ApiStore } from '../../src/api/store.js';
import type { Deployment, ReplicaSet } from '../../src/api/types/apps.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import type { EventRecord, PodRecord } from '../../src/metrics/types.js';
import type { Pod } from '../../src/api/types/pod.js';
import { buildReport, type Report } from '../../src/report/report.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import type { Scenario } from '../../src/scenario/model.js';

export interface Sample {
  readonly tMs: number;
  /** Pods that exist and have no deletionTimestamp. */
  readonly nonTerminatingPods: number;
  /** The first Deployment's status.availableReplicas (0 before it has a status). */
  readonly availableReplicas: number;
  /** The first Deployment's spec.replicas. */
  readonly replicas: number;
  /** The sum of every ReplicaSet's spec.replicas (what a rolling update bounds by replicas + maxSurge). */
  readonly replicaSetSpecReplicas: number;
}

export interface ObservedRun {
  readonly report: Report;
  /** The pod timelines (pods.jsonl). */
  readonly pods: readonly PodRecord[];
  readonly events: readonly EventRecord[];
  readonly samples: readonly Sample[];
  /** The API store as the run left it. */
  readonly store: ApiStore;
}

export function runObserved(scenario: Scenario): ObservedRun {
  const rows = memoryRows();
  const cluster = new SimulatedCluster(scenario, { freezeObjects: true, rows });
  const active = new Set<string>();
  const samples: Sample[] = [];
  let deployment: Deployment | undefined;
  const specReplicas = new Map<string, number>();
  let specReplicasSum = 0;
  cluster.store.observe({
    onChange: (change, atMs) => {
      if (change.object.kind === 'Pod') {
        const pod = change.object as Pod;
        if (change.type === 'DELETED' || pod.metadata.deletionTimestamp !== undefined) active.delete(pod.metadata.uid);
        else active.add(pod.metadata.uid);
      } else if (change.object.kind === 'ReplicaSet') {
        const rs = change.object as ReplicaSet;
        const now = change.type === 'DELETED' ? 0 : rs.spec.replicas ?? 1;
        specReplicasSum += now - (specReplicas.get(rs.metadata.uid) ?? 0);
        specReplicas.set(rs.metadata.uid, now);
      } else if (change.object.kind === 'Deployment' && change.type !== 'DELETED') {
        if (deployment === undefined || deployment.metadata.uid === change.object.metadata.uid) deployment = change.object as Deployment;
      }
      samples.push({
        tMs: atMs,
        nonTerminatingPods: active.size,
        availableReplicas: deployment?.status?.availableReplicas ?? 0,
        replicas: deployment?.spec.replicas ?? 0,
        replicaSetSpecReplicas: specReplicasSum,
      });
    },
  });
  cluster.run();
  const recording = cluster.recorder.recording();
  const report = buildReport(scenario, recording, scenario.durationMs, cluster.actions);
  return { report, pods: rows.pods.rows, events: rows.events.rows, samples, store: cluster.store };
}
