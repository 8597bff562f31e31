/**
 * InterPodAffinity's queueing hints (interpodaffinity/plugin.go
 * isSchedulableAfterPodChange, isSchedulableAfterNodeChange): whether a
 * pod or node event may make a pod that this plugin rejected schedulable.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Labels } from '../../../api/labels.js';
import type { Node } from '../../../api/types/node.js';
import type { Pod } from '../../../api/types/pod.js';
import type { QueueingHint } from '../../framework/cluster-events.js';
import { podInfoOf, termMatches, type AffinityTerm, type PodInfo } from '../../framework/pod-info.js';
import { matchesAllTerms } from './filtering.js';

type NamespaceLabels = (ns: string) => Labels | undefined;

function matchesAnyTerm(terms: readonly AffinityTerm[], pod: PodInfo, namespaceLabels: NamespaceLabels): boolean {
  return terms.some((t) => termMatches(t, pod, namespaceLabels(pod.namespace)));
}

/**
 * A pod the Filter sees: bound to a node, or nominated to one (nominated
 * pods are added to the node when filtering, RunFilterPluginsWithNominatedPods;
 * kubernetes/kubernetes#135392 made the hint count them too).
 */
function placed(pod: Pod | undefined): Pod | undefined {
  return pod !== undefined && ((pod.spec.nodeName ?? '') !== '' || (pod.status?.nominatedNodeName ?? '') !== '') ? pod : undefined;
}

/** An added or relabelled pod may newly satisfy the pod's affinity, or stop matching its anti-affinity. */
function hintForAddedOrUpdatedPod(info: PodInfo, original: Pod | undefined, modified: Pod, namespaceLabels: NamespaceLabels): QueueingHint {
  const now = podInfoOf(modified);
  const affinityNow = matchesAllTerms(info.requiredAffinityTerms, now, namespaceLabels);
  if (affinityNow && (original === undefined || !matchesAllTerms(info.requiredAffinityTerms, podInfoOf(original), namespaceLabels))) return 'Queue';
  if (original === undefined) return 'QueueSkip';
  const antiBefore = matchesAnyTerm(info.requiredAntiAffinityTerms, podInfoOf(original), namespaceLabels);
  const antiNow = matchesAnyTerm(info.requiredAntiAffinityTerms, now, namespaceLabels);
  return antiBefore && !antiNow ? 'Queue' : 'QueueSkip';
}

/** A deleted pod may have matched the pod's anti-affinity, or carried anti-affinity against it. */
function hintForDeletedPod(info: PodInfo, deleted: Pod, namespaceLabels: NamespaceLabels): QueueingHint {
  const gone = podInfoOf(deleted);
  if (matchesAnyTerm(info.requiredAntiAffinityTerms, gone, namespaceLabels)) return 'Queue';
  return gone.requiredAntiAffinityTerms.some((t) => termMatches(t, info, namespaceLabels(info.namespace))) ? 'Queue' : 'QueueSkip';
}

/**
 * Pod added, relabelled or deleted. The pending pod's own relabel may end a
 * mismatch with its own terms or with existing pods' anti-affinity
 * (kubernetes/kubernetes#135394); otherwise pods neither bound nor
 * nominated count for nothing, and one that becomes (or stops being) placed
 * reads as added (or deleted).
 */
export function isSchedulingHintForPodEvent(pod: Pod, oldObj: unknown, newObj: unknown, namespaceLabels: NamespaceLabels): QueueingHint {
  const own = newObj as Pod | undefined;
  if (oldObj !== undefined && own?.metadata.uid === pod.metadata.uid && !isDeepStrictEqual((oldObj as Pod).metadata.labels ?? {}, own.metadata.labels ?? {})) return 'Queue';
  const original = placed(oldObj as Pod | undefined);
  const modified = placed(own);
  if (original === undefined && modified === undefined) return 'QueueSkip';
  const info = podInfoOf(pod);
  if (modified !== undefined) return hintForAddedOrUpdatedPod(info, original, modified, namespaceLabels);
  return hintForDeletedPod(info, original as Pod, namespaceLabels);
}

/**
 * How a node's topology label moved: absent before and after, added,
 * removed, or present in both with the same or a different value.
 */
type LabelMove = 'absent' | 'added' | 'removed' | 'same' | 'changed';

function labelMove(original: Node, modified: Node, key: string): LabelMove {
  const before = original.metadata.labels?.[key];
  const after = modified.metadata.labels?.[key];
  if (before === undefined) return after === undefined ? 'absent' : 'added';
  if (after === undefined) return 'removed';
  return before === after ? 'same' : 'changed';
}

const HELPS_AFFINITY: ReadonlySet<LabelMove> = new Set(['added', 'changed']);
const HELPS_ANTI_AFFINITY: ReadonlySet<LabelMove> = new Set(['removed', 'changed']);

/**
 * Node added or relabelled (interpodaffinity/plugin.go
 * isSchedulableAfterNodeChange, as refined by kubernetes/kubernetes#127470).
 * Affinity: a new node carrying a term's topology key, or an update that
 * adds the key or changes its value; removing it cannot help, since a node
 * without the key never satisfies affinity. Anti-affinity: any new node
 * (a node without the key always accepts the pod, and whether a keyed one
 * does depends on pods the hint does not look at), or an update that
 * removes the key or changes its value; adding it cannot help, since the
 * node without it already accepted the pod as far as anti-affinity goes.
 */
export function isSchedulingHintForNodeEvent(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const info = podInfoOf(pod);
  const modified = newObj as Node;
  const original = oldObj as Node | undefined;
  if (original === undefined) {
    if (info.requiredAffinityTerms.some((t) => modified.metadata.labels?.[t.topologyKey] !== undefined)) return 'Queue';
    return info.requiredAntiAffinityTerms.length > 0 ? 'Queue' : 'QueueSkip';
  }
  const moved = (helps: ReadonlySet<LabelMove>) => (t: AffinityTerm): boolean => helps.has(labelMove(original, modified, t.topologyKey));
  return info.requiredAffinityTerms.some(moved(HELPS_AFFINITY)) || info.requiredAntiAffinityTerms.some(moved(HELPS_ANTI_AFFINITY)) ? 'Queue' : 'QueueSkip';
}
