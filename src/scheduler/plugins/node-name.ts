/** NodeName: a pod that names a node (spec.nodeName) fits only that node. */
import type { FilterPlugin } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export function nodeName(): FilterPlugin {
  return {
    name: NODE_NAME,
    filter(_state, pod, nodeInfo) {
      const wanted = pod.spec.nodeName;
      if (wanted === undefined || wanted === '' || wanted === nodeInfo.name) return SUCCESS;
      return unresolvable(NODE_NAME, ERR_REASON_NODE_NAME);
    },
  };
}
