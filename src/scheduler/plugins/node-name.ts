/** NodeName: a pod that names a node (spec.nodeName) fits only that node. */
import type { Node } from '../../api/types/node.js';
import { ActionType } from '../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
const REJECTED = unresolvable(NODE_NAME, ERR_REASON_NODE_NAME);

export function nodeName(): FilterPlugin & EnqueueExtensions {
  return {
    name: NODE_NAME,
    filter(_state, pod, nodeInfo) {
      const wanted = pod.spec.nodeName;
      if (wanted === undefined || wanted === '' || wanted === nodeInfo.name) return SUCCESS;
      return REJECTED;
    },
    filterKey: (_state, pod) => pod.spec.nodeName ?? '',
    filterAll(_state, pod, nodes, count, statuses) {
      const wanted = pod.spec.nodeName;
      if (wanted === undefined || wanted === '') return;
      for (let i = 0; i < count; i++) if (statuses[i] === undefined && (nodes[i] as NodeInfo).name !== wanted) statuses[i] = REJECTED;
    },
    eventsToRegister() {
      return [{
        event: { resource: 'Node', actionType: ActionType.Add },
        hint: (pod, _old, newObj) => {
          const wanted = pod.spec.nodeName ?? '';
          return wanted === '' || wanted === (newObj as Node).metadata.name ? 'Queue' : 'QueueSkip';
        },
      }];
    },
  };
}
