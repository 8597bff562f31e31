/**
 * NodeAffinity, Filter only (nodeaffinity/node_affinity.go): a node must
 * satisfy the pod's nodeSelector and required node affinity, including the
 * `matchFields metadata.name` term the DaemonSet controller pins its pods
 * with (k8s-lifecycle.md §5.3). A minimal stand-in added with the workload
 * controllers; the scheduler issue owns the full plugin (PreFilter node
 * names, preferred-term scoring) and replaces this file.
 */
import { podFitsNodeAffinity } from '../../api/node-affinity.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

export function nodeAffinity(): FilterPlugin {
  return {
    name: NODE_AFFINITY,
    filter(_state, pod, nodeInfo) {
      return podFitsNodeAffinity(pod.spec, nodeInfo.node) ? SUCCESS : unresolvable(NODE_AFFINITY, ERR_REASON_NODE_AFFINITY);
    },
  };
}
