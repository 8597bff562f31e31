/**
 * One scheduling attempt's algorithm (pkg/scheduler/schedule_one.go
 * schedulePod, findNodesThatFitPod, findNodesThatPassFilters,
 * prioritizeNodes, selectHost): PreFilter, the nominated node first, the
 * node search from the rotating start index until enough feasible nodes are
 * found, then PreScore, Score and the tie-break, or on failure PostFilter
 * (preemption) and the FitError message.
 */
import type { Pod } from '../api/types/pod.js';
import type { Framework, ScoreBreakdown } from './framework/framework.js';
import type { CycleState, QueuedPodInfo } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import type { ShapeVerdicts } from './framework/filter-verdicts.js';
import { isSuccess, type Status } from './framework/status.js';
import { countByStatus, fitErrorMessage, type NodeStatuses } from './fit-error.js';
import { traceFilters, type AttemptTrace } from './explain.js';
import { numFeasibleNodesToFind, selectHost, selectHostByNodeName } from './node-search.js';
import type { AttemptBuffers } from './attempt-buffers.js';
import type { SchedulingContext } from './scheduling-context.js';

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
const NO_POST_FILTER: ReturnType<Framework['runPostFilter']> = { result: undefined, messages: [] };

interface Search {
  /** Valid during this cycle only: the buffers' array, or the shape's (ShapeVerdicts.allFeasible). */
  readonly feasible: readonly NodeInfo[];
  readonly rejected: number;
  /** The rejected nodes and their statuses, in scan order (the first `rejected`): listed only for a failed attempt. */
  rejectedNodes(): readonly NodeInfo[];
  rejections(): readonly Status[];
  /** countByStatus of rejections(), when the search keeps it. */
  counts?(): ReadonlyMap<Status, number>;
  readonly evaluated: number;
  /** The shape's verdicts when searchAll went over the cache's node list (what BestNodes builds on). */
  readonly kept?: ShapeVerdicts;
}

/**
 * The statuses of a failed attempt. The FitError message and the rejecting
 * plugins need only the statuses (`values`); the name-keyed map PostFilter
 * reads is built only when a PostFilter plugin runs.
 */
interface Rejections extends NodeStatuses {
  byNode(): Map<string, Status>;
}

function searchRejections(found: Search): Rejections {
  let counts: ReadonlyMap<Status, number> | undefined;
  return {
    size: found.rejected,
    countsKept: found.counts !== undefined,
    values: () => found.rejections().slice(0, found.rejected),
    counts: () => (counts ??= found.counts?.() ?? countByStatus(found.rejections().slice(0, found.rejected))),
    byNode: () => {
      const rejectedNodes = found.rejectedNodes();
      const rejections = found.rejections();
      const statuses = new Map<string, Status>();
      for (let i = 0; i < found.rejected; i++) statuses.set((rejectedNodes[i] as NodeInfo).name, rejections[i] as Status);
      return statuses;
    },
  };
}

function rejectorsOf(statuses: NodeStatuses, extra: readonly string[]): { rejectors: Set<string>; pending: Set<string> } {
  const rejectors = new Set(extra);
  const pending = new Set<string>();
  for (const status of (statuses.counts?.() ?? countByStatus(statuses.values())).keys()) {
    if (status.plugin === undefined) continue;
    if (status.code === 'Pending') pending.add(status.plugin);
    else rejectors.add(status.plugin);
  }
  return { rejectors, pending };
}

/**
 * findNodesThatPassFilters: from the rotating start, until `wanted` feasible
 * nodes. Without nominated pods the nodes go through the filters in chunks
 * of (wanted − found), plugin by plugin: a chunk can only complete the
 * search at its last node, so exactly the same nodes are examined as one by
 * one.
 */
