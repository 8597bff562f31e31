/**
 * One scheduling attempt's algorithm (schedule_one.go schedulePod,
 * findNodesThatFitPod, findNodesThatPassFilters, prioritizeNodes;
 * k8s-scheduler.md §1.4, §7, §8): PreFilter, the nominated node first, the
 * node search from the rotating start index until enough feasible nodes are
 * found, then PreScore, Score and the tie-break, or on failure PostFilter
 * (preemption) and the FitError message.
 */
import type { Pod } from '../api/types/pod.js';
import type { Framework, ScoreBreakdown } from './framework/framework.js';
import type { CycleState, QueuedPodInfo } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import { isSuccess, type Status } from './framework/status.js';
import { fitErrorMessage } from './fit-error.js';
import { traceFilters, type AttemptTrace } from './explain.js';
import { numFeasibleNodesToFind, selectHost, selectHostByNodeName } from './node-search.js';
import type { Scheduler } from './scheduler.js';

export type AttemptResult =
  | { readonly kind: 'scheduled'; readonly nodeName: string; readonly evaluatedNodes: number; readonly scoredNodes: number }
  | {
    readonly kind: 'unschedulable';
    readonly message: string;
    readonly rejectors: ReadonlySet<string>;
    readonly pending: ReadonlySet<string>;
    /** From PostFilter: a node to nominate, or '' to clear the nomination. */
    readonly nominatedNodeName?: string;
    readonly evaluatedNodes: number;
    readonly scoredNodes: number;
  }
  | { readonly kind: 'error'; readonly message: string; readonly rejectors: ReadonlySet<string> };

const NO_PLUGINS: ReadonlySet<string> = new Set();
let totalsBuffer = new Float64Array(1024);

interface Search {
  readonly feasible: NodeInfo[];
  /** How many of `rejectedNodes` / `rejections` this search filled. */
  readonly rejected: number;
  readonly evaluated: number;
}

/**
 * The rejected nodes of the last search and their statuses, in scan order.
 * Only a failed attempt reads them (FitError, PostFilter), so the search
 * keeps them in reused buffers and the name-keyed map is built on failure:
 * a GPU pod on a cluster of busy GPU nodes rejects a thousand nodes per
 * successful cycle.
 */
const rejectedNodes: NodeInfo[] = [];
const rejections: Status[] = [];

function statusesOf(found: Search): Map<string, Status> {
  const statuses = new Map<string, Status>();
  for (let i = 0; i < found.rejected; i++) statuses.set((rejectedNodes[i] as NodeInfo).name, rejections[i] as Status);
  return statuses;
}

function rejectorsOf(statuses: ReadonlyMap<string, Status>, extra: readonly string[]): { rejectors: Set<string>; pending: Set<string> } {
  const rejectors = new Set(extra);
  const pending = new Set<string>();
  for (const status of statuses.values()) {
    if (status.plugin === undefined) continue;
    if (status.code === 'Pending') pending.add(status.plugin);
    else rejectors.add(status.plugin);
  }
  return { rejectors, pending };
}

const chunkNodes: NodeInfo[] = [];
/**
 * The feasible nodes of the current cycle, handed to PreScore and Score:
 * one list reused from cycle to cycle (500 nodes of a 5,000-node cluster
 * made 4 KB of garbage per pod), so plugins must not keep it past the
 * cycle (docs/scheduler.md, plugins).
 */
const feasibleNodes: NodeInfo[] = [];
/** Filter verdicts of one chunk, undefined again once read (runFilterBatch expects it so). */
const chunkStatuses: Array<Status | undefined> = [];

/**
 * findNodesThatPassFilters: from the rotating start, until `wanted` feasible
 * nodes. Without nominated pods the nodes go through the filters in chunks
 * of (wanted − found), plugin by plugin: a chunk can only complete the
 * search at its last node, so exactly the same nodes are examined as one by
 * one.
 */
