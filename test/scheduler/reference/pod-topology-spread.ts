/**
 * PodTopologySpread's Filter as upstream writes it, plainly, for the
 * equivalence property (test/scheduler/reference-spread.property.test.ts):
 * no count indexes, no memo of the minimum. Shaped after
 * pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
 * (calPreFilterState, Filter) and common.go (countPodsMatchSelector,
 * matchNodeInclusionPolicies), for hard constraints given on the pod with
 * matchLabels selectors and the default inclusion policies (nodeAffinity
 * Honor: nodeSelector only here; nodeTaints Ignore). The scoring half is in
 * pod-topology-spread-scoring.ts.
 */
import type { Labels } from '../../../src/api/labels.js';
import type { Pod } from '../../../src/api/types/pod.js';
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';
import type { Status } from '../../../src/scheduler/framework/status.js';

export interface HardConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains: number;
  readonly matchLabels: Labels;
}

const NOT_MATCH = "node(s) didn't match pod topology spread constraints";
const LABEL_NOT_MATCH = `${NOT_MATCH} (missing required label)`;

export function selectorMatches(matchLabels: Labels, labels: Labels): boolean {
  return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
}

/** countPodsMatchSelector: non-terminating pods of the namespace whose labels match; an empty selector counts none. */
export function countPodsMatchSelector(nodeInfo: NodeInfo, matchLabels: Labels, namespace: string): number {
  if (Object.keys(matchLabels).length === 0) return 0;
  let count = 0;
  for (const info of nodeInfo.pods.values()) {
    if (info.pod.metadata.deletionTimestamp !== undefined || info.namespace !== namespace) continue;
    if (selectorMatches(matchLabels, info.labels)) count++;
  }
  return count;
}

/** matchNodeInclusionPolicies with nodeAffinityPolicy Honor (the pod's nodeSelector) and nodeTaintsPolicy Ignore. */
function nodeIncluded(pod: Pod, nodeInfo: NodeInfo): boolean {
  return selectorMatches(pod.spec.nodeSelector ?? {}, nodeInfo.labels);
}

export interface PreFilterState {
  readonly constraints: readonly HardConstraint[];
  /** Per constraint: topology value → matching pods. */
  readonly tpValueToMatchNum: ReadonlyArray<ReadonlyMap<string, number>>;
}

/** calPreFilterState. */
export function preFilter(pod: Pod, constraints: readonly HardConstraint[], allNodes: readonly NodeInfo[]): PreFilterState {
  const namespace = pod.metadata.namespace ?? 'default';
  const tpValueToMatchNum = constraints.map(() => new Map<string, number>());
  for (const nodeInfo of allNodes) {
    // nodeLabelsMatchSpreadConstraints: a node without every topology key is not counted.
    if (!constraints.every((c) => nodeInfo.labels[c.topologyKey] !== undefined)) continue;
    constraints.forEach((c, i) => {
      if (!nodeIncluded(pod, nodeInfo)) return;
      const value = nodeInfo.labels[c.topologyKey] as string;
      const counts = tpValueToMatchNum[i] as Map<string, number>;
      counts.set(value, (counts.get(value) ?? 0) + countPodsMatchSelector(nodeInfo, c.matchLabels, namespace));
    });
  }
  return { constraints, tpValueToMatchNum };
}

/** minMatchNum: the smallest count over the domains, or 0 while there are fewer domains than minDomains. */
function minMatchNum(state: PreFilterState, i: number): number {
  const counts = state.tpValueToMatchNum[i] as ReadonlyMap<string, number>;
  if (counts.size < (state.constraints[i] as HardConstraint).minDomains) return 0;
  return Math.min(...counts.values());
}

/** Filter. */
export function filter(state: PreFilterState, pod: Pod, nodeInfo: NodeInfo): Status {
  const podLabels = pod.metadata.labels ?? {};
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i] as HardConstraint;
    const tpValue = nodeInfo.labels[c.topologyKey];
    if (tpValue === undefined) return { code: 'UnschedulableAndUnresolvable', reasons: [LABEL_NOT_MATCH], plugin: 'PodTopologySpread' };
    const selfMatchNum = selectorMatches(c.matchLabels, podLabels) ? 1 : 0;
    const matchNum = state.tpValueToMatchNum[i]?.get(tpValue) ?? 0;
    const skew = matchNum + selfMatchNum - minMatchNum(state, i);
    if (skew > c.maxSkew) return { code: 'Unschedulable', reasons: [NOT_MATCH], plugin: 'PodTopologySpread' };
  }
  return { code: 'Success', reasons: [] };
}
