/**
 * NodeUnschedulable (nodeunschedulable/node_unschedulable.go): a cordoned node
 * rejects pods that do not tolerate node.kubernetes.io/unschedulable:NoSchedule.
 */
import { taintTolerated } from '../../api/taints.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

export function nodeUnschedulable(): FilterPlugin {
  return {
    name: NODE_UNSCHEDULABLE,
    filter(_state, pod, nodeInfo) {
      if (nodeInfo.node.spec.unschedulable !== true) return SUCCESS;
      if (taintTolerated(UNSCHEDULABLE_TAINT, pod.spec.tolerations)) return SUCCESS;
      return unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE);
    },
  };
}
