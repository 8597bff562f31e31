/**
 * NodeResourcesFit (noderesources/fit.go; k8s-scheduler.md §5.1, §6.2–6.4).
 * Filter on the actual requests: pod count, cpu, memory, ephemeral storage
 * and every extended resource the pod asks for (unless ignored by args).
 * Score on the non-zero requests with the configured strategy
 * (LeastAllocated by default, cpu and memory weight 1). Weight 1 by default.
 */
import { amountOf, emptyVector, type ResourceVector } from '../../../api/resources.js';
import type { Node } from '../../../api/types/node.js';
import type { Pod } from '../../../api/types/pod.js';
import { ActionType } from '../../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework/interfaces.js';
import { NodeInfo } from '../../framework/node-info.js';
import { podInfoOf } from '../../framework/pod-info.js';
import { SUCCESS, type Status } from '../../framework/status.js';
import { stateReader } from '../../framework/state-cache.js';
import { DEFAULT_RESOURCE_WEIGHTS, validateFitArgs, type FitArgs } from './fit-args.js';
import { leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer, type ResourceScorer } from './scorers.js';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const PRE_FILTER_KEY = 'PreFilterNodeResourcesFit';
export type { FitArgs } from './fit-args.js';

interface Insufficient {
  readonly reason: string;
  readonly unresolvable: boolean;
}

function ignoredScalar(name: string, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): boolean {
  // Only extended resources (names with a domain) can be ignored.
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  return ignored.has(name) || ignoredGroups.has(name.slice(0, slash));
}

/** fitsRequest: every resource the pod cannot get on the node. */
export function insufficientResources(request: Readonly<ResourceVector>, nodeInfo: NodeInfo, ignored: ReadonlySet<string> = new Set(), ignoredGroups: ReadonlySet<string> = new Set()): Insufficient[] {
  const out: Insufficient[] = [];
  if (nodeInfo.pods.size + 1 > nodeInfo.allowedPodNumber) out.push({ reason: 'Too many pods', unresolvable: false });
  if (request.cpuMilli === 0 && request.memoryBytes === 0 && request.ephemeralStorageBytes === 0 && request.scalar.size === 0) return out;
  const check = (name: string, wanted: number): void => {
    if (wanted <= 0) return;
    const allocatable = amountOf(nodeInfo.allocatable, name);
    if (wanted > allocatable - amountOf(nodeInfo.requested, name)) out.push({ reason: `Insufficient ${name}`, unresolvable: wanted > allocatable });
  };
  check('cpu', request.cpuMilli);
  check('memory', request.memoryBytes);
  check('ephemeral-storage', request.ephemeralStorageBytes);
  for (const [name, wanted] of request.scalar) if (!ignoredScalar(name, ignored, ignoredGroups)) check(name, wanted);
  return out;
}

interface CheckedScalars {
  readonly names: string[];
  readonly amounts: number[];
}

/** The same verdict as insufficientResources(...).length === 0, without building reasons. */
function fitsWithoutAllocating(r: Readonly<ResourceVector>, scalars: CheckedScalars, nodeInfo: NodeInfo): boolean {
  if (nodeInfo.pods.size + 1 > nodeInfo.allowedPodNumber) return false;
  const allocatable = nodeInfo.allocatable;
  const requested = nodeInfo.requested;
  if (r.cpuMilli > 0 && r.cpuMilli > allocatable.cpuMilli - requested.cpuMilli) return false;
  if (r.memoryBytes > 0 && r.memoryBytes > allocatable.memoryBytes - requested.memoryBytes) return false;
  if (r.ephemeralStorageBytes > 0 && r.ephemeralStorageBytes > allocatable.ephemeralStorageBytes - requested.ephemeralStorageBytes) return false;
  for (let i = 0; i < scalars.names.length; i++) {
    const name = scalars.names[i] as string;
    if ((scalars.amounts[i] as number) > (allocatable.scalar.get(name) ?? 0) - (requested.scalar.get(name) ?? 0)) return false;
  }
  return true;
}

function scorerFor(args: FitArgs | undefined): ResourceScorer {
  const resources = args?.scoringStrategy?.resources ?? DEFAULT_RESOURCE_WEIGHTS;
  switch (args?.scoringStrategy?.type ?? 'LeastAllocated') {
    case 'MostAllocated':
      return mostAllocatedScorer(resources);
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatioScorer(resources, args?.scoringStrategy?.requestedToCapacityRatio?.shape ?? []);
    default:
      return leastAllocatedScorer(resources);
  }
}

/** Whether any allocatable the pod requests grew (haveAnyRequestedResourcesIncreased). */
function requestedAllocatableIncreased(request: Readonly<ResourceVector>, original: Node, modified: Node): boolean {
  const before = new NodeInfo(original);
  const after = new NodeInfo(modified);
  if (after.allowedPodNumber > before.allowedPodNumber) return true;
  const names = ['cpu', 'memory', 'ephemeral-storage', ...request.scalar.keys()];
  return names.some((name) => amountOf(request, name) > 0 && amountOf(after.allocatable, name) > amountOf(before.allocatable, name));
}

