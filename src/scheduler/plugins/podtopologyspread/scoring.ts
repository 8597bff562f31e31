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
  const m = constraints.length;
  const tpCounts: Array<Map<string, number>> = [];
  const topoSize: number[] = [];
  for (let i = 0; i < m; i++) {
    tpCounts.push(new Map());
    topoSize.push(0);
  }
  for (const node of filteredNodes) {
    if (requireAllTopologies && !nodeHasAllKeys(node.labels, constraints)) {
      ignoredNodes.add(node.name);
      continue;
    }
    for (let i = 0; i < m; i++) {
      const key = (constraints[i] as SpreadConstraint).topologyKey;
      if (key === LABEL_HOSTNAME) continue;
      // A node without the key counts under "" (upstream reads a missing label as "").
      const value = node.labels[key] ?? '';
      const counts = tpCounts[i] as Map<string, number>;
      if (!counts.has(value)) {
        counts.set(value, 0);
        topoSize[i] = (topoSize[i] as number) + 1;
      }
    }
  }
  const weights: number[] = [];
  const counters: Array<NodeCount | undefined> = [];
  const namespaces = new Set([pod.metadata.namespace ?? 'default']);
  for (let i = 0; i < m; i++) {
    const c = constraints[i] as SpreadConstraint;
    weights.push(Math.log((c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - ignoredNodes.size : (topoSize[i] as number)) + 2));
    counters.push(c.selector.empty ? undefined : handle.podCounts.matching([{ namespaces, namespaceSelector: NOTHING, selector: c.selector }], true));
  }
  const everyNodeHasKeys = !requireAllTopologies || constraints.every((c) => handle.listers.labelValues(c.topologyKey).nodesWithout === 0);
  for (let i = 0; i < m; i++) {
    const c = constraints[i] as SpreadConstraint;
    const counts = tpCounts[i] as Map<string, number>;
    const counter = counters[i];
    if (c.topologyKey === LABEL_HOSTNAME || counter === undefined || counts.size === 0) continue;
    if (everyNodeHasKeys && includesEveryNode(c, pod)) {
      // Pods on nodes lacking the key would count under "", which Score never reads.
      const totals = counter.domains(c.topologyKey);
      for (const value of counts.keys()) if (value !== '') counts.set(value, totals.get(value) ?? 0);
      continue;
    }
    for (const node of handle.nodeInfos()) {
      if (requireAllTopologies && !nodeHasAllKeys(node.labels, constraints)) continue;
      if (!nodeIncluded(c, pod, node.node)) continue;
      const value = node.labels[c.topologyKey] ?? '';
      const current = counts.get(value);
      if (current !== undefined) counts.set(value, current + counter.onNode(node));
    }
  }
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
