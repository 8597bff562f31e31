/**
 * NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go).
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
import { isStored, NodeMemo } from '../../framework/node-memo.js';
import { podInfoOf } from '../../framework/pod-info.js';
import { CPU_SLOT, MEMORY_SLOT, POD_SLOT, resourceSlot } from '../../framework/resource-slots.js';
import { SUCCESS, type Status } from '../../framework/status.js';
import { stateReader } from '../../framework/state-cache.js';
import { requestKey } from '../../framework/filter-verdicts.js';
import { DEFAULT_RESOURCE_WEIGHTS, validateFitArgs, type FitArgs } from './fit-args.js';
import { leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer, type ResourceScorer } from './scorers.js';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const PRE_FILTER_KEY = 'PreFilterNodeResourcesFit';
export type { FitArgs } from './fit-args.js';

function ignoredScalar(name: string, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): boolean {
  // Only extended resources (names with a domain) can be ignored.
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  return ignored.has(name) || ignoredGroups.has(name.slice(0, slash));
}

/**
 * A shortfall: which of fitsRequest's checks failed on one node, as one
 * number, so that it can key the request's cache of built statuses (every
 * node short of the same resources gets the same Status object; a cycle
 * that rejects a thousand nodes builds none). It is a sum of flags:
 * TOO_MANY_PODS, UNRESOLVABLE and resourceFlag(i) for each short resource i
 * of the CheckedRequest; FITS (0) when nothing is short. Flags are distinct
 * powers of two added, not OR-ed: JavaScript's bitwise operators cut to 32
 * bits, while sums of powers of two stay exact doubles up to 2^53 (50
 * resources).
 */
type Shortfall = number;
const FITS: Shortfall = 0;
/** The node already runs allocatable.pods pods. */
const TOO_MANY_PODS: Shortfall = 1;
/** A short resource exceeds even the node's allocatable: no preemption can help (UnschedulableAndUnresolvable). */
const UNRESOLVABLE: Shortfall = 2;

/** The flag of the CheckedRequest's resource `index`. */
function resourceFlag(index: number): Shortfall {
  return 2 ** (index + 2);
}

function hasFlag(shortfall: Shortfall, flag: Shortfall): boolean {
  return Math.floor(shortfall / flag) % 2 === 1;
}

/**
 * What fitsRequest checks for one request, in its order: cpu, memory,
 * ephemeral-storage, then the extended resources the args do not ignore;
 * only amounts above zero are checked. Built once per request vector.
 */
interface CheckedRequest {
  readonly request: Readonly<ResourceVector>;
  readonly names: readonly string[];
  readonly amounts: readonly number[];
  /** The NodeInfo.free slot of each of names. */
  readonly slots: readonly number[];
  /** resourceFlag(i) of each of names, computed once. */
  readonly flags: readonly Shortfall[];
  /** Filter statuses already built, by shortfall. */
  readonly statuses: Map<Shortfall, Status>;
  /** The cpu and memory amounts checked, −∞ for one not checked; the other checked slots and amounts. */
  readonly cpuNeeded: number;
  readonly memoryNeeded: number;
  readonly otherSlots: readonly number[];
  readonly otherAmounts: readonly number[];
}

function checkedRequest(request: Readonly<ResourceVector>, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): CheckedRequest {
  const names: string[] = [];
  const amounts: number[] = [];
  const slots: number[] = [];
  const flags: Shortfall[] = [];
  const add = (name: string, wanted: number): void => {
    if (wanted <= 0) return;
    flags.push(resourceFlag(names.length));
    names.push(name);
    amounts.push(wanted);
    slots.push(resourceSlot(name));
  };
  add('cpu', request.cpuMilli);
  add('memory', request.memoryBytes);
  add('ephemeral-storage', request.ephemeralStorageBytes);
  for (const [name, wanted] of request.scalar) if (!ignoredScalar(name, ignored, ignoredGroups)) add(name, wanted);
  const other = slots.map((slot, i) => [slot, amounts[i] as number] as const).filter(([slot]) => slot !== CPU_SLOT && slot !== MEMORY_SLOT);
  return {
    request, names, amounts, slots, flags, statuses: new Map(),
    cpuNeeded: request.cpuMilli > 0 ? request.cpuMilli : Number.NEGATIVE_INFINITY,
    memoryNeeded: request.memoryBytes > 0 ? request.memoryBytes : Number.NEGATIVE_INFINITY,
    otherSlots: other.map(([slot]) => slot),
    otherAmounts: other.map(([, amount]) => amount),
  };
}

/** fitsRequest's checks on the node, as a Shortfall (FITS when the pod fits). */
function shortfall(checked: CheckedRequest, nodeInfo: NodeInfo): Shortfall {
  const free = nodeInfo.free;
  let found = (free[POD_SLOT] as number) < 1 ? TOO_MANY_PODS : FITS;
  let unresolvable = false;
  const amounts = checked.amounts;
  for (let i = 0; i < amounts.length; i++) {
    const wanted = amounts[i] as number;
    if (wanted <= (free[checked.slots[i] as number] ?? 0)) continue;
    found += checked.flags[i] as Shortfall;
    if (!unresolvable && wanted > amountOf(nodeInfo.allocatable, checked.names[i] as string)) unresolvable = true;
  }
  return unresolvable ? found + UNRESOLVABLE : found;
}

