/**
 * InterPodAffinity (interpodaffinity/plugin.go): required pod affinity and
 * anti-affinity filter (filtering.ts; the batch form in blocked-pairs.ts),
 * preferred terms score (scoring.ts), queueing hints (queueing-hints.ts).
 * Args: hardPodAffinityWeight (default 1, 0..100) and
 * ignorePreferredTermsOfExistingPods (default false). Weight 2 by default.
 */
import type { Labels } from '../../../api/labels.js';
import { ActionType } from '../../framework/cluster-events.js';
import type { CycleState, EnqueueExtensions, FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { podInfoOf } from '../../framework/pod-info.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SKIP, SUCCESS, unschedulable, type Status } from '../../framework/status.js';
import { stateReader } from '../../framework/state-cache.js';
import { BlockedPairsBuilder, rejectBlocked, type BlockedPairs } from './blocked-pairs.js';
import { calPreFilterState, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY, filterNode, updateWithPod, type PreFilterState } from './filtering.js';
import { isSchedulingHintForNodeEvent, isSchedulingHintForPodEvent } from './queueing-hints.js';
import { normalize, preScore } from './scoring.js';
import type { TopologyCounts } from './topology-counts.js';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';
const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight?: number;
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

const REJECTED_ANTI = unschedulable(INTER_POD_AFFINITY, ERR_REASON_ANTI_AFFINITY);
const REJECTED_EXISTING = unschedulable(INTER_POD_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY);

export function validateInterPodAffinityArgs(args: InterPodAffinityArgs | undefined): Array<[string, string]> {
  const w = args?.hardPodAffinityWeight;
  if (w !== undefined && (!Number.isInteger(w) || w < 0 || w > 100)) return [['hardPodAffinityWeight', `Invalid value: ${w}: not in valid range [0-100]`]];
  return [];
}

/** Filter node by node into `statuses`, for a pod with required affinity terms. */
function filterEach(s: PreFilterState, nodes: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>, nsLabels: (ns: string) => Labels | undefined): void {
  for (let i = 0; i < count; i++) {
    if (statuses[i] !== undefined) continue;
    const status = filterNode(s, nodes[i] as NodeInfo, INTER_POD_AFFINITY, nsLabels);
    if (status.code !== 'Success') statuses[i] = status;
  }
}

export function interPodAffinity(args: InterPodAffinityArgs | undefined, handle: FrameworkHandle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const problems = validateInterPodAffinityArgs(args);
  if (problems.length > 0) throw new Error(problems.map(([f, m]) => `${f}: ${m}`).join('; '));
  const scoringArgs = { hardPodAffinityWeight: args?.hardPodAffinityWeight ?? 1, ignorePreferredTermsOfExistingPods: args?.ignorePreferredTermsOfExistingPods ?? false };
  const nsLabels = (ns: string) => handle.listers.namespaceLabels(ns);
  const preFilterState = stateReader<PreFilterState>(PRE_FILTER_KEY);
  const blockedPairs = new BlockedPairsBuilder(handle.listers, REJECTED_ANTI, REJECTED_EXISTING);
  // Built once per cycle state: the node search calls filterAll once per chunk of nodes.
  let blockedFor: { state: CycleState; pairs: BlockedPairs } | undefined;
  const preScoreState = stateReader<TopologyCounts>(PRE_SCORE_KEY);
  return {
    name: INTER_POD_AFFINITY,
    preFilter(state, pod) {
      const info = podInfoOf(pod);
      // What the Skip below decides, without building the empty counts of a plain pod.
      if (info.requiredAffinityTerms.length === 0 && info.requiredAntiAffinityTerms.length === 0 && !handle.podCounts.anyHolders('requiredAntiAffinity')) return { status: SKIP };
      const s = calPreFilterState(handle, info);
      if (!s.existingAntiAffinityCounts.hasAny() && s.podInfo.requiredAffinityTerms.length === 0 && s.podInfo.requiredAntiAffinityTerms.length === 0) return { status: SKIP };
      state.write(PRE_FILTER_KEY, s);
      return { status: SUCCESS };
    },
    addPod(state, _pod, podToAdd, nodeInfo) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (s !== undefined) updateWithPod(s, podToAdd, nodeInfo.node, 1, nsLabels);
      return SUCCESS;
    },
    removePod(state, _pod, podToRemove, nodeInfo) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (s !== undefined) updateWithPod(s, podToRemove, nodeInfo.node, -1, nsLabels);
      return SUCCESS;
    },
    filter(state, _pod, nodeInfo) {
      const s = preFilterState(state);
      return s === undefined ? SUCCESS : filterNode(s, nodeInfo, INTER_POD_AFFINITY, nsLabels);
    },
    filterAll(state, _pod, nodes, count, statuses) {
      const s = preFilterState(state);
      if (s === undefined) return;
      if (s.podInfo.requiredAffinityTerms.length > 0) {
        filterEach(s, nodes, count, statuses, nsLabels);
        return;
      }
      if (blockedFor?.state !== state) blockedFor = { state, pairs: blockedPairs.build(s) };
      rejectBlocked(blockedFor.pairs, nodes, count, statuses);
    },
    preScore(state, pod) {
      const scores = preScore(handle, podInfoOf(pod), scoringArgs);
      if (scores === undefined) return SKIP;
      state.write(PRE_SCORE_KEY, scores);
      return SUCCESS;
    },
    score(state, _pod, nodeInfo) {
      return preScoreState(state)?.sumFor(nodeInfo.labels) ?? 0;
    },
    scoreAll(state, _pod, nodes, count, out) {
      const s = preScoreState(state);
      for (let i = 0; i < count; i++) out[i] = s?.sumFor((nodes[i] as NodeInfo).labels) ?? 0;
    },
    normalizeScore(state, _pod, scores) {
      if (state.read<TopologyCounts>(PRE_SCORE_KEY)?.byKey.size === 0) return;
      normalize(scores);
    },
    normalizeAll(state, _pod, _nodes, count, scores) {
      if (preScoreState(state)?.byKey.size === 0) return;
      const list = Array.from(scores.subarray(0, count), (score) => ({ name: '', score }));
      normalize(list);
      list.forEach((s, i) => (scores[i] = s.score));
    },
    eventsToRegister() {
      return [
        {
          event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
          hint: (pod, oldObj, newObj) => isSchedulingHintForPodEvent(pod, oldObj, newObj, nsLabels),
        },
        // No UpdateNodeTaint: upstream adds it only with the SchedulerQueueingHints gate off, to catch a NodeAdd that preCheck
        // dropped (kubernetes/kubernetes#109437); with hints on, as here, there is no preCheck and a taint never changes this
        // plugin's verdict (interpodaffinity/plugin.go EventsToRegister).
        { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel }, hint: isSchedulingHintForNodeEvent },
      ];
    },
  };
}
