/**
 * DaemonSet rolling update (k/k pkg/controller/daemon/update.go
 * rollingUpdate, findUpdatedPodsOnNode, updatedDesiredNodeCounts): with
 * maxSurge 0 (the default) an old pod is
 * deleted only while fewer than maxUnavailable nodes are unavailable, and
 * its replacement is created once it is gone; with maxSurge > 0 the new pod
 * starts beside the old one, which goes when the new one is available.
 * Nodes are visited in name order (upstream iterates a Go map).
 */
import { scaledValue } from '../../api/intstr.js';
import { isPodAvailable } from '../../api/pod-util.js';
import type { DaemonSet } from '../../api/types/apps.js';
import type { Pod } from '../../api/types/pod.js';
import { CONTROLLER_REVISION_HASH_LABEL } from './daemon-pods.js';

export interface RollingPlan {
  /** Old pods to delete now. */
  readonly deletePods: readonly Pod[];
  /** Nodes that get a new pod now (surge only). */
  readonly createOnNodes: readonly string[];
}

/** findUpdatedPodsOnNode: the one new and the one old pod on a node; ok false if there are two of either. */
function updatedPodsOnNode(pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) {
      if (newPod !== undefined) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod !== undefined) return { ok: false };
      oldPod = pod;
    }
  }
  return { ...(newPod === undefined ? {} : { newPod }), ...(oldPod === undefined ? {} : { oldPod }), ok: true };
}

/** maxUnavailable and maxSurge against the desired node count (both round up; 1 unavailable if both are 0). */
export function daemonSetBudget(ds: DaemonSet, desired: number): { maxUnavailable: number; maxSurge: number } {
  const ru = ds.spec.updateStrategy.rollingUpdate;
  const unavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true);
  const surge = scaledValue(ru?.maxSurge ?? 0, desired, true);
  const maxUnavailable = unavailable.ok ? unavailable.value : 0;
  const maxSurge = surge.ok ? surge.value : 0;
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) return { maxUnavailable: 1, maxSurge: 0 };
  return { maxUnavailable, maxSurge };
}

/**
 * `podsByNode` has an entry (possibly empty) for every node that should run
 * a daemon pod, plus the nodes that have one.
 */
export function rollingUpdatePlan(ds: DaemonSet, podsByNode: ReadonlyMap<string, readonly Pod[]>, desired: number, hash: string, nowMs: number): RollingPlan {
  const { maxUnavailable, maxSurge } = daemonSetBudget(ds, desired);
  const minReady = ds.spec.minReadySeconds;
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReady, nowMs);
  const nodes = [...podsByNode.keys()].sort();
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replacements: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodes) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(podsByNode.get(node) ?? [], hash);
      if (!ok || (newPod === undefined) === (oldPod === undefined)) {
        numUnavailable++;
      } else if (newPod !== undefined) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod !== undefined) {
        if (!available(oldPod)) replacements.push(oldPod);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    return { deletePods: [...replacements, ...candidates.slice(0, remaining)], createOnNodes: [] };
  }
  let numSurge = 0;
  const deletePods: Pod[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  for (const node of nodes) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(podsByNode.get(node) ?? [], hash);
    if (!ok) {
      numSurge++;
    } else if (oldPod === undefined) {
      // Nothing to update here; the manage loop creates a missing pod.
    } else if (newPod === undefined) {
      if (!available(oldPod)) allowedNew.push(node);
      else if (numSurge < maxSurge) candidateNew.push(node);
    } else if (!available(newPod)) {
      numSurge++;
    } else {
      deletePods.push(oldPod);
    }
  }
  const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
  return { deletePods, createOnNodes: [...allowedNew, ...candidateNew.slice(0, remaining)] };
}
