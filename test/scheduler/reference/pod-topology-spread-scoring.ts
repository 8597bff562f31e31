/**
 * PodTopologySpread's scoring as upstream writes it, plainly, for the
 * equivalence property (test/scheduler/reference-spread-score.property.test.ts):
 * maps of topology values counted by walking the pods of every node, no
 * count indexes, value ids or batch passes. Shaped after
 * pkg/scheduler/framework/plugins/podtopologyspread/scoring.go
 * (initPreScoreState, PreScore, Score, NormalizeScore,
 * topologyNormalizingWeight, scoreForCount), common.go
 * (filterTopologySpreadConstraints, matchNodeInclusionPolicies,
 * nodeLabelsMatchSpreadConstraints) and plugin.go (buildDefaultConstraints,
 * systemDefaultConstraints), for matchLabels selectors, matchLabelKeys, a
 * nodeSelector as the pod's node affinity, and a default selector from
 * Services and a controlling ReplicaSet with matchLabels selectors
 * (pkg/scheduler/framework/plugins/helper/spread.go DefaultSelector).
 */
import type { Labels } from '../../../src/api/labels.js';
import type { Taint } from '../../../src/api/types/node.js';
import type { Pod, Toleration, TopologySpreadConstraint } from '../../../src/api/types/pod.js';
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';
import { countPodsMatchSelector, selectorMatches } from './pod-topology-spread.js';

const LABEL_HOSTNAME = 'kubernetes.io/hostname';

export interface SoftConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly matchLabels: Labels;
  readonly nodeAffinityPolicy: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** PodTopologySpreadArgs: System defaulting (the two constraints below), or List with the profile's own. */
export interface SpreadArgs {
  readonly defaultingType: 'System' | 'List';
  readonly defaultConstraints: readonly TopologySpreadConstraint[];
}

/** plugin.go systemDefaultConstraints. */
const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { maxSkew: 3, topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' },
  { maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
];

/** filterTopologySpreadConstraints for ScheduleAnyway: matchLabelKeys add the pod's own values; policies default to Honor / Ignore. */
function filterTopologySpreadConstraints(constraints: readonly TopologySpreadConstraint[], podLabels: Labels): SoftConstraint[] {
  return constraints.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway').map((c) => {
    const matchLabels: Record<string, string> = { ...(c.labelSelector?.matchLabels ?? {}) };
    for (const key of c.matchLabelKeys ?? []) {
      const value = podLabels[key];
      if (value !== undefined) matchLabels[key] = value;
    }
    return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, matchLabels, nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor', nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore' };
  });
}

/** What DefaultSelector reads: the Services, and the matchLabels of the ReplicaSets by namespace/name. */
export interface Selectors {
  readonly services: ReadonlyArray<{ namespace: string; selector: Labels }>;
  readonly replicaSets: ReadonlyMap<string, Labels>;
}

/**
 * DefaultSelector: the selectors of the pod's namespace's Services that
 * select it, merged, ANDed with its controlling ReplicaSet's selector (for
 * matchLabels, ANDing is the union of the pairs).
 */
function defaultSelector(pod: Pod, from: Selectors): Labels {
  const labels = pod.metadata.labels ?? {};
  const namespace = pod.metadata.namespace ?? 'default';
  const merged: Record<string, string> = {};
  for (const service of from.services) {
    if (service.namespace === namespace && selectorMatches(service.selector, labels)) Object.assign(merged, service.selector);
  }
  const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller === true);
  if (owner?.kind === 'ReplicaSet') Object.assign(merged, from.replicaSets.get(`${namespace}/${owner.name}`) ?? {});
  return merged;
}

/** The pod's own soft constraints, else the defaults with its default selector (none when that selector is empty: buildDefaultConstraints). */
export function softConstraints(pod: Pod, args: SpreadArgs, selectors: Selectors): SoftConstraint[] {
  const labels = pod.metadata.labels ?? {};
  const own = pod.spec.topologySpreadConstraints ?? [];
  if (own.length > 0) return filterTopologySpreadConstraints(own, labels);
  const defaults = args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
  const selector = defaultSelector(pod, selectors);
  if (Object.keys(selector).length === 0) return [];
  return filterTopologySpreadConstraints(defaults, labels).map((c) => ({ ...c, matchLabels: selector }));
}

function tolerated(taint: Taint, tolerations: readonly Toleration[]): boolean {
  return tolerations.some((t) => (t.key === undefined || t.key === taint.key) && (t.operator === 'Exists' || t.value === taint.value) && (t.effect === undefined || t.effect === '' || t.effect === taint.effect));
}

