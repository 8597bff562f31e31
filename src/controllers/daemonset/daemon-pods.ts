/**
 * Which nodes a DaemonSet's pods belong on, and the pods it creates
 * (k/k pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod,
 * util/daemonset_util.go AddOrUpdateDaemonPodTolerations,
 * ReplaceDaemonSetPodNodeNameNodeAffinity).
 * Tolerations: kubernetes.io/docs/concepts/scheduling-eviction/
 * taint-and-toleration.
 */
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../api/admission.js';
import { podFitsNodeAffinity } from '../../api/node-affinity.js';
import { firstUntoleratedTaint } from '../../api/taints.js';
import type { DaemonSet } from '../../api/types/apps.js';
import type { KubeObjectInput } from '../../api/types/meta.js';
import type { Node } from '../../api/types/node.js';
import type { PodSpec, Toleration } from '../../api/types/pod.js';
import { computeHash } from '../deployment/hash.js';
import { podFromTemplate } from '../pod-template.js';

/** The label with which DaemonSet (and StatefulSet) pods carry their template revision. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/**
 * The tolerations the DaemonSet controller adds: not-ready and unreachable
 * NoExecute with no time limit (so daemon pods are never evicted for them),
 * and NoSchedule for the pressure conditions and cordoned nodes (and
 * network-unavailable for host-network pods).
 */
export function daemonPodTolerations(spec: PodSpec): Toleration[] {
  const added: Toleration[] = [
    { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if ((spec as { hostNetwork?: boolean }).hostNetwork === true) added.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const existing = spec.tolerations ?? [];
  // AddOrUpdateTolerationInPodSpec: a toleration with the same key and effect is replaced.
  const kept = existing.filter((t) => !added.some((a) => a.key === t.key && a.effect === t.effect));
  return [...kept, ...added];
}

export interface NodeVerdict {
  /** A daemon pod should be created here. */
  readonly shouldRun: boolean;
  /** A daemon pod already here may stay. */
  readonly shouldContinueRunning: boolean;
}

const NO_SCHEDULE_OR_EXECUTE: ReadonlySet<string> = new Set(['NoSchedule', 'NoExecute']);
const NO_EXECUTE: ReadonlySet<string> = new Set(['NoExecute']);

/** NodeShouldRunDaemonPod: node name, node affinity/selector, then taints against the daemon tolerations. */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeVerdict {
  const spec = ds.spec.template.spec;
  if (spec.nodeName !== undefined && spec.nodeName !== '' && spec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  if (!podFitsNodeAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = daemonPodTolerations(spec);
  if (firstUntoleratedTaint(node.spec.taints, tolerations, NO_SCHEDULE_OR_EXECUTE) === undefined) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: firstUntoleratedTaint(node.spec.taints, tolerations, NO_EXECUTE) === undefined };
}

/** The template revision a DaemonSet's current pods carry (its ControllerRevision's hash). */
export function daemonSetHash(ds: DaemonSet): string {
  return computeHash(ds.spec.template, ds.status?.collisionCount);
}

/** A daemon pod for `nodeName`: template labels plus the revision hash, tolerations, pinned by node affinity. */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string): KubeObjectInput & { kind: 'Pod' } {
  const pod = podFromTemplate(ds.spec.template, ds, ds.metadata.name);
  const spec = pod.spec as PodSpec;
  const labels = { ...(pod.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash };
  const affinity = {
    ...spec.affinity,
    nodeAffinity: {
      ...spec.affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }] }],
      },
    },
  };
  return { ...pod, metadata: { ...pod.metadata, labels }, spec: { ...spec, affinity, tolerations: daemonPodTolerations(spec) } };
}
