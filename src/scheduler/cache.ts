/**
 * The scheduler's cache: a NodeInfo per node, with bound pods from the
 * informer and pods assumed by the scheduler before their binding is seen.
 * A pod seen before its node (possible with watch delays) waits until the
 * node arrives.
 *
 * Snapshot order is the node tree's (backend/cache/node_tree.go): nodes are
 * grouped by zone (region + zone labels), zones in the order they first
 * appeared, and listed round-robin across zones, so the node search (schedule_one.go)
 * samples every zone. The cache also keeps the pod count indexes and, for
 * ImageLocality, how many nodes hold each image.
 */
import type { Labels } from '../api/labels.js';
import type { Node } from '../api/types/node.js';
import type { Pod, TaintEffect } from '../api/types/pod.js';
import { NodeInfo } from './framework/node-info.js';
import { podInfoOf, podInfoOfCopy, type PodInfo } from './framework/pod-info.js';
import { isPodTerminal } from '../api/pod-util.js';
import { PodCountIndexes } from './indexes/pod-count-indexes.js';
import { ImageNodes } from './indexes/image-nodes.js';
import { ChangedNodes } from './framework/changed-nodes.js';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const REGION_LABEL = 'topology.kubernetes.io/region';
const LEGACY_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';
const LEGACY_REGION_LABEL = 'failure-domain.beta.kubernetes.io/region';

/** utilnode.GetZoneKey. */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const region = labels[REGION_LABEL] ?? labels[LEGACY_REGION_LABEL] ?? '';
  const zone = labels[ZONE_LABEL] ?? labels[LEGACY_ZONE_LABEL] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

export interface LabelValueIds {
  readonly ids: Int32Array;
  readonly values: readonly string[];
  readonly idOf: ReadonlyMap<string, number>;
}

function adjustCount(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}

/** namespace/name, as NodeInfo keys its pods; cached with the PodInfo, so no string is built per lookup. */
function podKey(pod: Pod): string {
  return podInfoOf(pod).key;
}

export class SchedulerCache {
  readonly indexes: PodCountIndexes;
  /** Which nodes list each image, with its size on each (ImageLocality). */
  readonly images = new ImageNodes();
  /** The nodes held, by their last change (filter verdicts catch up through it). */
  readonly changes = new ChangedNodes();
  private readonly byName = new Map<string, NodeInfo>();
  /** Zone key → node names in the order they were added (the node tree). */
  private readonly zones = new Map<string, string[]>();
  private ordered: NodeInfo[] = [];
  private orderDirty = false;
  /** Each node's place among the node names sorted, by NodeInfo.id (−1: no such node); rebuilt after a node comes or goes. */
  private nameRankArray = new Int32Array(0);
  private nameRanksDirty = false;
  private nextId = 0;
  /** Assumed pods: key → node name. */
  private readonly assumed = new Map<string, string>();
  /** Every counted pod: key → its node and the object counted. */
  private readonly placed = new Map<string, { readonly nodeName: string; pod: Pod }>();
  /** Node name → keys of placed pods whose node the cache does not hold (yet, or any more). */
  private readonly awaitingNode = new Map<string, Set<string>>();
  /** Taint effect → number of nodes carrying at least one taint with it. */
  private readonly taintEffectNodes = new Map<string, number>();
  private unschedulableNodeCount = 0;
  /** Label values per key, rebuilt after any node or node-label change. */
  private readonly labelValueCache = new Map<string, { values: Set<string>; nodesWithout: number }>();
  private readonly labelIdCache = new Map<string, LabelValueIds>();

