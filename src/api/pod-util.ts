/**
 * Pod predicates the controllers share (k/k pkg/api/v1/pod/util.go,
 * pkg/controller/controller_utils.go).
 */
import type { Condition, ConditionStatus } from './types/meta.js';
import type { Pod, PodConditionType, PodStatus } from './types/pod.js';

export function podCondition(pod: Pod, type: PodConditionType): Condition<PodConditionType> | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** Ready=True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/**
 * IsPodAvailable: Ready, and Ready for at least minReadySeconds. From v1.34
 * exactly minReadySeconds counts (k/k pkg/api/v1/pod/util.go IsPodAvailable;
 * kubernetes/kubernetes PR #132122).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = ready.lastTransitionTime;
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

/** When a Ready pod becomes available, or undefined if it is not Ready. */
export function podAvailableAtMs(pod: Pod, minReadySeconds: number): number | undefined {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return undefined;
  return (ready.lastTransitionTime ?? 0) + Math.max(0, minReadySeconds) * 1000;
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && pod.metadata.deletionTimestamp === undefined;
}

export function isPodBound(pod: Pod): boolean {
  return pod.spec.nodeName !== undefined && pod.spec.nodeName !== '';
}

/**
 * Returns pod status with condition `type` set. lastTransitionTime moves only
 * when the status value changes, as the kubelet and controllers do.
 */
export function withPodCondition(
  status: PodStatus | undefined,
  type: PodConditionType,
  value: ConditionStatus,
  nowMs: number,
  reason?: string,
  message?: string,
): PodStatus {
  const conditions = status?.conditions ?? [];
  const existing = conditions.find((c) => c.type === type);
  const transition = existing !== undefined && existing.status === value ? existing.lastTransitionTime : nowMs;
  const condition: Condition<PodConditionType> = {
    type,
    status: value,
    ...(transition === undefined ? {} : { lastTransitionTime: transition }),
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
  };
  const next = existing === undefined ? [...conditions, condition] : conditions.map((c) => (c.type === type ? condition : c));
  // Not `{ ...status, conditions }`: see ApiStore.bindPod (a third of the size).
  return Object.assign({}, status, { conditions: next });
}
