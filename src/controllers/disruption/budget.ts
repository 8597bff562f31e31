/**
 * PodDisruptionBudget arithmetic (k/k pkg/controller/disruption/disruption.go
 * getExpectedPodCount, countHealthyPods, buildDisruptedPodMap,
 * updatePdbStatus). Pure functions.
 */
import { scaledValue } from '../../api/intstr.js';
import { isPodReady } from '../../api/pod-util.js';
import type { Pod } from '../../api/types/pod.js';
import type { PodDisruptionBudget } from '../../api/types/policy.js';

/** DeletionTimeout: an approved eviction whose pod is not gone after this is forgotten. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** The scale of the controller of `pod` (Deployment, bare ReplicaSet, StatefulSet), keyed by that controller's UID. */
export type ScaleFinder = (pod: Pod) => { readonly uid: string; readonly scale: number } | undefined;

export type ExpectedCount =
  | { readonly ok: true; readonly expectedPods: number; readonly desiredHealthy: number; readonly unmanagedPods: readonly string[] }
  | { readonly ok: false; readonly error: string };

/**
 * getExpectedScale: the sum of the scales of the pods' controllers, each
 * counted once. Pods without a controller are unmanaged; a controller no
 * finder knows (a Job, a DaemonSet) is an error.
 */
function expectedScale(pods: readonly Pod[], finder: ScaleFinder): { total: number; unmanaged: string[] } | string {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref === undefined) {
      unmanaged.push(pod.metadata.name);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = finder(pod);
    if (found === undefined) return `found no controllers for pod "${pod.metadata.name}"`;
    scales.set(found.uid, found.scale);
  }
  let total = 0;
  for (const scale of scales.values()) total += scale;
  return { total, unmanaged };
}

/**
 * getExpectedPodCount: with maxUnavailable (percent rounds up) desired =
 * expected − maxUnavailable, floored at 0; with an integer minAvailable the
 * expected count is the number of matching pods; with a percentage
 * minAvailable desired = ceil(percent × expected).
 */
export function expectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], finder: ScaleFinder): ExpectedCount {
  const { maxUnavailable, minAvailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    const scale = expectedScale(pods, finder);
    if (typeof scale === 'string') return { ok: false, error: scale };
    const value = scaledValue(maxUnavailable, scale.total, true);
    if (!value.ok) return { ok: false, error: value.reason };
    return { ok: true, expectedPods: scale.total, desiredHealthy: Math.max(0, scale.total - value.value), unmanagedPods: scale.unmanaged };
  }
  if (minAvailable !== undefined) {
    if (typeof minAvailable === 'number') return { ok: true, expectedPods: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
    const scale = expectedScale(pods, finder);
    if (typeof scale === 'string') return { ok: false, error: scale };
    const value = scaledValue(minAvailable, scale.total, true);
    if (!value.ok) return { ok: false, error: value.reason };
    return { ok: true, expectedPods: scale.total, desiredHealthy: value.value, unmanagedPods: scale.unmanaged };
  }
  return { ok: true, expectedPods: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/**
 * buildDisruptedPodMap: approved evictions still waiting for their pod to
 * go, dropping pods already being deleted and entries past the timeout;
 * `recheckAtMs` is when the earliest remaining entry expires.
 */
export function disruptedPodMap(pdb: PodDisruptionBudget, pods: readonly Pod[], nowMs: number): { map: Record<string, number>; expired: string[]; recheckAtMs?: number } {
  const recorded = pdb.status?.disruptedPods;
  const map: Record<string, number> = {};
  const expired: string[] = [];
  let recheckAtMs: number | undefined;
  if (recorded === undefined) return { map, expired };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const at = recorded[pod.metadata.name];
    if (at === undefined) continue;
    const expectedDeletion = at + DELETION_TIMEOUT_MS;
    if (expectedDeletion < nowMs) {
      expired.push(pod.metadata.name);
    } else {
      map[pod.metadata.name] = at;
      if (recheckAtMs === undefined || expectedDeletion < recheckAtMs) recheckAtMs = expectedDeletion;
    }
  }
  return recheckAtMs === undefined ? { map, expired } : { map, expired, recheckAtMs };
}

/** countHealthyPods: Ready pods not being deleted and not recently approved for eviction. */
export function countHealthyPods(pods: readonly Pod[], disrupted: Readonly<Record<string, number>>, nowMs: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const at = disrupted[pod.metadata.name];
    if (at !== undefined && at + DELETION_TIMEOUT_MS > nowMs) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** disruptionsAllowed = max(0, currentHealthy − desiredHealthy), and 0 while no pods are expected. */
export function disruptionsAllowed(currentHealthy: number, desiredHealthy: number, expectedPods: number): number {
  const allowed = currentHealthy - desiredHealthy;
  return expectedPods <= 0 || allowed <= 0 ? 0 : allowed;
}