export function nodeResourcesFit(args: FitArgs | undefined): PreFilterPlugin & FilterPlugin & ScorePlugin & EnqueueExtensions {
  const problems = validateFitArgs(args);
  if (problems.length > 0) throw new Error(problems.map(([field, message]) => `${field}: ${message}`).join('; '));
  const ignored = new Set(args?.ignoredResources ?? []);
  const ignoredGroups = new Set(args?.ignoredResourceGroups ?? []);
  const scorer = scorerFor(args);
  const fits = (pod: Pod, nodeInfo: NodeInfo): Insufficient[] => insufficientResources(podInfoOf(pod).requests.actual, nodeInfo, ignored, ignoredGroups);
  // The extended resources a request asks for and the args do not ignore, as
  // parallel arrays; one per request vector (stored objects are immutable).
  const scalarsByRequest = new WeakMap<Readonly<ResourceVector>, CheckedScalars>();
  const checkedScalars = (r: Readonly<ResourceVector>): CheckedScalars => {
    let found = scalarsByRequest.get(r);
    if (found === undefined) {
      found = { names: [], amounts: [] };
      for (const [name, wanted] of r.scalar) {
        if (wanted <= 0 || ignoredScalar(name, ignored, ignoredGroups)) continue;
        found.names.push(name);
        found.amounts.push(wanted);
      }
      scalarsByRequest.set(r, found);
    }
    return found;
  };
  // Reasons are built only for a node that does not fit: most filter calls succeed.
  const unfit = (r: Readonly<ResourceVector>, nodeInfo: NodeInfo): Status => {
    const insufficient = insufficientResources(r, nodeInfo, ignored, ignoredGroups);
    const code = insufficient.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    return { code, reasons: insufficient.map((i) => i.reason), plugin: NODE_RESOURCES_FIT };
  };
  const request = stateReader<ResourceVector>(PRE_FILTER_KEY);
  let lastPod: Pod | undefined;
  let lastNonZero: Readonly<ResourceVector> = emptyVector();
  return {
    name: NODE_RESOURCES_FIT,
    preFilter(state, pod) {
      state.write(PRE_FILTER_KEY, podInfoOf(pod).requests.actual);
      return { status: SUCCESS };
    },
    filter(state, pod, nodeInfo): Status {
      const r = request(state) ?? podInfoOf(pod).requests.actual;
      if (fitsWithoutAllocating(r, checkedScalars(r), nodeInfo)) return SUCCESS;
      return unfit(r, nodeInfo);
    },
    filterAll(state, pod, nodes, count, statuses) {
      const r = request(state) ?? podInfoOf(pod).requests.actual;
      const scalars = checkedScalars(r);
      for (let i = 0; i < count; i++) {
        if (statuses[i] !== undefined) continue;
        const node = nodes[i] as NodeInfo;
        if (!fitsWithoutAllocating(r, scalars, node)) statuses[i] = unfit(r, node);
      }
    },
    scoreAll(_state, pod, nodes, count, out) {
      const nonZero = podInfoOf(pod).requests.nonZero;
      for (let i = 0; i < count; i++) out[i] = scorer(nonZero, nodes[i] as NodeInfo);
    },
    score(_state, pod, nodeInfo) {
      if (pod !== lastPod) {
        lastPod = pod;
        lastNonZero = podInfoOf(pod).requests.nonZero;
      }
      return scorer(lastNonZero, nodeInfo);
    },
    eventsToRegister() {
      return [
        {
          event: { resource: 'Pod', actionType: ActionType.Delete | ActionType.UpdatePodScaleDown },
          hint: (_pod, oldObj, newObj) => {
            if (newObj === undefined) {
              // Deleting a pod that was bound or nominated somewhere frees room.
              const deleted = oldObj as Pod;
              return (deleted.spec.nodeName ?? '') === '' && (deleted.status?.nominatedNodeName ?? '') === '' ? 'QueueSkip' : 'Queue';
            }
            return ((newObj as Pod).spec.nodeName ?? '') === '' ? 'QueueSkip' : 'Queue';
          },
        },
        {
          event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel },
          hint: (pod, oldObj, newObj) => {
            const modified = newObj as Node;
            // The pod would not fit even on the empty node.
            if (fits(pod, new NodeInfo(modified)).length > 0) return 'QueueSkip';
            if (oldObj === undefined) return 'Queue';
            return requestedAllocatableIncreased(podInfoOf(pod).requests.actual, oldObj as Node, modified) ? 'Queue' : 'QueueSkip';
          },
        },
      ];
    },
  };
}