function search(context: SchedulingContext, buffers: AttemptBuffers, framework: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[], numAllNodes: number): Search {
  const wanted = framework.scorePlugins.length === 0 ? 1 : numFeasibleNodesToFind(nodes.length, framework.percentageOfNodesToScore);
  const filters = framework.activeFilters(state);
  const verdicts = context.nominator.size > 0 ? undefined : framework.verdictsFor(state, pod, filters);
  const runBatch = (batch: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>): void => framework.runFilterBatch(state, pod, batch, count, statuses, filters);
  const n = nodes.length;
  const start = context.nextStartNodeIndex;
  if (verdicts !== undefined && wanted >= n && start % n === 0 && nodes === context.cache.nodes()) {
    // Every node from the first, the cache's list: only the nodes changed since this shape's last pod are filtered.
    verdicts.searchAll(nodes, context.cache.changes, runBatch);
    context.nextStartNodeIndex = (start + n) % numAllNodes;
    return {
      feasible: verdicts.allFeasible, rejected: verdicts.rejectedCount, evaluated: n,
      rejectedNodes: () => verdicts.allRejected, rejections: () => verdicts.allRejections, counts: () => verdicts.rejectionCounts(), kept: verdicts,
    };
  }
  const { feasible, rejectedNodes, rejections, chunkNodes, chunkStatuses } = buffers;
  let found = 0;
  let rejected = 0;
  let evaluated = 0;
  if (verdicts !== undefined) {
    // One pass from the start, reading back the verdicts of unchanged nodes (every node when wanted >= n).
    const scan = { feasible, rejectedNodes, rejections, found: 0, rejected: 0 };
    evaluated = verdicts.search(nodes, n === 0 ? 0 : start % n, wanted, runBatch, scan);
    found = scan.found;
    rejected = scan.rejected;
  } else if (context.nominator.size > 0) {
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
      runBatch(batch, chunk, chunkStatuses);
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
  context.nextStartNodeIndex = numAllNodes === 0 ? 0 : (start + evaluated) % numAllNodes;
  return { feasible, rejected, evaluated, rejectedNodes: () => rejectedNodes, rejections: () => rejections };
}

function preFilterVerdicts(framework: Framework, state: CycleState, rejection: Status | undefined): AttemptTrace['preFilter'] {
  return framework.preFilterPlugins.map((p) => {
    if (rejection?.plugin === p.name) return { plugin: p.name, code: rejection.code, reasons: rejection.reasons };
    return { plugin: p.name, code: state.skipFilterPlugins.has(p.name) ? 'Skip' : 'Success', reasons: [] };
  });
}

export function runAttempt(context: SchedulingContext, buffers: AttemptBuffers, framework: Framework, state: CycleState, info: QueuedPodInfo): AttemptResult {
  const pod = info.pod;
  const all = context.cache.nodes();
  const tracer = context.tracer;
  const nowMs = context.sim.nowMs;
  const trace: AttemptTrace | undefined = tracer?.wants(pod, nowMs) === true
    ? { pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, atMs: nowMs, profile: framework.profileName, attempt: info.attempts, preFilter: [], nodes: [], evaluatedNodes: 0, scoredNodes: [], scores: [], totals: [], outcome: '' }
    : undefined;
  const result = attempt(context, buffers, framework, state, pod, all, trace);
  if (trace !== undefined && tracer !== undefined) {
    trace.outcome = result.kind === 'scheduled' ? `scheduled on ${result.nodeName}` : result.message;
    tracer.record(trace);
  }
  return result;
}

function attempt(context: SchedulingContext, buffers: AttemptBuffers, framework: Framework, state: CycleState, pod: Pod, all: readonly NodeInfo[], trace: AttemptTrace | undefined): AttemptResult {
  if (all.length === 0) return { kind: 'unschedulable', message: 'no nodes available to schedule pods', rejectors: NO_PLUGINS, pending: NO_PLUGINS, evaluatedNodes: 0, scoredNodes: 0 };
  const preFilter = context.timed('PreFilter', () => framework.runPreFilter(state, pod, all));
  if (trace !== undefined) {
    trace.preFilter = preFilterVerdicts(framework, state, isSuccess(preFilter.status) ? undefined : preFilter.status);
    if (isSuccess(preFilter.status)) trace.nodes = traceFilters(framework, state.clone(), pod, all);
  }
  if (preFilter.status.code === 'Error') return { kind: 'error', message: preFilter.status.reasons.join(', '), rejectors: NO_PLUGINS };
  if (!isSuccess(preFilter.status)) {
    const statuses = new Map(all.map((n) => [n.name, preFilter.status] as const));
    return failed(context, framework, state, pod, all.length, { size: statuses.size, values: () => statuses.values(), byNode: () => statuses }, [], preFilter.status.reasons.join(', '), 0);
  }
  const allowed = preFilter.nodeNames;
  const candidates = allowed === undefined ? all : all.filter((n) => allowed.has(n.name));
  const absent = allowed === undefined ? [] : [`node(s) didn't satisfy plugin(s) [${(preFilter.nodeNamePlugins ?? []).join(', ')}]`];

  // A pod nominated by an earlier preemption tries that node first (evaluateNominatedNode).
  const nominated = pod.status?.nominatedNodeName ?? '';
  const nominatedNode = nominated === '' ? undefined : candidates.find((n) => n.name === nominated);
  if (nominatedNode !== undefined) {
    const nominatedStatus = context.timed('Filter', () => framework.runFilterWithNominatedPods(state, pod, nominatedNode));
    if (isSuccess(nominatedStatus)) {
      if (trace !== undefined) trace.evaluatedNodes = 1;
      return { kind: 'scheduled', nodeName: nominatedNode.name, evaluatedNodes: 1, scoredNodes: 0 };
    }
  }
  const found = context.timed('Filter', () => search(context, buffers, framework, state, pod, candidates, all.length));
  if (trace !== undefined) trace.evaluatedNodes = found.evaluated;
  if (found.feasible.length === 0) {
    // The search, finding nothing, went through every candidate: the nominated node has its status there.
    return failed(context, framework, state, pod, all.length, searchRejections(found), absent, undefined, found.evaluated, preFilter.nodeNamePlugins ?? []);
  }
  if (found.feasible.length === 1) {
    const only = found.feasible[0] as NodeInfo;
    return { kind: 'scheduled', nodeName: only.name, evaluatedNodes: found.evaluated, scoredNodes: 0 };
  }
  const preScore = context.timed('PreScore', () => framework.runPreScore(state, pod, found.feasible));
  if (!isSuccess(preScore)) return { kind: 'error', message: preScore.reasons.join(', '), rejectors: NO_PLUGINS };
  const n = found.feasible.length;
  // The only plugin scoring knows the one node it scores above 0 (Random's draw): the single highest total, no tie.
  const sole = trace === undefined ? framework.soleScored(state, pod) : undefined;
  if (sole !== undefined) return { kind: 'scheduled', nodeName: sole.name, evaluatedNodes: found.evaluated, scoredNodes: n };
  const kept = found.kept;
  const keptKey = kept === undefined || trace !== undefined || !context.tieBreakByNodeName ? undefined : framework.keptScoreKey(state, pod);
  if (kept !== undefined && keptKey !== undefined) {
    const changes = context.cache.changes;
    const ranks = context.cache.nameRanks();
    const place = context.timed('Score', () => kept.bestFor(keptKey).update(kept, changes, ranks, (nodes, count, out) => framework.scoreTotals(state, pod, nodes, count, out)));
    // INVALID_TOTAL: scored the plain way below, which reports the score out of range.
    if (place >= 0) {
      const chosen = kept.nodeOrder[place] as NodeInfo;
      // Scored again: what a plugin records for the chosen node in this cycle (FGD's device) is there for Reserve.
      framework.scoreAgain(state, pod, chosen);
      return { kind: 'scheduled', nodeName: chosen.name, evaluatedNodes: found.evaluated, scoredNodes: n };
    }
  }
  const totals = buffers.totals(n);
  const breakdown: ScoreBreakdown[] | undefined = trace === undefined ? undefined : [];
  const scored = context.timed('Score', () => framework.runScore(state, pod, found.feasible, totals, breakdown));
  if (!isSuccess(scored)) return { kind: 'error', message: scored.reasons.join(', '), rejectors: NO_PLUGINS };
  const chosen = context.tieBreakByNodeName ? selectHostByNodeName(totals, found.feasible, context.cache.nameRanks()) : selectHost(totals, n, context.tieBreak);
  if (trace !== undefined) {
    trace.scoredNodes = found.feasible.map((f) => f.name);
    trace.scores = breakdown ?? [];
    trace.totals = Array.from(totals.subarray(0, n));
  }
  return { kind: 'scheduled', nodeName: (found.feasible[chosen] as NodeInfo).name, evaluatedNodes: found.evaluated, scoredNodes: n };
}

/** FitError: PostFilter (preemption), then the FailedScheduling message. */
function failed(
  context: SchedulingContext, framework: Framework, state: CycleState, pod: Pod, numAllNodes: number, statuses: Rejections,
  absentReasons: readonly string[], preFilterMessage: string | undefined, evaluated: number, narrowing: readonly string[] = [],
): AttemptResult {
  const { rejectors, pending } = rejectorsOf(statuses, narrowing);
  const post = framework.postFilterPlugins.length === 0 ? NO_POST_FILTER : context.timed('PostFilter', () => framework.runPostFilter(state, pod, statuses.byNode()));
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
