/**
 * NodeUnschedulable (nodeunschedulable/node_unschedulable.go): a cordoned node
 * rejects pods that do not tolerate node.kubernetes.io/unschedulable:NoSchedule.
 */
import { taintTolerated } from '../../api/taints.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import { ActionType } from '../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin, FrameworkHandle } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';
import { JsonKey } from '../framework/filter-verdicts.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;
const REJECTED = unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE);

export function nodeUnschedulable(handle: FrameworkHandle): FilterPlugin & EnqueueExtensions {
  const tolerationsKey = new JsonKey();
  return {
    name: NODE_UNSCHEDULABLE,
    filter(_state, pod, nodeInfo) {
      if (!nodeInfo.unschedulable) return SUCCESS;
      if (taintTolerated(UNSCHEDULABLE_TAINT, pod.spec.tolerations)) return SUCCESS;
      return REJECTED;
    },
    filterKey: (_state, pod) => tolerationsKey.of(pod.spec.tolerations),
    filterAll(_state, pod, nodes, count, statuses) {
      // No node is cordoned: nothing to look at (the sample is of the handle's nodes).
      if (handle.unschedulableNodes() === 0) return;
      let tolerates: boolean | undefined;
      for (let i = 0; i < count; i++) {
        if (statuses[i] !== undefined || !(nodes[i] as NodeInfo).unschedulable) continue;
        tolerates ??= taintTolerated(UNSCHEDULABLE_TAINT, pod.spec.tolerations);
        if (!tolerates) statuses[i] = REJECTED;
      }
    },
    eventsToRegister() {
      return [
        {
          event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
          hint: (_pod, oldObj, newObj) => {
            const original = oldObj as Node | undefined;
            const modified = newObj as Node;
            if (modified.spec.unschedulable === true) return 'QueueSkip';
            return original === undefined || original.spec.unschedulable === true ? 'Queue' : 'QueueSkip';
          },
        },
        {
          event: { resource: 'UnscheduledPod', actionType: ActionType.UpdatePodToleration },
          hint: (pod, _old, newObj) => ((newObj as Pod).metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip'),
        },
      ];
    },
  };
}
