/**
 * PodTopologySpread scoring
 * (pkg/scheduler/framework/plugins/podtopologyspread/scoring.go). Each soft constraint (or system default) weighs
 * ln(domains + 2); a node scores Σ count × weight + (maxSkew − 1), rounded,
 * and normalization turns fewer matching pods into a higher score:
 * 100 × (max + min − raw) / max. Nodes lacking a topology key are ignored
 * (scored 0) unless the constraints are the system defaults.
 */
import type { Pod } from '../../../api/types/pod.js';
import type { FrameworkHandle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { NodeCount } from '../../indexes/pod-count-indexes.js';
import { includesEveryNode, LABEL_HOSTNAME, nodeHasAllKeys, nodeIncluded, type SpreadConstraint } from './constraints.js';

export interface PreScoreState {
  readonly constraints: readonly SpreadConstraint[];
  /** Node ids of filtered nodes lacking a topology key (scored 0) when all keys are required. */
  readonly ignored: ReadonlySet<number>;
  /** Per constraint: the node label as value ids (cache-wide), and matching pods per value id (hostname: per node, in Score). */
  readonly valueIds: ReadonlyArray<Int32Array>;
  readonly countsByValue: readonly Float64Array[];
  readonly hostname: readonly boolean[];
  readonly weights: readonly number[];
  /** Per constraint: the cache's count (undefined for an empty selector, which counts nothing). */
  readonly counters: ReadonlyArray<NodeCount | undefined>;
}

const NO_COUNTS = new Float64Array(0);
const flags: Uint8Array[] = [];

/** Scratch flags for constraint i, `length` long and all 0. */
function scratchFlags(i: number, length: number): Uint8Array {
  let found = flags[i];
  if (found === undefined || found.length < length) {
    found = new Uint8Array(Math.max(16, length * 2));
    flags[i] = found;
  }
  found.fill(0, 0, length);
  return found;
}

/** The ignored set of a pod whose constraints do not require every key: nothing is added to it. */
const NO_NODES: Set<number> = new Set();

export function initPreScoreState(handle: FrameworkHandle, pod: Pod, constraints: readonly SpreadConstraint[], filteredNodes: readonly NodeInfo[], requireAllTopologies: boolean): PreScoreState {
  const m = constraints.length;
  const ignored = requireAllTopologies ? new Set<number>() : NO_NODES;
  const hostname = constraints.map((c) => c.topologyKey === LABEL_HOSTNAME);
  const labelIds = constraints.map((c) => handle.listers.labelValueIds(c.topologyKey));
  const valueIds = labelIds.map((l) => l.ids);
  // Which values occur among the scored nodes ("" for nodes lacking the key counts as one): scratch, read only here.
  const present = labelIds.map((l, i) => scratchFlags(i, hostname[i] === true ? 0 : l.values.length));
  const topoSize = new Array<number>(m).fill(0);
  if (requireAllTopologies) {
    for (const node of filteredNodes) if (!nodeHasAllKeys(node.labels, constraints)) ignored.add(node.id);
  }
  const n = filteredNodes.length;
  for (let i = 0; i < m; i++) {
    if (hostname[i] === true) continue;
    // One tight loop per constraint over the scored nodes.
    const ids = valueIds[i] as Int32Array;
    const seen = present[i] as Uint8Array;
    let size = 0;
    let missing = false;
    // Once every value of the key (and "", if some node lacks it) is seen, the rest cannot add to the size.
    const possible = (labelIds[i] as { values: readonly string[] }).values.length + (handle.listers.labelValues((constraints[i] as SpreadConstraint).topologyKey).nodesWithout > 0 ? 1 : 0);
    for (let k = 0; k < n && size < possible; k++) {
      const nodeId = (filteredNodes[k] as NodeInfo).id;
      if (ignored.size > 0 && ignored.has(nodeId)) continue;
      const id = ids[nodeId] as number;
      if (id < 0) {
        if (!missing) size++;
        missing = true;
      } else if (seen[id] === 0) {
        seen[id] = 1;
        size++;
      }
    }
    topoSize[i] = size;
  }
  const weights = new Array<number>(m);
  const counters = new Array<NodeCount | undefined>(m);
  const countsByValue = new Array<Float64Array>(m);
  const namespace = pod.metadata.namespace ?? 'default';
  for (let i = 0; i < m; i++) {
    const c = constraints[i] as SpreadConstraint;
    weights[i] = Math.log((hostname[i] === true ? filteredNodes.length - ignored.size : (topoSize[i] as number)) + 2);
    counters[i] = c.selector.empty ? undefined : handle.podCounts.inNamespace(namespace, c.selector, true);
    // Hostname counts are read per node in Score; no per-value array for them.
    countsByValue[i] = hostname[i] === true ? NO_COUNTS : new Float64Array((labelIds[i] as { values: readonly string[] }).values.length);
  }
  const everyNodeHasKeys = !requireAllTopologies || constraints.every((c) => handle.listers.labelValues(c.topologyKey).nodesWithout === 0);
  for (let i = 0; i < m; i++) {
    const c = constraints[i] as SpreadConstraint;
    const counter = counters[i];
    if (hostname[i] === true || counter === undefined) continue;
    const counts = countsByValue[i] as Float64Array;
    const seen = present[i] as Uint8Array;
    const values = (labelIds[i] as { values: readonly string[] }).values;
    if (everyNodeHasKeys && includesEveryNode(c, pod)) {
      const totals = counter.domains(c.topologyKey);
      for (let id = 0; id < values.length; id++) if (seen[id] === 1) counts[id] = totals.get(values[id] as string) ?? 0;
      continue;
    }
    // Pods on nodes lacking the key would count under "", which Score never reads.
    for (const node of handle.nodeInfos()) {
      const id = (valueIds[i] as Int32Array)[node.id] as number;
      if (id < 0 || seen[id] === 0) continue;
      if (requireAllTopologies && !nodeHasAllKeys(node.labels, constraints)) continue;
      if (!nodeIncluded(c, pod, node.node)) continue;
      counts[id] = (counts[id] as number) + counter.onNode(node);
    }
  }
  return { constraints, ignored, valueIds, countsByValue, hostname, weights, counters };
}

export function scoreNode(state: PreScoreState, nodeInfo: NodeInfo): number {
  if (state.ignored.size > 0 && state.ignored.has(nodeInfo.id)) return 0;
  let score = 0;
  const m = state.constraints.length;
  for (let i = 0; i < m; i++) {
    const id = (state.valueIds[i] as Int32Array)[nodeInfo.id] ?? -1;
    if (id < 0) continue;
    const count = state.hostname[i] === true ? (state.counters[i]?.onNode(nodeInfo) ?? 0) : ((state.countsByValue[i] as Float64Array)[id] as number);
    score += count * (state.weights[i] as number) + ((state.constraints[i] as SpreadConstraint).maxSkew - 1);
  }
  return Math.round(score);
}

/**
 * scoreNode for the first `count` of `nodes` into `out`, one tight pass per
 * constraint instead of a call per node: each node still sums its
 * constraints' terms in constraint order from 0 and is rounded once, so the
 * floating-point results are scoreNode's exactly.
 */
export function scoreNodes(state: PreScoreState, nodes: readonly NodeInfo[], count: number, out: Float64Array): void {
  const m = state.constraints.length;
  const ignored = state.ignored;
  // The first pass starts each sum at 0 and, without ignored nodes, the last one rounds it: no passes of their own.
  const roundInLastPass = ignored.size === 0;
  if (m === 0) out.fill(0, 0, count);
  for (let c = 0; c < m; c++) {
    const ids = state.valueIds[c] as Int32Array;
    const weight = state.weights[c] as number;
    const skew = (state.constraints[c] as SpreadConstraint).maxSkew - 1;
    const first = c === 0;
    const round = roundInLastPass && c === m - 1;
    if (state.hostname[c] === true) {
      // Matching pods on the node itself, straight from the cache's per-node count.
      const perNode = state.counters[c]?.perNode;
      const known = perNode === undefined ? 0 : perNode.length;
      for (let k = 0; k < count; k++) {
        const nodeId = (nodes[k] as NodeInfo).id;
        const sum = first ? 0 : (out[k] as number);
        if ((ids[nodeId] ?? -1) < 0) {
          out[k] = round ? Math.round(sum) : sum;
          continue;
        }
        const matching = nodeId < known ? ((perNode as Int32Array)[nodeId] as number) : 0;
        const next = sum + (matching * weight + skew);
        out[k] = round ? Math.round(next) : next;
      }
    } else {
      const counts = state.countsByValue[c] as Float64Array;
      for (let k = 0; k < count; k++) {
        const id = ids[(nodes[k] as NodeInfo).id] ?? -1;
        const sum = first ? 0 : (out[k] as number);
        const next = id < 0 ? sum : sum + ((counts[id] as number) * weight + skew);
        out[k] = round ? Math.round(next) : next;
      }
    }
  }
  if (roundInLastPass && m > 0) return;
  for (let k = 0; k < count; k++) {
    out[k] = ignored.size > 0 && ignored.has((nodes[k] as NodeInfo).id) ? 0 : Math.round(out[k] as number);
  }
}

/** NormalizeScore over the first `n` scores of `nodes`. */
export function normalizeScores(state: PreScoreState, nodes: readonly NodeInfo[], n: number, scores: Float64Array): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  const ignored = state.ignored;
  for (let i = 0; i < n; i++) {
    if (ignored.size > 0 && ignored.has((nodes[i] as NodeInfo).id)) continue;
    const s = scores[i] as number;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < n; i++) {
    if (ignored.size > 0 && ignored.has((nodes[i] as NodeInfo).id)) scores[i] = 0;
    else scores[i] = max === 0 ? 100 : Math.trunc((100 * (max + min - (scores[i] as number))) / max);
  }
}