/** matchNodeInclusionPolicies: Honor node affinity (the pod's nodeSelector here), Honor taints (NoSchedule and NoExecute ones tolerated). */
function matchNodeInclusionPolicies(c: SoftConstraint, pod: Pod, nodeInfo: NodeInfo): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !selectorMatches(pod.spec.nodeSelector ?? {}, nodeInfo.labels)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const untolerated = (nodeInfo.node.spec.taints ?? []).some((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(t, pod.spec.tolerations ?? []));
    if (untolerated) return false;
  }
  return true;
}

function nodeLabelsMatchSpreadConstraints(labels: Labels, constraints: readonly SoftConstraint[]): boolean {
  return constraints.every((c) => labels[c.topologyKey] !== undefined);
}

export interface PreScoreState {
  readonly constraints: readonly SoftConstraint[];
  /** Names of the filtered nodes lacking a topology key, when every key is required. */
  readonly ignoredNodes: ReadonlySet<string>;
  /** Per constraint: topology value → matching pods ("" for nodes lacking the key, never read by Score). */
  readonly topologyValueToPodCounts: ReadonlyArray<Map<string, number>>;
  readonly topologyNormalizingWeight: readonly number[];
  readonly namespace: string;
}

/**
 * PreScore: undefined where it returns Skip (no node at all, or no soft
 * constraint). Only explicit (or List-defaulted) constraints require every
 * topology key on a node. Domains are those of the filtered nodes; counts
 * come from every node that passes the inclusion policies.
 */
export function preScore(pod: Pod, constraints: readonly SoftConstraint[], filteredNodes: readonly NodeInfo[], allNodes: readonly NodeInfo[], systemDefaulted: boolean): PreScoreState | undefined {
  if (allNodes.length === 0 || constraints.length === 0) return undefined;
  const requireAllTopologies = (pod.spec.topologySpreadConstraints ?? []).length > 0 || !systemDefaulted;
  const ignoredNodes = new Set<string>();
  const topologyValueToPodCounts = constraints.map(() => new Map<string, number>());
  const topoSize = constraints.map(() => 0);
  // initPreScoreState
  for (const node of filteredNodes) {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) {
      ignoredNodes.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const value = node.labels[c.topologyKey] ?? '';
      const counts = topologyValueToPodCounts[i] as Map<string, number>;
      if (!counts.has(value)) {
        counts.set(value, 0);
        topoSize[i] = (topoSize[i] as number) + 1;
      }
    });
  }
  const topologyNormalizingWeight = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - ignoredNodes.size : (topoSize[i] as number)) + 2));
  const namespace = pod.metadata.namespace ?? 'default';
  for (const nodeInfo of allNodes) {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, nodeInfo)) return;
      const value = nodeInfo.labels[c.topologyKey] ?? '';
      const counts = topologyValueToPodCounts[i] as Map<string, number>;
      const count = counts.get(value);
      if (count === undefined) return;
      counts.set(value, count + countPodsMatchSelector(nodeInfo, c.matchLabels, namespace));
    });
  }
  return { constraints, ignoredNodes, topologyValueToPodCounts, topologyNormalizingWeight, namespace };
}

/** Score: Σ over the constraints whose key the node carries of count × weight + (maxSkew − 1), rounded; 0 for an ignored node. */
export function score(state: PreScoreState, nodeInfo: NodeInfo): number {
  if (state.ignoredNodes.has(nodeInfo.name)) return 0;
  let total = 0;
  state.constraints.forEach((c, i) => {
    const value = nodeInfo.labels[c.topologyKey];
    if (value === undefined) return;
    const count = c.topologyKey === LABEL_HOSTNAME
      ? countPodsMatchSelector(nodeInfo, c.matchLabels, state.namespace)
      : (state.topologyValueToPodCounts[i]?.get(value) as number);
    total += count * (state.topologyNormalizingWeight[i] as number) + (c.maxSkew - 1);
  });
  return Math.round(total);
}

/** NormalizeScore: ignored nodes 0; the others MaxNodeScore × (max + min − s) / max in int64, or MaxNodeScore when max is 0. */
export function normalizeScore(state: PreScoreState, scores: ReadonlyArray<{ name: string; score: number }>): number[] {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (const { name, score: s } of scores) {
    if (state.ignoredNodes.has(name)) continue;
    if (s < minScore) minScore = s;
    if (s > maxScore) maxScore = s;
  }
  return scores.map(({ name, score: s }) => {
    if (state.ignoredNodes.has(name)) return 0;
    if (maxScore === 0) return 100;
    return Math.trunc((100 * (maxScore + minScore - s)) / maxScore);
  });
}
