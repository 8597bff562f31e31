/**
 * InterPodAffinity's queueing hints (interpodaffinity/plugin.go
 * isSchedulingHintForPodEvent, isSchedulingHintForNodeEvent): whether a
 * pod or node event may make a pod that this plugin rejected schedulable.
 */
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

function unassigned(pod: Pod | undefined): boolean {
  return pod !== undefined && (pod.spec.nodeName ?? '') === '';
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

/** Pod added, relabelled or deleted; pods not bound to a node count for nothing. */
export function isSchedulingHintForPodEvent(pod: Pod, oldObj: unknown, newObj: unknown, namespaceLabels: NamespaceLabels): QueueingHint {
  const original = oldObj as Pod | undefined;
  const modified = newObj as Pod | undefined;
  if (unassigned(modified) || unassigned(original)) return 'QueueSkip';
  const info = podInfoOf(pod);
  if (modified !== undefined) return hintForAddedOrUpdatedPod(info, original, modified, namespaceLabels);
  return hintForDeletedPod(info, original as Pod, namespaceLabels);
}

/** Node added or relabelled: any new node may help a pod with anti-affinity; otherwise a topology key must appear or change. */
export function isSchedulingHintForNodeEvent(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const info = podInfoOf(pod);
  const modified = newObj as Node;
  const original = oldObj as Node | undefined;
  if (original === undefined && info.requiredAntiAffinityTerms.length > 0) return 'Queue';
  const keys = [...info.requiredAffinityTerms, ...info.requiredAntiAffinityTerms].map((t) => t.topologyKey);
  const changed = (key: string): boolean => modified.metadata.labels?.[key] !== undefined && modified.metadata.labels[key] !== original?.metadata.labels?.[key];
  return keys.some(changed) ? 'Queue' : 'QueueSkip';
}
