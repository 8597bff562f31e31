/**
 * InterPodAffinity (interpodaffinity/plugin.go): required pod affinity and
 * anti-affinity filter (filtering.ts), preferred terms score (scoring.ts).
 * Args: hardPodAffinityWeight (default 1, 0..100) and
 * ignorePreferredTermsOfExistingPods (default false). Weight 2 by default.
 */
import type { Node } from '../../../api/types/node.js';
import type { Pod } from '../../../api/types/pod.js';
import { ActionType } from '../../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { podInfoOf, termMatches } from '../../framework/pod-info.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SKIP, SUCCESS } from '../../framework/status.js';
import { stateReader } from '../../framework/state-cache.js';
import { calPreFilterState, filterNode, matchesAllTerms, updateWithPod, type PreFilterState } from './filtering.js';
import { normalize, preScore } from './scoring.js';
import type { TopologyCounts } from './topology-counts.js';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';
const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight?: number;
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

export function validateInterPodAffinityArgs(args: InterPodAffinityArgs | undefined): Array<[string, string]> {
  const w = args?.hardPodAffinityWeight;
  if (w !== undefined && (!Number.isInteger(w) || w < 0 || w > 100)) return [['hardPodAffinityWeight', `Invalid value: ${w}: not in valid range [0-100]`]];
  return [];
}

export function interPodAffinity(args: InterPodAffinityArgs | undefined, handle: FrameworkHandle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const problems = validateInterPodAffinityArgs(args);
  if (problems.length > 0) throw new Error(problems.map(([f, m]) => `${f}: ${m}`).join('; '));
  const scoringArgs = { hardPodAffinityWeight: args?.hardPodAffinityWeight ?? 1, ignorePreferredTermsOfExistingPods: args?.ignorePreferredTermsOfExistingPods ?? false };
  const nsLabels = (ns: string) => handle.listers.namespaceLabels(ns);
  const preFilterState = stateReader<PreFilterState>(PRE_FILTER_KEY);
  const preScoreState = stateReader<TopologyCounts>(PRE_SCORE_KEY);
  return {
    name: INTER_POD_AFFINITY,
    preFilter(state, pod) {
      const s = calPreFilterState(handle, podInfoOf(pod));
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
          hint: (pod, oldObj, newObj) => {
            const original = oldObj as Pod | undefined;
            const modified = newObj as Pod | undefined;
            if ((modified !== undefined && (modified.spec.nodeName ?? '') === '') || (original !== undefined && (original.spec.nodeName ?? '') === '')) return 'QueueSkip';
            const info = podInfoOf(pod);
            const ownLabels = nsLabels(info.namespace);
            if (modified !== undefined) {
              const now = podInfoOf(modified);
              // An added or relabelled pod may satisfy the pod's affinity, or stop matching its anti-affinity.
              if (matchesAllTerms(info.requiredAffinityTerms, now, nsLabels)) {
                if (original === undefined || !matchesAllTerms(info.requiredAffinityTerms, podInfoOf(original), nsLabels)) return 'Queue';
              }
              if (original !== undefined) {
                const before = podInfoOf(original);
                const antiBefore = info.requiredAntiAffinityTerms.some((t) => termMatches(t, before, nsLabels(before.namespace)));
                const antiNow = info.requiredAntiAffinityTerms.some((t) => termMatches(t, now, nsLabels(now.namespace)));
                if (antiBefore && !antiNow) return 'Queue';
              }
              return 'QueueSkip';
            }
            // A deleted pod may have matched the pod's anti-affinity, or carried anti-affinity against it.
            const gone = podInfoOf(original as Pod);
            if (info.requiredAntiAffinityTerms.some((t) => termMatches(t, gone, nsLabels(gone.namespace)))) return 'Queue';
            return gone.requiredAntiAffinityTerms.some((t) => termMatches(t, info, ownLabels)) ? 'Queue' : 'QueueSkip';
          },
        },
        {
          event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
          hint: (pod, oldObj, newObj) => {
            const info = podInfoOf(pod);
            const modified = newObj as Node;
            const original = oldObj as Node | undefined;
            // Any new node may help a pod with anti-affinity; affinity needs the topology key.
            if (original === undefined && info.requiredAntiAffinityTerms.length > 0) return 'Queue';
            const keys = [...info.requiredAffinityTerms, ...info.requiredAntiAffinityTerms].map((t) => t.topologyKey);
            return keys.some((k) => modified.metadata.labels?.[k] !== undefined && modified.metadata.labels[k] !== original?.metadata.labels?.[k]) ? 'Queue' : 'QueueSkip';
          },
        },
      ];
    },
  };
}
