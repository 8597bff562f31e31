/**
 * PrioritySort (queuesort/priority_sort.go): higher spec.priority first;
 * equal priority, the earlier queue timestamp first.
 */
import type { QueueSortPlugin, QueuedPodInfo } from '../framework/interfaces.js';

export const PRIORITY_SORT = 'PrioritySort';

export function prioritySort(): QueueSortPlugin {
  return {
    name: PRIORITY_SORT,
    less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
      const pa = a.pod.spec.priority ?? 0;
      const pb = b.pod.spec.priority ?? 0;
      return pa > pb || (pa === pb && a.timestampMs < b.timestampMs);
    },
  };
}
