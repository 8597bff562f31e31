/**
 * NodeResourcesFit (noderesources/fit.go; k8s-scheduler.md §5.1, §6.2–6.4).
 * Filter on the actual requests: pod count, cpu, memory, ephemeral storage
 * and every extended resource the pod asks for. Score on the non-zero
 * requests with the configured strategy.
 */
import { amountOf, podRequests } from '../../../api/resources.js';
import type { Pod } from '../../../api/types/pod.js';
import type { FilterPlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SUCCESS, type Status } from '../../framework/status.js';
import { leastAllocatedScorer, mostAllocatedScorer, type ResourceScorer, type ResourceWeight } from './scorers.js';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

export interface FitArgs {
  readonly scoringStrategy?: {
    readonly type?: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    readonly resources?: readonly ResourceWeight[];
  };
  readonly ignoredResources?: readonly string[];
}

export const DEFAULT_RESOURCE_WEIGHTS: readonly ResourceWeight[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

interface Insufficient {
  readonly reason: string;
  readonly unresolvable: boolean;
}

/** fitsRequest: every resource the pod cannot get on the node. */
export function insufficientResources(pod: Pod, nodeInfo: NodeInfo, ignored: ReadonlySet<string> = new Set()): Insufficient[] {
  const out: Insufficient[] = [];
  if (nodeInfo.pods.size + 1 > nodeInfo.allowedPodNumber) {
    out.push({ reason: 'Too many pods', unresolvable: 1 > nodeInfo.allowedPodNumber });
  }
  const request = podRequests(pod.spec).actual;
  if (request.cpuMilli === 0 && request.memoryBytes === 0 && request.ephemeralStorageBytes === 0 && request.scalar.size === 0) return out;
  const check = (name: string, wanted: number): void => {
    if (wanted <= 0 || ignored.has(name)) return;
    const allocatable = amountOf(nodeInfo.allocatable, name);
    if (wanted > allocatable - amountOf(nodeInfo.requested, name)) {
      out.push({ reason: `Insufficient ${name}`, unresolvable: wanted > allocatable });
    }
  };
  check('cpu', request.cpuMilli);
  check('memory', request.memoryBytes);
  check('ephemeral-storage', request.ephemeralStorageBytes);
  for (const [name, wanted] of request.scalar) check(name, wanted);
  return out;
}

function scorerFor(args: FitArgs | undefined): ResourceScorer {
  const resources = args?.scoringStrategy?.resources ?? DEFAULT_RESOURCE_WEIGHTS;
  const type = args?.scoringStrategy?.type ?? 'LeastAllocated';
  if (type === 'MostAllocated') return mostAllocatedScorer(resources);
  if (type === 'LeastAllocated') return leastAllocatedScorer(resources);
  throw new Error(`scoringStrategy.type: ${type} is not supported yet`);
}

export function nodeResourcesFit(args: FitArgs | undefined): FilterPlugin & ScorePlugin {
  const ignored = new Set(args?.ignoredResources ?? []);
  const scorer = scorerFor(args);
  return {
    name: NODE_RESOURCES_FIT,
    filter(_state, pod, nodeInfo): Status {
      const insufficient = insufficientResources(pod, nodeInfo, ignored);
      if (insufficient.length === 0) return SUCCESS;
      const code = insufficient.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
      return { code, reasons: insufficient.map((i) => i.reason), plugin: NODE_RESOURCES_FIT };
    },
    score(_state, pod, nodeInfo) {
      return scorer(podRequests(pod.spec).nonZero, nodeInfo);
    },
  };
}