function search(scheduler: Scheduler, framework: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[], numAllNodes: number): Search {
  const wanted = framework.scorePlugins.length === 0 ? 1 : numFeasibleNodesToFind(nodes.length, framework.percentageOfNodesToScore);
  const filters = framework.activeFilters(state);
  const n = nodes.length;
  const feasible = feasibleNodes;
  let found = 0;
  let rejected = 0;
  const start = scheduler.nextStartNodeIndex;
  let evaluated = 0;
  if (scheduler.nominator.size > 0) {
    for (; evaluated < n && found < wanted; evaluated++) {
      const node = nodes[(start + evaluated) % n] as NodeInfo;
      const status = framework.runFilterWithNominatedPods(state, pod, node, filters);
      if (status.code === 'Success') feasible[found++] = node;
      else {
        rejectedNodes[rejected] = node;
        rejections[rejected++] = status;
      }
    }
  } else {
    while (evaluated < n && found < wanted) {
      const chunk = Math.min(wanted - found, n - evaluated);
      // The first chunk is filtered where its feasible nodes stay, and compacted in place.
      const batch = found === 0 ? feasible : chunkNodes;
      let index = (start + evaluated) % n;
      for (let k = 0; k < chunk; k++) {
        batch[k] = nodes[index] as NodeInfo;
        if (++index === n) index = 0;
      }
      while (chunkStatuses.length < chunk) chunkStatuses.push(undefined);
      framework.runFilterBatch(state, pod, batch, chunk, chunkStatuses, filters);
      for (let k = 0; k < chunk; k++) {
        const node = batch[k] as NodeInfo;
        const status = chunkStatuses[k];
        if (status === undefined) {
          if (found !== k || batch !== feasible) feasible[found] = node;
          found++;
        } else {
          chunkStatuses[k] = undefined;
          rejectedNodes[rejected] = node;
          rejections[rejected++] = status;
        }
      }
      evaluated += chunk;
    }
  }
  feasible.length = found;
  scheduler.nextStartNodeIndex = numAllNodes === 0 ? 0 : (start + evaluated) % numAllNodes;
  return { feasible, rejected, evaluated };
}

function preFilterVerdicts(framework: Framework, state: CycleState, rejection: Status | undefined): AttemptTrace['preFilter'] {
  return framework.preFilterPlugins.map((p) => {
    if (rejection?.plugin === p.name) return { plugin: p.name, code: rejection.code, reasons: rejection.reasons };
    return { plugin: p.name, code: state.skipFilterPlugins.has(p.name) ? 'Skip' : 'Success', reasons: [] };
  });
}

export function runAttempt(scheduler: Scheduler, framework: Framework, state: CycleState, info: QueuedPodInfo): AttemptResult {
  const pod = info.pod;
  const all = scheduler.cache.nodes();
  const tracer = scheduler.options.tracer;
  const trace: AttemptTrace | undefined = tracer?.wants(pod, scheduler.sim.nowMs) === true
    ? { pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, atMs: scheduler.sim.nowMs, profile: framework.profileName, attempt: info.attempts, preFilter: [], nodes: [], evaluatedNodes: 0, scoredNodes: [], scores: [], totals: [], outcome: '' }
    : undefined;
  const result = attempt(scheduler, framework, state, pod, all, trace);
  if (trace !== undefined && tracer !== undefined) {
    trace.outcome = result.kind === 'scheduled' ? `scheduled on ${result.nodeName}` : result.message;
    tracer.record(trace);
  }
  return result;
}

