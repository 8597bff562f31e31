/**
 * InterPodAffinity (interpodaffinity/plugin.go): required pod affinity and
 * anti-affinity filter (filtering.ts), preferred terms score (scoring.ts).
 * Args: hardPodAffinityWeight (default 1, 0..100) and
 * ignorePreferredTermsOfExistingPods (default false). Weight 2 by default.
 */
import type { Node } from '../../../api/types/node.js';
import type { Pod } from '../../../api/types/pod.js';
import { ActionType } from '../../framework/cluster-events.js';
import type { CycleState, EnqueueExtensions, FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { podInfoOf, termMatches } from '../../framework/pod-info.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SKIP, SUCCESS, unschedulable, type Status } from '../../framework/status.js';
import { stateReader } from '../../framework/state-cache.js';
import { calPreFilterState, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY, filterNode, matchesAllTerms, updateWithPod, type PreFilterState } from './filtering.js';
import { normalize, preScore } from './scoring.js';
import type { TopologyCounts } from './topology-counts.js';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';
const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight?: number;
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

interface BlockedPairs {
  readonly idsOf: Int32Array[];
  /** Per entry, 1 at the value ids with a positive count: scratch shared by all cycles, cleared by the next. */
  readonly blocked: Uint8Array[];
  readonly statusOf: Status[];
}

const REJECTED_ANTI = unschedulable(INTER_POD_AFFINITY, ERR_REASON_ANTI_AFFINITY);
const REJECTED_EXISTING = unschedulable(INTER_POD_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY);

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
  let blockedFor: ({ state: CycleState } & BlockedPairs) | undefined;
  // One bitmap per entry of the blocked pairs, reused from cycle to cycle, and the ids marked in each.
  const bitmaps: Uint8Array[] = [];
  const marked: number[][] = [];
  /** Per topology key, the value ids with a positive anti-affinity count. */
  const blockedPairs = (s: PreFilterState): BlockedPairs => {
    for (let k = 0; k < marked.length; k++) {
      const bitmap = bitmaps[k] as Uint8Array;
      for (const id of marked[k] as number[]) bitmap[id] = 0;
      (marked[k] as number[]).length = 0;
    }
    const out: BlockedPairs = { idsOf: [], blocked: [], statusOf: [] };
    const collect = (key: string, counts: ReadonlyMap<string, number> | undefined, status: Status): void => {
      if (counts === undefined) return;
      const label = handle.listers.labelValueIds(key);
      const k = out.idsOf.length;
      let bitmap = bitmaps[k];
      if (bitmap === undefined || bitmap.length < label.values.length) {
        bitmap = new Uint8Array(Math.max(64, label.values.length * 2));
        bitmaps[k] = bitmap;
        marked[k] = [];
      }
      const ids = marked[k] as number[];
      for (const [value, n] of counts) {
        const id = label.idOf.get(value);
        if (n > 0 && id !== undefined && bitmap[id] === 0) {
          bitmap[id] = 1;
          ids.push(id);
        }
      }
      if (ids.length === 0) return;
      out.idsOf.push(label.ids);
      out.blocked.push(bitmap);
      out.statusOf.push(status);
    };
    for (const t of s.podInfo.requiredAntiAffinityTerms) collect(t.topologyKey, s.antiAffinityCounts.byKey.get(t.topologyKey), REJECTED_ANTI);
    for (const [key, counts] of s.existingAntiAffinityCounts.byKey) collect(key, counts, REJECTED_EXISTING);
    return out;
  };
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
        for (let i = 0; i < count; i++) {
          if (statuses[i] !== undefined) continue;
          const status = filterNode(s, nodes[i] as NodeInfo, INTER_POD_AFFINITY, nsLabels);
          if (status.code !== 'Success') statuses[i] = status;
        }
        return;
      }
      // Without affinity terms only the anti-affinity pairs matter: per topology key, a bitmap of the
      // value ids with a positive count, then per node two typed-array reads per key.
      // Built once per cycle state (the node search calls this once per chunk).
      if (blockedFor?.state !== state) blockedFor = { state, ...blockedPairs(s) };
      const { idsOf, blocked, statusOf } = blockedFor;
      const m = idsOf.length;
      if (m === 0) return;
      for (let i = 0; i < count; i++) {
        if (statuses[i] !== undefined) continue;
        const nodeId = (nodes[i] as NodeInfo).id;
        for (let k = 0; k < m; k++) {
          const id = (idsOf[k] as Int32Array)[nodeId] ?? -1;
          if (id >= 0 && (blocked[k] as Uint8Array)[id] === 1) {
            statuses[i] = statusOf[k];
            break;
          }
        }
      }
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
