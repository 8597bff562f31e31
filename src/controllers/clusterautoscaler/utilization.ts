/**
 * A node's utilization for scale-down (cluster-autoscaler/simulator/
 * utilization/info.go Calculate): the pods' summed requests over the
 * node's allocatable, per resource, and the larger of CPU and memory.
 * DaemonSet and mirror pods count (--ignore-daemonsets-utilization and
 * --ignore-mirror-pods-utilization default to false); finished pods do not.
 */
import { quantityToInteger, quantityToMilli } from '../../api/quantity.js';
import { isPodTerminal } from '../../api/pod-util.js';
import { podRequests } from '../../api/resources.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';

export interface Utilization {
  readonly cpu: number;
  readonly memory: number;
  /** max(cpu, memory), compared with --scale-down-utilization-threshold. */
  readonly utilization: number;
  readonly resourceName: 'cpu' | 'memory';
}

export function nodeUtilization(node: Node, pods: readonly Pod[]): Utilization {
  const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {};
  const cpuAllocatable = allocatable.cpu === undefined ? 0 : quantityToMilli(allocatable.cpu);
  const memoryAllocatable = allocatable.memory === undefined ? 0 : quantityToInteger(allocatable.memory);
  let cpu = 0;
  let memory = 0;
  for (const pod of pods) {
    if (isPodTerminal(pod)) continue;
    const requests = podRequests(pod.spec).actual;
    cpu += requests.cpuMilli;
    memory += requests.memoryBytes;
  }
  const cpuShare = cpuAllocatable === 0 ? 0 : cpu / cpuAllocatable;
  const memoryShare = memoryAllocatable === 0 ? 0 : memory / memoryAllocatable;
  return cpuShare >= memoryShare
    ? { cpu: cpuShare, memory: memoryShare, utilization: cpuShare, resourceName: 'cpu' }
    : { cpu: cpuShare, memory: memoryShare, utilization: memoryShare, resourceName: 'memory' };
}
