/**
 * PodTopologySpread's PreScore (podtopologyspread/scoring.go
 * initPreScoreState and PreScore), over the cache's value ids instead of
 * maps of strings: the filtered nodes lacking a topology key (ignored, when
 * every key is required), each constraint's weight ln(domains + 2)
 * (topologyNormalizingWeight; hostname: one domain per scored node), and the
 * matching pods per domain present among the scored nodes. Hostname counts
 * are read per node in Score, as upstream.
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

/**
 * Scratch flags per constraint, reused by every PreScore of one plugin
 * instance (they are read only inside initPreScoreState) instead of a new
 * array per constraint and pod.
 */
export class PresenceFlags {
  private readonly flags: Uint8Array[] = [];

  /** Flags for constraint i, `length` long and all 0. */
  cleared(i: number, length: number): Uint8Array {
    let found = this.flags[i];
    if (found === undefined || found.length < length) {
      found = new Uint8Array(Math.max(16, length * 2));
      this.flags[i] = found;
    }
    found.fill(0, 0, length);
    return found;
  }
}

const NO_COUNTS = new Float64Array(0);
/** The ignored set of a pod whose constraints do not require every key: nothing is added to it. */
const NO_NODES: Set<number> = new Set();

type LabelValueIds = ReturnType<FrameworkHandle['listers']['labelValueIds']>;

/** What counting one constraint's domains needs. */
interface DomainCount {
  readonly constraint: SpreadConstraint;
  readonly label: LabelValueIds;
  /** 1 at the value ids present among the scored nodes. */
  readonly present: Uint8Array;
  readonly counter: NodeCount;
}

/** The filtered nodes lacking one of the constraints' topology keys (initPreScoreState's IgnoredNodes). */
function nodesLackingKeys(filteredNodes: readonly NodeInfo[], constraints: readonly SpreadConstraint[]): Set<number> {
  const ignored = new Set<number>();
  for (const node of filteredNodes) if (!nodeHasAllKeys(node.labels, constraints)) ignored.add(node.id);
  return ignored;
}

/**
 * Marks in `present` the value ids of the scored nodes and returns how many
 * domains they span; nodes lacking the key count as one more domain (their
 * value is "" upstream). Stops once every possible value is seen.
 */
function markDomains(handle: FrameworkHandle, c: SpreadConstraint, label: LabelValueIds, present: Uint8Array, filteredNodes: readonly NodeInfo[], ignored: ReadonlySet<number>): number {
  const ids = label.ids;
  const possible = label.values.length + (handle.listers.labelValues(c.topologyKey).nodesWithout > 0 ? 1 : 0);
  let size = 0;
  let missing = false;
  for (let k = 0; k < filteredNodes.length && size < possible; k++) {
    const nodeId = (filteredNodes[k] as NodeInfo).id;
    if (ignored.size > 0 && ignored.has(nodeId)) continue;
    const id = ids[nodeId] as number;
    if (id < 0) {
      if (!missing) size++;
      missing = true;
    } else if (present[id] === 0) {
      present[id] = 1;
      size++;
    }
  }
  return size;
}

/**
 * Matching pods per present value id: from the cache's per-domain totals
 * when every node has the keys and passes the inclusion policies, else by
 * walking every node (pods on nodes lacking the key would count under "",
 * which Score never reads).
 */
function countPerValue(handle: FrameworkHandle, pod: Pod, constraints: readonly SpreadConstraint[], d: DomainCount, requireAllTopologies: boolean, everyNodeHasKeys: boolean): Float64Array {
  const { constraint: c, label, present, counter } = d;
  const counts = new Float64Array(label.values.length);
  if (everyNodeHasKeys && includesEveryNode(c, pod)) {
    const totals = counter.domains(c.topologyKey);
    for (let id = 0; id < label.values.length; id++) if (present[id] === 1) counts[id] = totals.get(label.values[id] as string) ?? 0;
    return counts;
  }
  for (const node of handle.nodeInfos()) {
    const id = label.ids[node.id] as number;
    if (id < 0 || present[id] === 0) continue;
    if (requireAllTopologies && !nodeHasAllKeys(node.labels, constraints)) continue;
    if (!nodeIncluded(c, pod, node.node)) continue;
    counts[id] = (counts[id] as number) + counter.onNode(node);
  }
  return counts;
}

export function initPreScoreState(
  handle: FrameworkHandle, pod: Pod, constraints: readonly SpreadConstraint[], filteredNodes: readonly NodeInfo[], requireAllTopologies: boolean, scratch: PresenceFlags,
): PreScoreState {
  const ignored = requireAllTopologies ? nodesLackingKeys(filteredNodes, constraints) : NO_NODES;
  const hostname = constraints.map((c) => c.topologyKey === LABEL_HOSTNAME);
  const labels = constraints.map((c) => handle.listers.labelValueIds(c.topologyKey));
  // Scratch, read only here; no flags for hostname constraints, whose domains are the scored nodes themselves.
  const present = labels.map((l, i) => scratch.cleared(i, hostname[i] === true ? 0 : l.values.length));
  const domains = constraints.map((c, i) => (hostname[i] === true
    ? filteredNodes.length - ignored.size
    : markDomains(handle, c, labels[i] as LabelValueIds, present[i] as Uint8Array, filteredNodes, ignored)));
  const weights = domains.map((size) => Math.log(size + 2));
  const namespace = pod.metadata.namespace ?? 'default';
  const counters = constraints.map((c) => (c.selector.empty ? undefined : handle.podCounts.inNamespace(namespace, c.selector, true)));
  const everyNodeHasKeys = !requireAllTopologies || constraints.every((c) => handle.listers.labelValues(c.topologyKey).nodesWithout === 0);
  const countsByValue = constraints.map((c, i) => {
    const counter = counters[i];
    const label = labels[i] as LabelValueIds;
    if (hostname[i] === true) return NO_COUNTS;
    if (counter === undefined) return new Float64Array(label.values.length);
    return countPerValue(handle, pod, constraints, { constraint: c, label, present: present[i] as Uint8Array, counter }, requireAllTopologies, everyNodeHasKeys);
  });
  return { constraints, ignored, valueIds: labels.map((l) => l.ids), countsByValue, hostname, weights, counters };
}
