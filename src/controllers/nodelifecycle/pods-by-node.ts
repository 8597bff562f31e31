/**
 * Index function: the node a pod is bound to (the pod informer's
 * spec.nodeName index of kube-controller-manager, PodIndexer in
 * pkg/controller/util/node). The node lifecycle and taint eviction
 * controllers pass this one function, so the pod informer they share keeps
 * one index, not one each.
 */
import type { Pod } from '../../api/types/pod.js';

export function byNodeName(pod: Pod): string[] {
  const node = pod.spec.nodeName;
  return node === undefined || node === '' ? [] : [node];
}
