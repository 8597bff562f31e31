/**
 * PodTopologySpread scoring (podtopologyspread/scoring.go;
 * k8s-scheduler.md §6.8). Each soft constraint (or system default) weighs
 * ln(domains + 2); a node scores Σ count × weight + (maxSkew − 1), rounded,
 * and normalization turns fewer matching pods into a higher score:
 * 100 × (max + min − raw) / max. Nodes lacking a topology key are ignored
 * (scored 0) unless the constraints are the system defaults.
 */
import type { Pod } from '../../../api/types/pod.js';
import type { FrameworkHandle, NodeScore } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { NodeCount } from '../../indexes/pod-count-indexes.js';
import { NOTHING } from '../../framework/selectors.js';
import { includesEveryNode, LABEL_HOSTNAME, nodeHasAllKeys, nodeIncluded, type SpreadConstraint } from './constraints.js';

export interface PreScoreState {
  readonly constraints: readonly SpreadConstraint[];
  readonly ignoredNodes: ReadonlySet<string>;
  /** Per constraint: domain value → matching pods (hostname constraints are counted per node in Score). */
  readonly topologyValueToPodCounts: ReadonlyArray<Map<string, number>>;
  readonly weights: readonly number[];
  /** Per constraint: the cache's count (undefined for an empty selector, which counts nothing). */
  readonly counters: ReadonlyArray<NodeCount | undefined>;
}

export function initPreScoreState(handle: FrameworkHandle, pod: Pod, constraints: readonly SpreadConstraint[], filteredNodes: readonly NodeInfo[], requireAllTopologies: boolean): PreScoreState {
  const ignoredNodes = new Set<string>();
  const tpCounts = constraints.map(() => new Map<string, number>());
  const topoSize = constraints.map(() => 0);
  for (const node of filteredNodes) {
    if (requireAllTopologies && !nodeHasAllKeys(node.labels, constraints)) {
      ignoredNodes.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      // A node without the key counts under "" (upstream reads a missing label as "").
      const value = node.labels[c.topologyKey] ?? '';
      const counts = tpCounts[i] as Map<string, number>;
      if (!counts.has(value)) {
        counts.set(value, 0);
        topoSize[i] = (topoSize[i] as number) + 1;
      }
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - ignoredNodes.size : (topoSize[i] as number)) + 2));
  const namespaces = new Set([pod.metadata.namespace ?? 'default']);
  const counters = constraints.map((c) => (c.selector.empty ? undefined : handle.podCounts.matching([{ namespaces, namespaceSelector: NOTHING, selector: c.selector }], true)));
  const everyNodeHasKeys = !requireAllTopologies || constraints.every((c) => handle.listers.labelValues(c.topologyKey).nodesWithout === 0);
  constraints.forEach((c, i) => {
    if (c.topologyKey === LABEL_HOSTNAME) return;
    const counts = tpCounts[i] as Map<string, number>;
    const counter = counters[i];
    if (counter === undefined || counts.size === 0) return;
    if (everyNodeHasKeys && includesEveryNode(c, pod)) {
      const totals = counter.domains(c.topologyKey);
      for (const value of counts.keys()) if (value !== '') counts.set(value, totals.get(value) ?? 0);
      // Pods on nodes lacking the key, for the "" domain (never read by Score).
      return;
    }
    for (const node of handle.nodeInfos()) {
      if (requireAllTopologies && !nodeHasAllKeys(node.labels, constraints)) continue;
      if (!nodeIncluded(c, pod, node.node)) continue;
      const value = node.labels[c.topologyKey] ?? '';
      const current = counts.get(value);
      if (current !== undefined) counts.set(value, current + counter.onNode(node));
    }
  });
  return { constraints, ignoredNodes, topologyValueToPodCounts: tpCounts, weights, counters };
}

export function scoreNode(state: PreScoreState, nodeInfo: NodeInfo): number {
  if (state.ignoredNodes.size > 0 && state.ignoredNodes.has(nodeInfo.name)) return 0;
  let score = 0;
  const constraints = state.constraints;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i] as SpreadConstraint;
    const value = nodeInfo.labels[c.topologyKey];
    if (value === undefined) continue;
    const count = c.topologyKey === LABEL_HOSTNAME ? (state.counters[i]?.onNode(nodeInfo) ?? 0) : (state.topologyValueToPodCounts[i]?.get(value) ?? 0);
    score += count * (state.weights[i] as number) + (c.maxSkew - 1);
  }
  return Math.round(score);
}

export function normalizeScores(state: PreScoreState, scores: NodeScore[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (const s of scores) {
    if (state.ignoredNodes.has(s.name)) continue;
    if (s.score < min) min = s.score;
    if (s.score > max) max = s.score;
  }
  for (const s of scores) {
    if (state.ignoredNodes.has(s.name)) {
      s.score = 0;
      continue;
    }
    s.score = max === 0 ? 100 : Math.trunc((100 * (max + min - s.score)) / max);
  }
}
