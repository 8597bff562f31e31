/**
 * PodTopologySpread filtering
 * (pkg/scheduler/framework/plugins/podtopologyspread/filtering.go): PreFilter counts, per hard constraint, the
 * non-terminating pods in the pod's namespace matching the selector on every
 * eligible node, summed per domain; Filter rejects a node whose domain would
 * exceed maxSkew over the global minimum (0 when there are fewer domains than
 * minDomains). AddPod/RemovePod keep the counts right for preemption's and
 * nominated pods' node copies.
 */
import type { Node } from '../../../api/types/node.js';
import type { Pod } from '../../../api/types/pod.js';
import type { Cloneable, FrameworkHandle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SUCCESS, unresolvable, unschedulable, type Status } from '../../framework/status.js';
import { includesEveryNode, nodeHasAllKeys, nodeIncluded, type SpreadConstraint } from './constraints.js';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

export class PreFilterState implements Cloneable<PreFilterState> {
  readonly constraints: readonly SpreadConstraint[];
  readonly tpValueToMatchNum: Array<Map<string, number>>;
  private readonly minMatch: number[];
  private dirty: boolean[];

  constructor(constraints: readonly SpreadConstraint[], counts: Array<Map<string, number>>) {
    this.constraints = constraints;
    this.tpValueToMatchNum = counts;
    this.minMatch = constraints.map(() => 0);
    this.dirty = constraints.map(() => true);
  }

  /** The global minimum for constraint i; 0 with fewer domains than minDomains. */
  minMatchNum(i: number): number {
    const counts = this.tpValueToMatchNum[i] as Map<string, number>;
    if (counts.size < (this.constraints[i] as SpreadConstraint).minDomains) return 0;
    if (this.dirty[i] === true) {
      let min = 2 ** 31 - 1;
      for (const n of counts.values()) if (n < min) min = n;
      this.minMatch[i] = min;
      this.dirty[i] = false;
    }
    return this.minMatch[i] as number;
  }

  update(i: number, value: string, delta: number): void {
    const counts = this.tpValueToMatchNum[i] as Map<string, number>;
    counts.set(value, (counts.get(value) ?? 0) + delta);
    this.dirty[i] = true;
  }

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, this.tpValueToMatchNum.map((m) => new Map(m)));
  }
}

/** calPreFilterState, from the cache's pod counts. */
export function calPreFilterState(handle: FrameworkHandle, pod: Pod, constraints: readonly SpreadConstraint[]): PreFilterState {
  const namespace = pod.metadata.namespace ?? 'default';
  const everyNodeHasKeys = constraints.every((c) => handle.listers.labelValues(c.topologyKey).nodesWithout === 0);
  const counts = constraints.map((c) => {
    const result = new Map<string, number>();
    // countPodsMatchSelector counts nothing for an empty selector.
    const counter = c.selector.empty ? undefined : handle.podCounts.inNamespace(namespace, c.selector, true);
    if (everyNodeHasKeys && includesEveryNode(c, pod)) {
      const totals = counter?.domains(c.topologyKey);
      for (const value of handle.listers.labelValues(c.topologyKey).values) result.set(value, totals?.get(value) ?? 0);
      return result;
    }
    for (const node of handle.nodeInfos()) {
      if (!nodeHasAllKeys(node.labels, constraints) || !nodeIncluded(c, pod, node.node)) continue;
      const value = node.labels[c.topologyKey] as string;
      result.set(value, (result.get(value) ?? 0) + (counter?.onNode(node) ?? 0));
    }
    return result;
  });
  return new PreFilterState(constraints, counts);
}

export function filterNode(state: PreFilterState, _pod: Pod, podLabels: Readonly<Record<string, string>>, nodeInfo: NodeInfo, plugin: string): Status {
  const constraints = state.constraints;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i] as SpreadConstraint;
    const value = nodeInfo.labels[c.topologyKey];
    if (value === undefined) return unresolvable(plugin, ERR_REASON_NODE_LABEL_NOT_MATCH);
    const self = c.selector.matches(podLabels) ? 1 : 0;
    const matchNum = state.tpValueToMatchNum[i]?.get(value) ?? 0;
    if (matchNum + self - state.minMatchNum(i) > c.maxSkew) return unschedulable(plugin, ERR_REASON_CONSTRAINTS_NOT_MATCH);
  }
  return SUCCESS;
}

/** updateWithPod: a pod added to (+1) or removed from (−1) a node copy. */
export function updateWithPod(state: PreFilterState, updated: PodInfo, preemptor: Pod, node: Node, delta: number): void {
  if (updated.namespace !== (preemptor.metadata.namespace ?? 'default')) return;
  const labels = node.metadata.labels ?? {};
  if (!nodeHasAllKeys(labels, state.constraints)) return;
  state.constraints.forEach((c, i) => {
    if (!c.selector.matches(updated.labels) || !nodeIncluded(c, preemptor, node)) return;
    state.update(i, labels[c.topologyKey] as string, delta);
  });
}
