/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go).
 * Filter: spec.nodeSelector and the required node-affinity terms (ORed terms,
 * ANDed requirements) must match, plus the profile's addedAffinity. PreFilter
 * narrows the search to named nodes when every term pins metadata.name.
 * Score: the summed weights of matching preferred terms, normalized to
 * 0..100. Weight 2 by default.
 */
import type { Node } from '../../api/types/node.js';
import type { NodeSelectorTerm, Pod } from '../../api/types/pod.js';
import { ActionType } from '../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interfaces.js';
import { nodeSelectorMapMatches, nodeSelectorTermMatches, nodeSelectorTermsMatch } from '../../api/node-affinity.js';
import { SKIP, SUCCESS, unresolvable } from '../framework/status.js';
import { JsonKey } from '../framework/filter-verdicts.js';
import { defaultNormalizeScore, defaultNormalizeScores } from './normalize.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

export interface NodeAffinityArgs {
  /** Applied to every pod of the profile, in addition to the pod's own affinity. */
  readonly addedAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly nodeSelectorTerms: readonly NodeSelectorTerm[] };
    readonly preferredDuringSchedulingIgnoredDuringExecution?: ReadonlyArray<{ readonly weight: number; readonly preference: NodeSelectorTerm }>;
  };
}

interface WeightedTerm {
  readonly weight: number;
  readonly term: NodeSelectorTerm;
}

const PRE_SCORE_KEY = 'PreScoreNodeAffinity';
const REJECTED_POD = unresolvable(NODE_AFFINITY, ERR_REASON_POD);
const REJECTED_ENFORCED = unresolvable(NODE_AFFINITY, ERR_REASON_ENFORCED);

function requiredTerms(pod: Pod): readonly NodeSelectorTerm[] | undefined {
  return pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

/** GetRequiredNodeAffinity(pod).Match(node): nodeSelector and required terms. */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  if (!nodeSelectorMapMatches(pod.spec.nodeSelector, node)) return false;
  const terms = requiredTerms(pod);
  return terms === undefined || nodeSelectorTermsMatch(terms, node);
}

/** NewPreferredSchedulingTerms drops terms with weight 0 or no requirement. */
function preferredTerms(list: ReadonlyArray<{ readonly weight: number; readonly preference: NodeSelectorTerm }> | undefined): WeightedTerm[] {
  return (list ?? [])
    .filter((t) => t.weight !== 0 && ((t.preference.matchExpressions ?? []).length > 0 || (t.preference.matchFields ?? []).length > 0))
    .map((t) => ({ weight: t.weight, term: t.preference }));
}

/** PreFilter's node names: only when every required term pins metadata.name with In. */
function pinnedNodeNames(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  let union: Set<string> | undefined;
  for (const term of terms) {
    let names: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      names = names === undefined ? values : new Set([...names].filter((n) => values.has(n)));
    }
    if (names === undefined) return undefined;
    union = new Set([...(union ?? []), ...names]);
  }
  return union;
}

export function nodeAffinity(args: NodeAffinityArgs | undefined): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const addedTerms = args?.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const addedPreferred = preferredTerms(args?.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  const matchesAdded = (node: Node): boolean => addedTerms === undefined || nodeSelectorTermsMatch(addedTerms, node);
  const selectorKey = new JsonKey();
  const termsKey = new JsonKey();
  return {
    name: NODE_AFFINITY,
    preFilter(_state, pod) {
      const terms = requiredTerms(pod);
      const hasSelector = pod.spec.nodeSelector !== undefined && Object.keys(pod.spec.nodeSelector).length > 0;
      if (terms === undefined && !hasSelector && addedTerms === undefined) return { status: SKIP };
      if (terms === undefined) return { status: SUCCESS };
      const names = pinnedNodeNames(terms);
      if (names === undefined) return { status: SUCCESS };
      if (names.size === 0) return { status: unresolvable(NODE_AFFINITY, ERR_REASON_CONFLICT) };
      return { status: SUCCESS, nodeNames: names };
    },
    filter(_state, pod, nodeInfo) {
      const node = nodeInfo.node;
      if (!matchesAdded(node)) return REJECTED_ENFORCED;
      return podMatchesNodeSelectorAndAffinity(pod, node) ? SUCCESS : REJECTED_POD;
    },
    // The profile's addedAffinity is the same for every pod; each part is JSON or '', so '|' cannot be ambiguous.
    filterKey: (_state, pod) => `${selectorKey.of(pod.spec.nodeSelector)}|${termsKey.of(requiredTerms(pod))}`,
    preScore(state, pod) {
      const terms = [...addedPreferred, ...preferredTerms(pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)];
      if (terms.length === 0) return SKIP;
      state.write(PRE_SCORE_KEY, terms);
      return SUCCESS;
    },
    score(state, _pod, nodeInfo) {
      let total = 0;
      for (const t of state.read<WeightedTerm[]>(PRE_SCORE_KEY) ?? []) {
        if (nodeSelectorTermMatches(t.term, nodeInfo.node)) total += t.weight;
      }
      return total;
    },
    scoreAll(state, _pod, nodes, count, out) {
      const terms = state.read<WeightedTerm[]>(PRE_SCORE_KEY) ?? [];
      for (let i = 0; i < count; i++) {
        let total = 0;
        for (const t of terms) if (nodeSelectorTermMatches(t.term, (nodes[i] as NodeInfo).node)) total += t.weight;
        out[i] = total;
      }
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(100, false, scores);
    },
    normalizeAll(_state, _pod, _nodes, count, scores) {
      defaultNormalizeScores(100, false, scores, count);
    },
    eventsToRegister() {
      return [{
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
        hint: (pod, oldObj, newObj) => {
          const modified = newObj as Node;
          if (!matchesAdded(modified) || !podMatchesNodeSelectorAndAffinity(pod, modified)) return 'QueueSkip';
          const original = oldObj as Node | undefined;
          // A node that matched before is not what rejected the pod.
          return original === undefined || !matchesAdded(original) || !podMatchesNodeSelectorAndAffinity(pod, original) ? 'Queue' : 'QueueSkip';
        },
      }];
    },
  };
}