/**
 * Whether the node has room for one more pod and every checked amount,
 * read from NodeInfo.free: exactly when shortfall() is FITS, without its
 * bookkeeping. Most nodes scanned fit, so this is the check that runs for
 * nearly every node of every cycle.
 */
function hasRoom(checked: CheckedRequest, nodeInfo: NodeInfo): boolean {
  if (nodeInfo.freePods < 1 || checked.cpuNeeded > nodeInfo.freeCpuMilli || checked.memoryNeeded > nodeInfo.freeMemoryBytes) return false;
  const slots = checked.otherSlots;
  if (slots.length === 0) return true;
  const free = nodeInfo.free;
  const amounts = checked.otherAmounts;
  for (let k = 0; k < slots.length; k++) {
    if ((amounts[k] as number) > (free[slots[k] as number] ?? 0)) return false;
  }
  return true;
}

/** The InsufficientResource reasons of a shortfall, in fitsRequest's order. */
function reasonsOf(checked: CheckedRequest, found: Shortfall): string[] {
  const reasons: string[] = [];
  if (hasFlag(found, TOO_MANY_PODS)) reasons.push('Too many pods');
  checked.names.forEach((name, i) => {
    if (hasFlag(found, checked.flags[i] as Shortfall)) reasons.push(`Insufficient ${name}`);
  });
  return reasons;
}

/** fitsRequest: the reasons the pod cannot go on the node (none when it fits). */
export function insufficientResources(request: Readonly<ResourceVector>, nodeInfo: NodeInfo, ignored: ReadonlySet<string> = new Set(), ignoredGroups: ReadonlySet<string> = new Set()): string[] {
  const checked = checkedRequest(request, ignored, ignoredGroups);
  return reasonsOf(checked, shortfall(checked, nodeInfo));
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
  const fits = (pod: Pod, nodeInfo: NodeInfo): string[] => insufficientResources(podInfoOf(pod).requests.actual, nodeInfo, ignored, ignoredGroups);
  // Keyed by the request vector's identity: a PodInfo's vectors are built
  // once per pod and never change (src/scheduler/README.md), and pods of one
  // ReplicaSet share them, so one CheckedRequest serves them all.
  const checkedByRequest = new WeakMap<Readonly<ResourceVector>, CheckedRequest>();
  const checked = (r: Readonly<ResourceVector>): CheckedRequest => {
    let found = checkedByRequest.get(r);
    if (found === undefined) {
      found = checkedRequest(r, ignored, ignoredGroups);
      checkedByRequest.set(r, found);
    }
    return found;
  };
  // A node that does not fit gets the status of its shortfall, built once
  // per request and shortfall (statuses are never mutated).
  const unfit = (c: CheckedRequest, found: Shortfall): Status => {
    let status = c.statuses.get(found);
    if (status === undefined) {
      const code = hasFlag(found, UNRESOLVABLE) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
      status = { code, reasons: reasonsOf(c, found), plugin: NODE_RESOURCES_FIT };
      c.statuses.set(found, status);
    }
    return status;
  };
  const request = stateReader<ResourceVector>(PRE_FILTER_KEY);
  // The score depends only on the node and the request: kept per node and request for the next pod asking the same.
  const scores = new NodeMemo();
  let lastPod: Pod | undefined;
  let lastNonZero: Readonly<ResourceVector> = emptyVector();
  return {
    name: NODE_RESOURCES_FIT,
    preFilter(state, pod) {
      state.write(PRE_FILTER_KEY, podInfoOf(pod).requests.actual);
      return { status: SUCCESS };
    },
    filter(state, pod, nodeInfo): Status {
      const c = checked(request(state) ?? podInfoOf(pod).requests.actual);
      return hasRoom(c, nodeInfo) ? SUCCESS : unfit(c, shortfall(c, nodeInfo));
    },
    filterKey: (state, pod) => requestKey(request(state) ?? podInfoOf(pod).requests.actual),
    filterAll(state, pod, nodes, count, statuses) {
      const c = checked(request(state) ?? podInfoOf(pod).requests.actual);
      for (let i = 0; i < count; i++) {
        if (statuses[i] !== undefined) continue;
        const node = nodes[i] as NodeInfo;
        if (!hasRoom(c, node)) statuses[i] = unfit(c, shortfall(c, node));
      }
    },
    scoreAll(_state, pod, nodes, count, out) {
      const nonZero = podInfoOf(pod).requests.nonZero;
      const memo = scores.forKey(nonZero);
      for (let i = 0; i < count; i++) {
        const node = nodes[i] as NodeInfo;
        let score = memo.get(node);
        if (!isStored(score)) {
          score = scorer(nonZero, node);
          memo.set(node, score);
        }
        out[i] = score;
      }
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
