/**
 * Victim selection on one node (defaultpreemption/default_preemption.go
 * SelectVictimsOnNode, filterPodsWithPDBViolation):
 * remove every lower-priority pod; if the preemptor then fits, add them back
 * most important first — PDB-violating ones before the others — keeping as
 * victims only those whose return makes the preemptor fail.
 */
import type { KubeObject } from '../../../api/types/meta.js';
import type { Pod } from '../../../api/types/pod.js';
import type { CycleState, FrameworkHandle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { compileLabelSelector } from '../../framework/selectors.js';
import { isSuccess, unresolvable, type Status } from '../../framework/status.js';

export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Victims {
  /** Most important first. */
  readonly pods: readonly PodInfo[];
  readonly numPDBViolations: number;
}

/** GetPodStartTime: status.startTime, or now for pods that have not started. */
export function podStartTimeMs(pod: Pod, nowMs: number): number {
  return pod.status?.startTime ?? nowMs;
}

/** MoreImportantPod: higher priority, then earlier start. */
export function moreImportant(a: PodInfo, b: PodInfo, nowMs: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return podStartTimeMs(a.pod, nowMs) < podStartTimeMs(b.pod, nowMs);
}

interface PodDisruptionBudget extends KubeObject {
  readonly spec?: { readonly selector?: Parameters<typeof compileLabelSelector>[0] };
  readonly status?: { readonly disruptionsAllowed?: number; readonly disruptedPods?: Readonly<Record<string, unknown>> };
}

/** filterPodsWithPDBViolation: each matching PDB's budget is spent in order; going below 0 violates. */
export function splitByPDBViolation(pods: readonly PodInfo[], pdbs: readonly KubeObject[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const budgets = pdbs as readonly PodDisruptionBudget[];
  const allowed = budgets.map((p) => p.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pod of pods) {
    let violated = false;
    if (Object.keys(pod.labels).length > 0) {
      for (let i = 0; i < budgets.length; i++) {
        const pdb = budgets[i] as PodDisruptionBudget;
        if ((pdb.metadata.namespace ?? 'default') !== pod.namespace) continue;
        const selector = compileLabelSelector(pdb.spec?.selector);
        // A PDB with a nil or empty selector matches nothing.
        if (selector.empty || !selector.matches(pod.labels)) continue;
        // Already in disruptedPods: processed by the API server, not a violation.
        if (pdb.status?.disruptedPods?.[pod.pod.metadata.name] !== undefined) continue;
        const left = (allowed[i] as number) - 1;
        allowed[i] = left;
        if (left < 0) violated = true;
      }
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}

/** SelectVictimsOnNode on a copy of the node and of the cycle state. */
export function selectVictimsOnNode(handle: FrameworkHandle, state: CycleState, pod: Pod, nodeInfo: NodeInfo, pdbs: readonly KubeObject[], plugin: string): { victims?: Victims; status: Status } {
  const priority = pod.spec.priority ?? 0;
  const nowMs = handle.nowMs();
  const remove = (victim: PodInfo): Status => {
    nodeInfo.removePod(victim.key);
    return handle.runPreFilterExtensionRemovePod(state, pod, victim, nodeInfo);
  };
  const add = (victim: PodInfo): Status => {
    nodeInfo.addPodInfo(victim);
    return handle.runPreFilterExtensionAddPod(state, pod, victim, nodeInfo);
  };
  const potential: PodInfo[] = [];
  for (const info of [...nodeInfo.pods.values()]) {
    if (info.priority >= priority) continue;
    potential.push(info);
    const status = remove(info);
    if (!isSuccess(status)) return { status };
  }
  if (potential.length === 0) return { status: unresolvable(plugin, ERR_NO_VICTIMS) };
  const fits = handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
  if (!isSuccess(fits)) return { status: fits };
  potential.sort((a, b) => (moreImportant(a, b, nowMs) ? -1 : moreImportant(b, a, nowMs) ? 1 : 0));
  const { violating, nonViolating } = splitByPDBViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (info: PodInfo): boolean | Status => {
    const added = add(info);
    if (!isSuccess(added)) return added;
    if (isSuccess(handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo))) return true;
    const removed = remove(info);
    if (!isSuccess(removed)) return removed;
    victims.push(info);
    return false;
  };
  for (const info of violating) {
    const result = reprieve(info);
    if (typeof result !== 'boolean') return { status: result };
    if (!result) numPDBViolations++;
  }
  for (const info of nonViolating) {
    const result = reprieve(info);
    if (typeof result !== 'boolean') return { status: result };
  }
  if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => (moreImportant(a, b, nowMs) ? -1 : moreImportant(b, a, nowMs) ? 1 : 0));
  return { victims: { pods: victims, numPDBViolations }, status: { code: 'Success', reasons: [] } };
}
