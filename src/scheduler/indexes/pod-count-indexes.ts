/**
 * Pod counts kept with the scheduler cache, so PodTopologySpread and
 * InterPodAffinity do not walk every pod of the cluster in every cycle (the
 * cost Cluster Autoscaler's FAQ calls three orders of magnitude above all
 * other predicates). Two kinds of count, each per node and, on demand, per
 * topology domain (value of a node label):
 *
 * - PodCount for "pods in these namespaces whose labels match this selector"
 *   (optionally only non-terminating pods): what the plugins' PreFilter and
 *   PreScore sum over nodes upstream.
 * - HolderCount for "pods that carry this (anti-)affinity term": the existing
 *   pods' terms that must be checked against an incoming pod.
 *
 * Pods are grouped by signature (namespace, labels, terminating): pods with
 * equal signatures match the same selectors, so a selector is tested once per
 * signature, not once per pod. The counts are exactly what a scan of the
 * live NodeInfos would give; node copies used by preemption are not counted
 * (plugins keep per-cycle state for those, as upstream).
 */
import type { Labels } from '../../api/labels.js';
import type { NodeInfo } from '../framework/node-info.js';
import { termMatches, type AffinityTerm, type PodInfo } from '../framework/pod-info.js';
import { NOTHING, type CompiledSelector } from '../framework/selectors.js';
import { ItemsByAnchor, ItemsByLabel } from './label-pairs.js';

/** A count per node id, with per-domain totals for the topology keys asked for. */
export class NodeCount {
  readonly key: string;
  perNode: Int32Array = new Int32Array(64);
  total = 0;
  private readonly byTopology = new Map<string, Map<string, number>>();
  private readonly nodes: () => readonly NodeInfo[];

  constructor(key: string, nodes: () => readonly NodeInfo[]) {
    this.key = key;
    this.nodes = nodes;
  }

  /** Count on one node (a live NodeInfo or a copy of one). */
  onNode(node: NodeInfo): number {
    return node.id < this.perNode.length ? (this.perNode[node.id] as number) : 0;
  }

  /** Totals by value of `topologyKey` over all nodes carrying that label. */
  domains(topologyKey: string): ReadonlyMap<string, number> {
    let totals = this.byTopology.get(topologyKey);
    if (totals === undefined) {
      totals = new Map();
      for (const node of this.nodes()) {
        const value = node.labels[topologyKey];
        if (value === undefined) continue;
        const n = this.onNode(node);
        if (n !== 0) totals.set(value, (totals.get(value) ?? 0) + n);
      }
      this.byTopology.set(topologyKey, totals);
    }
    return totals;
  }

  adjust(node: NodeInfo, delta: number): void {
    if (node.id >= this.perNode.length) {
      let size = this.perNode.length * 2;
      while (size <= node.id) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.perNode);
      this.perNode = grown;
    }
    this.perNode[node.id] = (this.perNode[node.id] as number) + delta;
    this.total += delta;
    for (const [topologyKey, totals] of this.byTopology) {
      const value = node.labels[topologyKey];
      if (value === undefined) continue;
      const next = (totals.get(value) ?? 0) + delta;
      if (next === 0) totals.delete(value);
      else totals.set(value, next);
    }
  }

  /** Node labels changed: per-domain totals are rebuilt on next use. */
  dropDomains(): void {
    this.byTopology.clear();
  }
}

export type HolderKind = 'requiredAffinity' | 'requiredAntiAffinity' | 'preferredAffinity' | 'preferredAntiAffinity';

/** Pods carrying one (anti-)affinity term, counted per node. */
export class HolderCount extends NodeCount {
  readonly kind: HolderKind;
  readonly term: AffinityTerm;
  /** The term's weight (1 for required terms; scoring applies hardPodAffinityWeight). */
  readonly weight: number;

  constructor(kind: HolderKind, term: AffinityTerm, weight: number, nodes: () => readonly NodeInfo[]) {
    super(`${kind}|${weight}|${term.key}`, nodes);
    this.kind = kind;
    this.term = term;
    this.weight = weight;
  }
}

/** One condition on a pod: namespace and labels (an AffinityTerm is one). */
export interface MatchClause {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: CompiledSelector;
  readonly selector: CompiledSelector;
}

interface Matcher {
  readonly count: NodeCount;
  matches(pod: PodInfo, terminating: boolean): boolean;
}

interface SignatureBucket {
  readonly example: PodInfo;
  readonly terminating: boolean;
  /** Pods of this signature per node id. */
  readonly nodes: Map<number, number>;
  /** Matchers this signature satisfies. */
  readonly matchers: Matcher[];
}

