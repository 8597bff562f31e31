/**
 * ReplicaSet status from its active pods (k/k replica_set_utils.go
 * calculateStatus), and when to look again for pods that turn available.
 */
import { jsonEqual } from '../../api/json-equal.js';
import { isPodAvailable, isPodReady, podAvailableAtMs } from '../../api/pod-util.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../api/types/apps.js';
import type { Pod } from '../../api/types/pod.js';

/** The pod figures status reports. */
export interface ReplicaFigures {
  readonly replicas: number;
  readonly fullyLabeled: number;
  readonly ready: number;
  readonly available: number;
  readonly terminating: number;
}

/**
 * `manageError` is the error of this sync's creates or deletes: it raises the
 * ReplicaFailure condition (FailedCreate / FailedDelete), and a sync without
 * one clears it. `terminatingPods` are owned pods with a deletionTimestamp
 * that are not terminal yet (status.terminatingReplicas, beta and on since
 * v1.35; nothing in the rollout arithmetic reads it).
 */
export function calculateStatus(
  rs: ReplicaSet,
  activePods: readonly Pod[],
  nowMs: number,
  manageError?: string,
  terminatingPods: readonly Pod[] = [],
): ReplicaSetStatus {
  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    if (hasLabels(pod.metadata.labels ?? {}, templateLabels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, nowMs)) available++;
    }
  }
  const figures = { replicas: activePods.length, fullyLabeled, ready, available, terminating: terminatingPods.length };
  return statusFromFigures(rs, figures, nowMs, manageError);
}

/** Whether `labels` has every label of `wanted` (fullyLabeledReplicas). */
export function hasLabels(labels: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>): boolean {
  for (const key in wanted) if (labels[key] !== wanted[key]) return false;
  return true;
}

/** The status a sync writes from its pod figures. */
export function statusFromFigures(rs: ReplicaSet, figures: ReplicaFigures, nowMs: number, manageError?: string): ReplicaSetStatus {
  const conditions = replicaFailureConditions(rs, figures.replicas, manageError, nowMs);
  return {
    replicas: figures.replicas,
    fullyLabeledReplicas: figures.fullyLabeled,
    readyReplicas: figures.ready,
    availableReplicas: figures.available,
    terminatingReplicas: figures.terminating,
    observedGeneration: rs.metadata.generation ?? 0,
    ...(conditions === undefined || conditions.length === 0 ? {} : { conditions }),
  };
}

/** The conditions after this sync: ReplicaFailure set on a new error, removed after a clean sync. */
function replicaFailureConditions(rs: ReplicaSet, activeCount: number, manageError: string | undefined, nowMs: number): ReplicaSetStatus['conditions'] {
  const conditions = rs.status?.conditions;
  const failure = conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageError !== undefined && failure === undefined) {
    const reason = activeCount < (rs.spec.replicas ?? 1) ? 'FailedCreate' : 'FailedDelete';
    return [...(conditions ?? []), { type: 'ReplicaFailure', status: 'True', reason, message: manageError, lastTransitionTime: nowMs }];
  }
  if (manageError === undefined && failure !== undefined) return (conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  return conditions;
}

/**
 * Milliseconds until the next Ready pod becomes available, if any is waiting
 * out minReadySeconds (newer releases' FindMinNextPodAvailabilityCheck).
 */
export function nextAvailabilityCheckMs(rs: ReplicaSet, activePods: readonly Pod[], nowMs: number): number | undefined {
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  if (minReadySeconds <= 0) return undefined;
  let earliest: number | undefined;
  for (const pod of activePods) {
    const at = podAvailableAtMs(pod, minReadySeconds);
    if (at !== undefined && at > nowMs && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest === undefined ? undefined : earliest - nowMs;
}

/**
 * Whether writing `next` would change nothing, field by field as
 * replica_set_utils.go updateReplicaSetStatus decides it: the four counts
 * (a missing one is Go's zero), the observed generation, the conditions
 * deep-equal, and terminatingReplicas as a pointer (missing differs from 0).
 */
export function statusUnchanged(current: ReplicaSetStatus | undefined, next: ReplicaSetStatus): boolean {
  return (
    current !== undefined &&
    current.replicas === next.replicas &&
    (current.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (current.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (current.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (current.observedGeneration ?? 0) === (next.observedGeneration ?? 0) &&
    current.terminatingReplicas === next.terminatingReplicas &&
    jsonEqual(current.conditions, next.conditions)
  );
}
