/**
 * ReplicaSet status from its active pods (k/k replica_set_utils.go
 * calculateStatus), and when to look again for pods that turn available.
 */
import { isPodAvailable, isPodReady, podAvailableAtMs } from '../../api/pod-util.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../api/types/apps.js';
import type { Pod } from '../../api/types/pod.js';

export function calculateStatus(rs: ReplicaSet, activePods: readonly Pod[], nowMs: number): ReplicaSetStatus {
  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    const labels = pod.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, nowMs)) available++;
    }
  }
  return {
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 0,
    ...(rs.status?.conditions === undefined ? {} : { conditions: rs.status.conditions }),
  };
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