export class PodCountIndexes {
  private readonly nodes: () => readonly NodeInfo[];
  private readonly namespaceLabels: (namespace: string) => Labels | undefined;
  private readonly matchers = new Map<string, Matcher>();
  private readonly buckets = new Map<string, SignatureBucket>();
  private readonly matchersByAnchor = new ItemsByAnchor<Matcher>();
  private readonly bucketsByLabel = new ItemsByLabel<SignatureBucket>();
  private readonly holders = new Map<string, HolderCount>();
  private holderVersion = 0;
  private readonly holdersOfKind: Record<HolderKind, number> = { requiredAffinity: 0, requiredAntiAffinity: 0, preferredAffinity: 0, preferredAntiAffinity: 0 };
  private readonly holderMatches = new Map<string, { version: number; holders: HolderCount[] }>();
  /** inNamespace's counts by selector and namespace; replaced when reset() drops the counts. */
  private liveBySelector = new WeakMap<CompiledSelector, Map<string, NodeCount>>();
  private allBySelector = new WeakMap<CompiledSelector, Map<string, NodeCount>>();

  constructor(nodes: () => readonly NodeInfo[], namespaceLabels: (namespace: string) => Labels | undefined) {
    this.nodes = nodes;
    this.namespaceLabels = namespaceLabels;
  }

  /**
   * Pods matching every clause — in the clause's namespaces (or in a
   * namespace whose labels its namespaceSelector matches) with labels its
   * selector matches; with `excludeTerminating`, pods being deleted are left
   * out (PodTopologySpread's countPodsMatchSelector).
   */
  matching(clauses: readonly MatchClause[], excludeTerminating: boolean): NodeCount {
    const single = clauses.length === 1 ? (clauses[0] as MatchClause) : undefined;
    if (single !== undefined && single.namespaces.size === 1 && single.namespaceSelector === NOTHING) {
      for (const namespace of single.namespaces) return this.inNamespace(namespace, single.selector, excludeTerminating);
    }
    return this.matchingByKey(clauses, excludeTerminating);
  }

  /**
   * matching() for the common single clause: pods of one namespace whose
   * labels `selector` matches. Compiled selectors are shared objects, so the
   * count is found by identity, without building the canonical key.
   */
  inNamespace(namespace: string, selector: CompiledSelector, excludeTerminating: boolean): NodeCount {
    const memo = excludeTerminating ? this.liveBySelector : this.allBySelector;
    let byNamespace = memo.get(selector);
    if (byNamespace === undefined) {
      byNamespace = new Map();
      memo.set(selector, byNamespace);
    }
    let count = byNamespace.get(namespace);
    if (count === undefined) {
      count = this.matchingByKey([{ namespaces: new Set([namespace]), namespaceSelector: NOTHING, selector }], excludeTerminating);
      byNamespace.set(namespace, count);
    }
    return count;
  }

  private matchingByKey(clauses: readonly MatchClause[], excludeTerminating: boolean): NodeCount {
    const key = `${clauses.map((c) => `${[...c.namespaces].sort().join(',')}|${c.namespaceSelector.key}|${c.selector.key}`).join('&')}|${excludeTerminating ? 'live' : 'all'}`;
    const existing = this.matchers.get(key);
    if (existing !== undefined) return existing.count;
    const count = new NodeCount(key, this.nodes);
    const matcher: Matcher = {
      count,
      matches: (pod, terminating) => {
        if (excludeTerminating && terminating) return false;
        for (const c of clauses) {
          if (!c.namespaces.has(pod.namespace) && !c.namespaceSelector.matches(this.namespaceLabels(pod.namespace))) return false;
          if (!c.selector.matches(pod.labels)) return false;
        }
        return true;
      },
    };
    this.matchers.set(key, matcher);
    const anchor = clauses.find((c) => c.selector.anchor !== undefined)?.selector.anchor;
    this.matchersByAnchor.add(matcher, anchor);
    let byId: Map<number, NodeInfo> | undefined;
    for (const bucket of anchor === undefined ? this.buckets.values() : this.bucketsByLabel.withAnchor(anchor)) {
      if (!matcher.matches(bucket.example, bucket.terminating)) continue;
      bucket.matchers.push(matcher);
      byId ??= this.nodesById();
      for (const [id, n] of bucket.nodes) {
        const node = byId.get(id);
        if (node !== undefined) count.adjust(node, n);
      }
    }
    return count;
  }

