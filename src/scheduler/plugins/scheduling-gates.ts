/**
 * SchedulingGates (schedulinggates/scheduling_gates.go): a pod with
 * spec.schedulingGates stays out of activeQ until the gates are removed.
 */
import type { Pod } from '../../api/types/pod.js';
import { ActionType } from '../framework/cluster-events.js';
import type { EnqueueExtensions, PreEnqueuePlugin } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';

export const SCHEDULING_GATES = 'SchedulingGates';

export function schedulingGates(): PreEnqueuePlugin & EnqueueExtensions {
  return {
    name: SCHEDULING_GATES,
    preEnqueue(pod) {
      const gates = pod.spec.schedulingGates ?? [];
      if (gates.length === 0) return SUCCESS;
      return unresolvable(SCHEDULING_GATES, `waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
    },
    eventsToRegister() {
      return [{
        event: { resource: 'UnscheduledPod', actionType: ActionType.UpdatePodSchedulingGatesEliminated },
        hint: (pod, _old, modified) => ((modified as Pod | undefined)?.metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip'),
      }];
    },
  };
}
