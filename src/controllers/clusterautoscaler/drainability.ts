/**
 * Which pods a node's removal must move, and which pods forbid it
 * (cluster-autoscaler/utils/drain/drain.go GetPodsForDeletionOnNodeDrain,
 * simulator/drain.go; FAQ "What types of pods can prevent CA from removing
 * a node?"). Mirror pods, DaemonSet pods and pods long past their grace
 * period stay behind; `cluster-autoscaler.kubernetes.io/safe-to-evict:
 * "true"` lifts every rule but the PodDisruptionBudget; otherwise a pod
 * without a controller, a kube-system pod no PDB covers (with
 * --skip-nodes-with-system-pods), a pod with local storage (emptyDir or
 * hostPath, with --skip-nodes-with-local-storage) or one annotated
 * safe-to-evict "false" blocks the node, as does a pod whose PDB has no
 * disruption left for it.
 */
import { selectorMatches } from '../../api/labels.js';
import { isPodTerminal } from '../../api/pod-util.js';
import { controllerOf } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { PodDisruptionBudget } from '../../api/types/policy.js';

export const SAFE_TO_EVICT_ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
/** The kubelet's annotation on a static pod's mirror. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** drain.go PodLongTerminatingExtraThreshold. */
const LONG_TERMINATING_EXTRA_MS = 30_000;
/** apiv1.DefaultTerminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

export type BlockingReason = 'NotReplicated' | 'ControllerNotFound' | 'UnmovableKubeSystemPod' | 'LocalStorageRequested' | 'NotSafeToEvictAnnotation' | 'NotEnoughPdb';

export interface BlockingPod {
  readonly pod: Pod;
  readonly reason: BlockingReason;
  readonly message: string;
}

export interface DrainRules {
  readonly skipNodesWithSystemPods: boolean;
  readonly skipNodesWithLocalStorage: boolean;
  /** Whether the controller a pod names exists (drain.go looks it up with a lister). */
  readonly controllerExists: (namespace: string, kind: string, name: string) => boolean;
  readonly pdbs: readonly PodDisruptionBudget[];
  readonly nowMs: number;
}

export type DrainResult = { readonly pods: readonly Pod[]; readonly blocking?: undefined } | { readonly pods?: undefined; readonly blocking: BlockingPod };

function isLongTerminating(pod: Pod, nowMs: number): boolean {
  const deletion = pod.metadata.deletionTimestamp;
  if (deletion === undefined) return false;
  return deletion + (pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS) * 1000 + LONG_TERMINATING_EXTRA_MS < nowMs;
}

function hasLocalStorage(pod: Pod): boolean {
  return (pod.spec.volumes ?? []).some((v) => typeof v === 'object' && v !== null && ('emptyDir' in v || 'hostPath' in v));
}

/** The pods that must move off the node, or the first pod that forbids removing it. */
export function podsToMove(podsOnNode: readonly Pod[], rules: DrainRules): DrainResult {
  const moving: Pod[] = [];
  for (const pod of podsOnNode) {
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined || isLongTerminating(pod, rules.nowMs)) continue;
    const namespace = pod.metadata.namespace ?? 'default';
    const owner = controllerOf(pod.metadata);
    if (owner !== undefined && !rules.controllerExists(namespace, owner.kind, owner.name)) {
      return { blocking: { pod, reason: 'ControllerNotFound', message: `owner ${owner.kind} for ${namespace}/${pod.metadata.name} is not available` } };
    }
    if (owner?.kind === 'DaemonSet') continue;
    const annotation = pod.metadata.annotations?.[SAFE_TO_EVICT_ANNOTATION];
    if (annotation !== 'true' && !isPodTerminal(pod)) {
      if (owner === undefined) return { blocking: { pod, reason: 'NotReplicated', message: `${namespace}/${pod.metadata.name} is not replicated` } };
      if (namespace === 'kube-system' && rules.skipNodesWithSystemPods && !rules.pdbs.some((b) => (b.metadata.namespace ?? 'default') === 'kube-system' && selectorMatches(b.spec.selector, pod.metadata.labels))) {
        return { blocking: { pod, reason: 'UnmovableKubeSystemPod', message: `non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: ${pod.metadata.name}` } };
      }
      if (hasLocalStorage(pod) && rules.skipNodesWithLocalStorage) return { blocking: { pod, reason: 'LocalStorageRequested', message: `pod with local storage present: ${pod.metadata.name}` } };
      if (annotation === 'false') return { blocking: { pod, reason: 'NotSafeToEvictAnnotation', message: `pod annotated as not safe to evict present: ${pod.metadata.name}` } };
    }
    moving.push(pod);
  }
  const pdbBlock = firstPdbBlock(moving, rules.pdbs);
  return pdbBlock === undefined ? { pods: moving } : { blocking: pdbBlock };
}

/** simulator/drain.go checkPdbs: each pod spends one of its budgets' allowed disruptions; one with none left blocks. */
function firstPdbBlock(pods: readonly Pod[], pdbs: readonly PodDisruptionBudget[]): BlockingPod | undefined {
  const left = new Map<PodDisruptionBudget, number>();
  for (const pod of pods) {
    if (isPodTerminal(pod)) continue;
    for (const pdb of pdbs) {
      if ((pdb.metadata.namespace ?? 'default') !== (pod.metadata.namespace ?? 'default') || !selectorMatches(pdb.spec.selector, pod.metadata.labels)) continue;
      const remaining = left.get(pdb) ?? pdb.status?.disruptionsAllowed ?? 0;
      if (remaining < 1) return { pod, reason: 'NotEnoughPdb', message: `not enough pod disruption budget to move ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}` };
      left.set(pdb, remaining - 1);
    }
  }
  return undefined;
}