  /**
   * The holder groups of `kind` whose term matches `pod`, memoized per pod
   * signature until a group appears or disappears (pods of one Deployment
   * share a signature, so the terms are tested once per Deployment).
   */
  holdersMatching(kind: HolderKind, pod: PodInfo, namespaceLabels: Labels | undefined): HolderCount[] {
    if (this.holdersOfKind[kind] === 0) return [];
    const key = `${kind}|${pod.signature}`;
    const memo = this.holderMatches.get(key);
    if (memo !== undefined && memo.version === this.holderVersion) return memo.holders.filter((h) => h.total > 0);
    const holders: HolderCount[] = [];
    for (const holder of this.holders.values()) {
      if (holder.kind === kind && termMatches(holder.term, pod, namespaceLabels)) holders.push(holder);
    }
    if (this.holderMatches.size > 10_000) this.holderMatches.clear();
    this.holderMatches.set(key, { version: this.holderVersion, holders });
    return holders.filter((h) => h.total > 0);
  }

  /** Whether any placed pod carries a term of this kind. */
  anyHolders(kind: HolderKind): boolean {
    return this.holdersOfKind[kind] > 0;
  }

  onPodAdded(node: NodeInfo, pod: PodInfo): void {
    this.update(node, pod, 1);
  }

  onPodRemoved(node: NodeInfo, pod: PodInfo): void {
    this.update(node, pod, -1);
  }

  /** A node's labels changed: per-domain totals are rebuilt lazily. */
  onNodeLabelsChanged(): void {
    for (const m of this.matchers.values()) m.count.dropDomains();
    for (const h of this.holders.values()) h.dropDomains();
  }

  /** Namespace labels changed: selectors over namespaces must be re-evaluated. */
  reset(): void {
    this.matchers.clear();
    this.matchersByAnchor.clear();
    this.liveBySelector = new WeakMap();
    this.allBySelector = new WeakMap();
    this.holderMatches.clear();
    for (const bucket of this.buckets.values()) bucket.matchers.length = 0;
  }

  private update(node: NodeInfo, pod: PodInfo, delta: 1 | -1): void {
    const signature = pod.terminating ? `${pod.signature}\u0002terminating` : pod.signature;
    let bucket = this.buckets.get(signature);
    if (bucket === undefined) {
      if (delta < 0) return;
      bucket = { example: pod, terminating: pod.terminating, nodes: new Map(), matchers: [] };
      for (const matcher of this.matchersByAnchor.candidatesFor(pod.labels)) if (matcher.matches(pod, pod.terminating)) bucket.matchers.push(matcher);
      this.buckets.set(signature, bucket);
      this.bucketsByLabel.add(bucket, pod.labels);
    }
    const onNode = (bucket.nodes.get(node.id) ?? 0) + delta;
    if (onNode === 0) bucket.nodes.delete(node.id);
    else bucket.nodes.set(node.id, onNode);
    for (const matcher of bucket.matchers) matcher.count.adjust(node, delta);
    if (bucket.nodes.size === 0) {
      this.buckets.delete(signature);
      this.bucketsByLabel.delete(bucket, bucket.example.labels);
    }
    if (pod.hasAffinity) {
      for (const term of pod.requiredAffinityTerms) this.adjustHolder('requiredAffinity', term, 1, node, delta);
      for (const term of pod.requiredAntiAffinityTerms) this.adjustHolder('requiredAntiAffinity', term, 1, node, delta);
      for (const t of pod.preferredAffinityTerms) this.adjustHolder('preferredAffinity', t.term, t.weight, node, delta);
      for (const t of pod.preferredAntiAffinityTerms) this.adjustHolder('preferredAntiAffinity', t.term, t.weight, node, delta);
    }
  }

  private adjustHolder(kind: HolderKind, term: AffinityTerm, weight: number, node: NodeInfo, delta: 1 | -1): void {
    const key = `${kind}|${weight}|${term.key}`;
    let holder = this.holders.get(key);
    if (holder === undefined) {
      if (delta < 0) return;
      holder = new HolderCount(kind, term, weight, this.nodes);
      this.holders.set(key, holder);
      this.holdersOfKind[kind]++;
      this.holderVersion++;
    }
    holder.adjust(node, delta);
    if (holder.total === 0) {
      this.holders.delete(key);
      this.holdersOfKind[kind]--;
      this.holderVersion++;
    }
  }

  private nodesById(): Map<number, NodeInfo> {
    const map = new Map<number, NodeInfo>();
    for (const node of this.nodes()) map.set(node.id, node);
    return map;
  }
}