  constructor(namespaceLabels: (namespace: string) => Labels | undefined = () => undefined) {
    this.indexes = new PodCountIndexes(() => this.nodes(), namespaceLabels);
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  /** NodeInfos in snapshot order. */
  nodes(): readonly NodeInfo[] {
    if (this.orderDirty) this.rebuildOrder();
    return this.ordered;
  }

  /**
   * Each node's rank among the names of the nodes held, by NodeInfo.id (−1
   * for an id no node holds): comparing two ranks orders two names as `<`
   * does, without comparing the strings (tieBreak: nodeName, node-search.ts).
   */
  nameRanks(): Int32Array {
    if (this.nameRanksDirty) this.rebuildNameRanks();
    return this.nameRankArray;
  }

  get nodeCount(): number {
    return this.byName.size;
  }

  /** How many nodes list `image` (normalized) in their status. */
  nodesWithImage(image: string): number {
    return this.images.count(image);
  }

  /** How many nodes carry at least one taint with `effect`. */
  nodesWithTaintEffect(effect: TaintEffect): number {
    return this.taintEffectNodes.get(effect) ?? 0;
  }

  /** How many nodes have spec.unschedulable set (cordoned). */
  unschedulableNodes(): number {
    return this.unschedulableNodeCount;
  }

  addNode(node: Node): void {
    const existing = this.byName.get(node.metadata.name);
    if (existing !== undefined) {
      const old = existing.node;
      this.countNode(existing.id, old, -1);
      const oldZone = zoneKey(old);
      existing.setNode(node);
      this.countNode(existing.id, node, 1);
      if (oldZone !== zoneKey(node)) {
        this.removeFromZone(oldZone, node.metadata.name);
        this.addToZone(node);
      }
      if (old.metadata.labels !== node.metadata.labels) {
        this.indexes.onNodeLabelsChanged();
        this.labelValueCache.clear();
        this.labelIdCache.clear();
      }
      return;
    }
    const info = new NodeInfo(node, this.nextId++);
    this.changes.track(info);
    this.byName.set(node.metadata.name, info);
    this.nameRanksDirty = true;
    this.labelValueCache.clear();
    this.labelIdCache.clear();
    this.addToZone(node);
    this.countNode(info.id, node, 1);
    // Only the pods that arrived before their node: scanning every placed pod made adding nodes to a full cluster quadratic.
    const waiting = this.awaitingNode.get(node.metadata.name);
    if (waiting === undefined) return;
    this.awaitingNode.delete(node.metadata.name);
    for (const key of waiting) {
      const counted = info.addPod((this.placed.get(key) as { pod: Pod }).pod);
      if (counted !== undefined) this.indexes.onPodAdded(info, counted);
    }
  }

  removeNode(node: Node): void {
    const info = this.byName.get(node.metadata.name);
    if (info === undefined) return;
    for (const pod of info.pods.values()) this.indexes.onPodRemoved(info, pod);
    // Its pods stay placed, counted again if the node comes back.
    for (const key of info.pods.keys()) this.waitForNode(node.metadata.name, key);
    this.byName.delete(node.metadata.name);
    this.changes.untrack(info);
    this.nameRanksDirty = true;
    this.labelValueCache.clear();
    this.labelIdCache.clear();
    this.indexes.onNodeLabelsChanged();
    this.removeFromZone(zoneKey(info.node), node.metadata.name);
    this.countNode(info.id, info.node, -1);
  }

  /** The values of node label `key` across all nodes, and how many nodes lack it. */
  labelValues(key: string): { readonly values: ReadonlySet<string>; readonly nodesWithout: number } {
    let found = this.labelValueCache.get(key);
    if (found === undefined) {
      found = { values: new Set(), nodesWithout: 0 };
      for (const info of this.byName.values()) {
        const value = info.labels[key];
        if (value === undefined) found.nodesWithout++;
        else found.values.add(value);
      }
      this.labelValueCache.set(key, found);
    }
    return found;
  }

  /** Node label `key` as small integers: ids[node.id] indexes `values`, −1 where the node lacks the label. */
  labelValueIds(key: string): LabelValueIds {
    let found = this.labelIdCache.get(key);
    if (found === undefined) {
      const values: string[] = [];
      const byValue = new Map<string, number>();
      const ids = new Int32Array(this.nextId).fill(-1);
      for (const info of this.byName.values()) {
        const value = info.labels[key];
        if (value === undefined) continue;
        let id = byValue.get(value);
        if (id === undefined) {
          id = values.length;
          values.push(value);
          byValue.set(value, id);
        }
        ids[info.id] = id;
      }
      found = { ids, values, idOf: byValue };
      this.labelIdCache.set(key, found);
    }
    return found;
  }

  isAssumed(pod: Pod): boolean {
    return this.assumed.has(podKey(pod));
  }

  /** Counts `pod` on `nodeName` before the API has seen the binding. */
  assume(pod: Pod, nodeName: string): void {
    const basis = podInfoOf(pod);
    this.assumed.set(basis.key, nodeName);
    const assumed = { ...pod, spec: Object.assign({}, pod.spec, { nodeName }) };
    this.place(assumed, nodeName, podInfoOfCopy(basis, assumed));
  }

  /** Undoes assume() after a failed reserve or bind. */
  forget(pod: Pod): void {
    const key = podKey(pod);
    if (!this.assumed.delete(key)) return;
    this.unplace(key);
  }

  /** A bound pod from the informer; confirms an assumed one. */
  addOrUpdatePod(pod: Pod): void {
    const key = podKey(pod);
    this.assumed.delete(key);
    const entry = this.placed.get(key);
    const nodeName = pod.spec.nodeName as string;
    const info = this.byName.get(nodeName);
    if (entry !== undefined && entry.nodeName === nodeName && info !== undefined && !isPodTerminal(pod)) {
      // The binding of an assumed pod (or a status update) usually changes nothing the
      // node's sums or the indexes depend on: swap the object in place.
      const before = info.pods.get(key);
      const after = podInfoOf(pod);
      if (before !== undefined && before.requests === after.requests && before.signature === after.signature && before.terminating === after.terminating &&
        before.requiredAffinityTerms === after.requiredAffinityTerms && before.hostPorts === after.hostPorts) {
        entry.pod = pod;
        info.pods.set(key, after);
        info.renew();
        return;
      }
    }
    this.unplace(key);
    this.place(pod, nodeName);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    this.assumed.delete(key);
    this.unplace(key);
  }

  private place(pod: Pod, nodeName: string, podInfo: PodInfo = podInfoOf(pod)): void {
    this.placed.set(podInfo.key, { nodeName, pod });
    const info = this.byName.get(nodeName);
    if (info === undefined) {
      this.waitForNode(nodeName, podInfo.key);
      return;
    }
    const counted = info.addPod(pod, podInfo);
    if (counted !== undefined) this.indexes.onPodAdded(info, counted);
  }

  private unplace(key: string): void {
    const entry = this.placed.get(key);
    if (entry === undefined) return;
    this.placed.delete(key);
    const info = this.byName.get(entry.nodeName);
    if (info === undefined) {
      const waiting = this.awaitingNode.get(entry.nodeName);
      waiting?.delete(key);
      if (waiting?.size === 0) this.awaitingNode.delete(entry.nodeName);
      return;
    }
    const removed = info.removePod(key);
    if (removed !== undefined) this.indexes.onPodRemoved(info, removed);
  }

  private waitForNode(nodeName: string, key: string): void {
    let waiting = this.awaitingNode.get(nodeName);
    if (waiting === undefined) {
      waiting = new Set();
      this.awaitingNode.set(nodeName, waiting);
    }
    waiting.add(key);
  }

  private addToZone(node: Node): void {
    const key = zoneKey(node);
    let names = this.zones.get(key);
    if (names === undefined) {
      names = [];
      this.zones.set(key, names);
    }
    names.push(node.metadata.name);
    this.orderDirty = true;
  }

  private removeFromZone(key: string, name: string): void {
    const names = this.zones.get(key);
    if (names === undefined) return;
    const index = names.indexOf(name);
    if (index >= 0) names.splice(index, 1);
    if (names.length === 0) this.zones.delete(key);
    this.orderDirty = true;
  }

  /** nodeTree.list: one node from each zone in turn. */
  private rebuildOrder(): void {
    const lists = [...this.zones.values()];
    const out: NodeInfo[] = [];
    for (let i = 0; out.length < this.byName.size; i++) {
      for (const names of lists) {
        const name = names[i];
        if (name !== undefined) out.push(this.byName.get(name) as NodeInfo);
      }
    }
    this.ordered = out;
    this.orderDirty = false;
  }

  private rebuildNameRanks(): void {
    const infos = [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ranks = new Int32Array(this.nextId).fill(-1);
    for (let rank = 0; rank < infos.length; rank++) ranks[(infos[rank] as NodeInfo).id] = rank;
    this.nameRankArray = ranks;
    this.nameRanksDirty = false;
  }

  /** The cluster-wide counts plugins read through the handle: images, taint effects, cordoned nodes. */
  private countNode(id: number, node: Node, delta: 1 | -1): void {
    if (delta === 1) this.images.add(id, node);
    else this.images.remove(id, node);
    for (const effect of new Set((node.spec.taints ?? []).map((t) => t.effect))) adjustCount(this.taintEffectNodes, effect, delta);
    if (node.spec.unschedulable === true) this.unschedulableNodeCount += delta;
  }
}
