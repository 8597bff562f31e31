/**
 * NodePorts (nodeports/node_ports.go): a requested hostPort conflicts with one
 * in use on the node for the same protocol when the host IPs overlap
 * (0.0.0.0 overlaps every IP). PreFilter skips pods without host ports.
 */
import type { Pod } from '../../api/types/pod.js';
import { ActionType } from '../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../framework/interfaces.js';
import { podInfoOf } from '../framework/pod-info.js';
import { SKIP, SUCCESS, unschedulable } from '../framework/status.js';
import { JsonKey } from '../framework/filter-verdicts.js';

export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
const REJECTED = unschedulable(NODE_PORTS, ERR_REASON_NODE_PORTS);

export function nodePorts(): PreFilterPlugin & FilterPlugin & EnqueueExtensions {
  const portsKey = new JsonKey();
  return {
    name: NODE_PORTS,
    preFilter(_state, pod) {
      return { status: podInfoOf(pod).hostPorts.length === 0 ? SKIP : SUCCESS };
    },
    filter(_state, pod, nodeInfo) {
      if (nodeInfo.usedPorts.size === 0) return SUCCESS;
      for (const port of podInfoOf(pod).hostPorts) if (nodeInfo.portConflicts(port)) return REJECTED;
      return SUCCESS;
    },
    filterKey: (_state, pod) => portsKey.of(podInfoOf(pod).hostPorts),
    eventsToRegister() {
      return [
        {
          // Ports are immutable, so pod updates cannot help; only a deleted pod that held a conflicting port can.
          event: { resource: 'Pod', actionType: ActionType.Delete },
          hint: (pod, oldObj) => {
            const deleted = oldObj as Pod;
            if ((deleted.spec.nodeName ?? '') === '') return 'QueueSkip';
            const held = podInfoOf(deleted).hostPorts;
            const wanted = podInfoOf(pod).hostPorts;
            const overlap = wanted.some((w) => held.some((h) => h.port === w.port && h.protocol === w.protocol && (h.ip === w.ip || h.ip === '0.0.0.0' || w.ip === '0.0.0.0')));
            return overlap ? 'Queue' : 'QueueSkip';
          },
        },
        { event: { resource: 'Node', actionType: ActionType.Add | ActionType.Update } },
      ];
    },
  };
}
