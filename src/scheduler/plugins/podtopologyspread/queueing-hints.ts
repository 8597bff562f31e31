/**
 * PodTopologySpread's queueing hints (podtopologyspread/plugin.go
 * isSchedulableAfterPodChange, isSchedulableAfterNodeChange): whether a
 * pod or node event may make a pod that this plugin rejected schedulable.
 * Both read the pod's hard constraints (DoNotSchedule), which are what
 * rejected it; the pod hint only once the event concerns it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Node } from '../../../api/types/node.js';
import type { Pod } from '../../../api/types/pod.js';
import type { QueueingHint } from '../../framework/cluster-events.js';
import { nodeHasAllKeys, type SpreadConstraint } from './constraints.js';

/** The pod itself, or a pod bound to a node in the pod's namespace: only those can change its counts. */
function involved(pod: Pod, other: Pod): boolean {
  return other.metadata.uid === pod.metadata.uid || ((other.spec.nodeName ?? '') !== '' && other.metadata.namespace === pod.metadata.namespace);
}

/**
 * Pod added, relabelled or deleted: the change must touch what some
 * constraint's selector matches (plugin.go isSchedulableAfterPodChange).
 */
export function isSchedulingHintForPodEvent(pod: Pod, oldObj: unknown, newObj: unknown, hardConstraints: () => readonly SpreadConstraint[]): QueueingHint {
  const original = oldObj as Pod | undefined;
  const modified = newObj as Pod | undefined;
  if ((modified !== undefined && !involved(pod, modified)) || (original !== undefined && !involved(pod, original))) return 'QueueSkip';
  const constraints = hardConstraints();
  if (original !== undefined && modified !== undefined) {
    // The pending pod itself: a new toleration matters only where some constraint honours node taints (nodeTaintsPolicy: Honor);
    // otherwise its own update is read like any other pod's, by what the selectors match.
    const tolerationsChanged = !isDeepStrictEqual(original.spec.tolerations ?? [], modified.spec.tolerations ?? []);
    if (modified.metadata.uid === pod.metadata.uid && tolerationsChanged && constraints.some((c) => c.nodeTaintsPolicy === 'Honor')) return 'Queue';
    return constraints.some((c) => c.selector.matches(original.metadata.labels) !== c.selector.matches(modified.metadata.labels)) ? 'Queue' : 'QueueSkip';
  }
  const labels = (original ?? modified)?.metadata.labels;
  return constraints.some((c) => c.selector.matches(labels)) ? 'Queue' : 'QueueSkip';
}

/** Node added, deleted, relabelled or retainted: it must carry every topology key, and for an update a key or the taints must change. */
export function isSchedulingHintForNodeEvent(oldObj: unknown, newObj: unknown, constraints: readonly SpreadConstraint[]): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node | undefined;
  const matching = (n: Node | undefined): boolean => n !== undefined && nodeHasAllKeys(n.metadata.labels ?? {}, constraints);
  if (original === undefined || modified === undefined) return matching(modified ?? original) ? 'Queue' : 'QueueSkip';
  if (matching(original) !== matching(modified)) return 'Queue';
  const keysChanged = constraints.some((c) => original.metadata.labels?.[c.topologyKey] !== modified.metadata.labels?.[c.topologyKey]);
  const taintsChanged = !isDeepStrictEqual(original.spec.taints ?? [], modified.spec.taints ?? []);
  return matching(modified) && (keysChanged || taintsChanged) ? 'Queue' : 'QueueSkip';
}