function attempt(scheduler: Scheduler, framework: Framework, state: CycleState, pod: Pod, all: readonly NodeInfo[], trace: AttemptTrace | undefined): AttemptResult {
  if (all.length === 0) return { kind: 'unschedulable', message: 'no nodes available to schedule pods', rejectors: NO_PLUGINS, pending: NO_PLUGINS, evaluatedNodes: 0, scoredNodes: 0 };
  const preFilter = scheduler.timed('PreFilter', () => framework.runPreFilter(state, pod, all));
  if (trace !== undefined) {
    (trace as { preFilter: AttemptTrace['preFilter'] }).preFilter = preFilterVerdicts(framework, state, isSuccess(preFilter.status) ? undefined : preFilter.status);
    if (isSuccess(preFilter.status)) (trace as { nodes: AttemptTrace['nodes'] }).nodes = traceFilters(framework, state.clone(), pod, all);
  }
  if (preFilter.status.code === 'Error') return { kind: 'error', message: preFilter.status.reasons.join(', '), rejectors: NO_PLUGINS };
  if (!isSuccess(preFilter.status)) {
    const statuses = new Map(all.map((n) => [n.name, preFilter.status] as const));
    return failed(scheduler, framework, state, pod, all.length, statuses, [], preFilter.status.reasons.join(', '), 0);
  }
  const allowed = preFilter.nodeNames;
  const candidates = allowed === undefined ? all : all.filter((n) => allowed.has(n.name));
  const absent = allowed === undefined ? [] : [`node(s) didn't satisfy plugin(s) [${(preFilter.nodeNamePlugins ?? []).join(', ')}]`];

  // A pod nominated by an earlier preemption tries that node first (evaluateNominatedNode).
  const nominated = pod.status?.nominatedNodeName ?? '';
  const nominatedNode = nominated === '' ? undefined : candidates.find((n) => n.name === nominated);
  let nominatedStatus: Status | undefined;
  if (nominatedNode !== undefined) {
    nominatedStatus = scheduler.timed('Filter', () => framework.runFilterWithNominatedPods(state, pod, nominatedNode));
    if (isSuccess(nominatedStatus)) {
      if (trace !== undefined) trace.evaluatedNodes = 1;
      return { kind: 'scheduled', nodeName: nominatedNode.name, evaluatedNodes: 1, scoredNodes: 0 };
    }
  }
  const found = scheduler.timed('Filter', () => search(scheduler, framework, state, pod, candidates, all.length));
  if (trace !== undefined) trace.evaluatedNodes = found.evaluated;
  if (found.feasible.length === 0) {
    const statuses = statusesOf(found);
    if (nominatedStatus !== undefined && nominatedNode !== undefined && !statuses.has(nominatedNode.name)) statuses.set(nominatedNode.name, nominatedStatus);
    return failed(scheduler, framework, state, pod, all.length, statuses, absent, undefined, found.evaluated, preFilter.nodeNamePlugins ?? []);
  }
  if (found.feasible.length === 1) {
    const only = found.feasible[0] as NodeInfo;
    return { kind: 'scheduled', nodeName: only.name, evaluatedNodes: found.evaluated, scoredNodes: 0 };
  }
  const preScore = scheduler.timed('PreScore', () => framework.runPreScore(state, pod, found.feasible));
  if (!isSuccess(preScore)) return { kind: 'error', message: preScore.reasons.join(', '), rejectors: NO_PLUGINS };
  const n = found.feasible.length;
  if (totalsBuffer.length < n) totalsBuffer = new Float64Array(n * 2);
  const breakdown: ScoreBreakdown[] | undefined = trace === undefined ? undefined : [];
  const scored = scheduler.timed('Score', () => framework.runScore(state, pod, found.feasible, totalsBuffer, breakdown));
  if (!isSuccess(scored)) return { kind: 'error', message: scored.reasons.join(', '), rejectors: NO_PLUGINS };
  const chosen = scheduler.options.tieBreak === 'nodeName' ? selectHostByNodeName(totalsBuffer, found.feasible) : selectHost(totalsBuffer, n, scheduler.tieBreak);
  if (trace !== undefined) {
    trace.scoredNodes = found.feasible.map((f) => f.name);
    trace.scores = breakdown ?? [];
    trace.totals = Array.from(totalsBuffer.subarray(0, n));
  }
  return { kind: 'scheduled', nodeName: (found.feasible[chosen] as NodeInfo).name, evaluatedNodes: found.evaluated, scoredNodes: n };
}

/** FitError: PostFilter (preemption), then the FailedScheduling message. */
function failed(scheduler: Scheduler, framework: Framework, state: CycleState, pod: Pod, numAllNodes: number, statuses: Map<string, Status>, absentReasons: readonly string[], preFilterMessage: string | undefined, evaluated: number, narrowing: readonly string[] = []): AttemptResult {
  const { rejectors, pending } = rejectorsOf(statuses, narrowing);
  const post = scheduler.timed('PostFilter', () => framework.runPostFilter(state, pod, statuses));
  const message = fitErrorMessage({
    numAllNodes,
    statuses,
    absentReasons,
    ...(preFilterMessage === undefined ? {} : { preFilterMessage }),
    ...(post.messages.length === 0 ? {} : { postFilterMessage: post.messages.join(', ') }),
  });
  const nominatedNodeName = post.result?.nominatedNodeName;
  return {
    kind: 'unschedulable',
    message,
    rejectors,
    pending,
    ...(nominatedNodeName === undefined ? {} : { nominatedNodeName }),
    evaluatedNodes: evaluated,
    scoredNodes: 0,
  };
}
