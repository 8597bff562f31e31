/**
 * PodTopologySpread scoring
 * (pkg/scheduler/framework/plugins/podtopologyspread/scoring.go Score and
 * NormalizeScore), on the state pre-score.ts builds. A node scores
 * Σ count × weight + (maxSkew − 1) over the constraints whose key it carries
 * (scoreForCount), rounded; normalization turns fewer matching pods into a
 * higher score: 100 × (max + min − raw) / max. Ignored nodes (lacking a
 * topology key when every key is required) score 0.
 */
import type { NodeInfo } from '../../framework/node-info.js';
import type { SpreadConstraint } from './constraints.js';
import type { PreScoreState } from './pre-score.js';

function isIgnored(state: PreScoreState, node: NodeInfo): boolean {
  return state.ignored.size > 0 && state.ignored.has(node.id);
}

export function scoreNode(state: PreScoreState, nodeInfo: NodeInfo): number {
  if (isIgnored(state, nodeInfo)) return 0;
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

/** One pass of scoreNodes: how constraint c's term is added to each node's running sum. */
interface Pass {
  readonly c: number;
  /** The first pass starts each sum at 0 instead of reading `out`. */
  readonly first: boolean;
  /** The last pass rounds the sum (only when no node is ignored; else a final pass does). */
  readonly round: boolean;
}

/** A hostname constraint's term: matching pods on the node itself, straight from the cache's per-node count. */
function addHostnameTerms(state: PreScoreState, pass: Pass, nodes: readonly NodeInfo[], count: number, out: Float64Array): void {
  const ids = state.valueIds[pass.c] as Int32Array;
  const weight = state.weights[pass.c] as number;
  const skew = (state.constraints[pass.c] as SpreadConstraint).maxSkew - 1;
  const perNode = state.counters[pass.c]?.perNode;
  const known = perNode === undefined ? 0 : perNode.length;
  const { first, round } = pass;
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
}

/** A zone-like constraint's term: the count of the node's domain. */
function addDomainTerms(state: PreScoreState, pass: Pass, nodes: readonly NodeInfo[], count: number, out: Float64Array): void {
  const ids = state.valueIds[pass.c] as Int32Array;
  const weight = state.weights[pass.c] as number;
  const skew = (state.constraints[pass.c] as SpreadConstraint).maxSkew - 1;
  const counts = state.countsByValue[pass.c] as Float64Array;
  const { first, round } = pass;
  for (let k = 0; k < count; k++) {
    const id = ids[(nodes[k] as NodeInfo).id] ?? -1;
    const sum = first ? 0 : (out[k] as number);
    const next = id < 0 ? sum : sum + ((counts[id] as number) * weight + skew);
    out[k] = round ? Math.round(next) : next;
  }
}

/**
 * scoreNode for the first `count` of `nodes` into `out`, one tight pass per
 * constraint instead of a call per node: each node still sums its
 * constraints' terms in constraint order from 0 and is rounded once, so the
 * floating-point results are scoreNode's exactly.
 */
export function scoreNodes(state: PreScoreState, nodes: readonly NodeInfo[], count: number, out: Float64Array): void {
  const m = state.constraints.length;
  const roundInLastPass = state.ignored.size === 0;
  if (m === 0) out.fill(0, 0, count);
  for (let c = 0; c < m; c++) {
    const pass: Pass = { c, first: c === 0, round: roundInLastPass && c === m - 1 };
    if (state.hostname[c] === true) addHostnameTerms(state, pass, nodes, count, out);
    else addDomainTerms(state, pass, nodes, count, out);
  }
  if (roundInLastPass && m > 0) return;
  for (let k = 0; k < count; k++) out[k] = isIgnored(state, nodes[k] as NodeInfo) ? 0 : Math.round(out[k] as number);
}

/** NormalizeScore over the first `n` scores of `nodes`: min over the scored nodes from MaxInt64, max from 0. */
export function normalizeScores(state: PreScoreState, nodes: readonly NodeInfo[], n: number, scores: Float64Array): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (isIgnored(state, nodes[i] as NodeInfo)) continue;
    const s = scores[i] as number;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < n; i++) {
    if (isIgnored(state, nodes[i] as NodeInfo)) scores[i] = 0;
    else scores[i] = max === 0 ? 100 : Math.trunc((100 * (max + min - (scores[i] as number))) / max);
  }
}
