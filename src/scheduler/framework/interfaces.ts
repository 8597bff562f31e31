/**
 * The scheduling framework's extension points (kube-scheduler
 * staging/src/k8s.io/kube-scheduler/framework/interface.go): one small
 * interface per point; a plugin implements only the points it needs and the
 * framework finds them with the type guards below. User plugins written in
 * TypeScript implement the same interfaces (docs/scheduler.md).
 */
import type { ApiClient } from '../../api/client.js';
import type { Labels } from '../../api/labels.js';
import type { ReplicaSet } from '../../api/types/apps.js';
import type { Service } from '../../api/types/core.js';
import type { KubeObject } from '../../api/types/meta.js';
import type { Pod, TaintEffect } from '../../api/types/pod.js';
import type { Rng } from '../../engine/random.js';
import type { ImageNodes } from '../indexes/image-nodes.js';
import type { PodCountIndexes } from '../indexes/pod-count-indexes.js';
import type { ClusterEventWithHint } from './cluster-events.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import type { Status } from './status.js';

/** State a plugin stores in CycleState may implement this so preemption's dry runs get their own copy. */
export interface Cloneable<T> {
  clone(): T;
}

function isCloneable(value: unknown): value is Cloneable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Cloneable<unknown>>).clone === 'function';
}

/** Per-cycle scratch space: PreFilter/PreScore write, Filter/Score read. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreScore returned Skip for this pod. */
  readonly skipScorePlugins = new Set<string>();
  /** Plugins whose PreFilter returned Skip for this pod. */
  readonly skipFilterPlugins = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  /** CycleState.Clone: values with a clone() method are copied, others shared. */
  clone(): CycleState {
    const copy = new CycleState();
    for (const [key, value] of this.data) copy.data.set(key, isCloneable(value) ? value.clone() : value);
    for (const name of this.skipScorePlugins) copy.skipScorePlugins.add(name);
    for (const name of this.skipFilterPlugins) copy.skipFilterPlugins.add(name);
    return copy;
  }
}

/** A pod in the scheduling queue with its bookkeeping. */
export interface QueuedPodInfo {
  pod: Pod;
  /** When it last entered the queue; reset on every failed attempt (scheduling_queue.go AddUnschedulableIfNotPresent). */
  timestampMs: number;
  /** When it was first added, for scheduling latency. */
  readonly initialAttemptMs: number;
  /** Scheduling attempts so far (incremented at every pop). */
  attempts: number;
  /** Plugins that rejected it in its last attempt (replaced, never changed in place). */
  unschedulablePlugins: ReadonlySet<string>;
  /** Plugins that returned Pending in its last attempt (replaced, never changed in place). */
  pendingPlugins: ReadonlySet<string>;
}

/** The scheduler's informer caches, read-only, for plugins (SharedInformerFactory listers). */
export interface Listers {
  services(namespace: string): readonly Service[];
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): KubeObject | undefined;
  podDisruptionBudgets(): readonly KubeObject[];
  /** Labels of a namespace (undefined if the namespace is unknown). */
  namespaceLabels(namespace: string): Labels | undefined;
  pod(namespace: string, name: string): Pod | undefined;
  /** Bumped whenever a Service, ReplicaSet, StatefulSet or Namespace changes (for caches of derived selectors). */
  generation(): number;
  /** Values of a node label across all nodes, and how many nodes lack it. */
  labelValues(key: string): { readonly values: ReadonlySet<string>; readonly nodesWithout: number };
  /** Node label `key` as small integers: ids[node.id] indexes `values`, −1 where a node lacks it. */
  labelValueIds(key: string): { readonly ids: Int32Array; readonly values: readonly string[]; readonly idOf: ReadonlyMap<string, number> };
}

/** A pod waiting at Permit (framework.WaitingPod). */
export interface WaitingPod {
  readonly pod: Pod;
  /** Plugins that still have to allow it. */
  pendingPlugins(): string[];
  allow(pluginName: string): void;
  reject(pluginName: string, message: string): void;
}

/** What plugins may use from the scheduler. */
export interface FrameworkHandle {
  /** Current simulated time. */
  nowMs(): number;
  /** All nodes of the current snapshot, in snapshot order. */
  nodeInfos(): readonly NodeInfo[];
  /** The scheduler's node view by name. */
  nodeInfo(name: string): NodeInfo | undefined;
  /** A random stream owned by the scheduler (named per plugin). */
  rng(name: string): Rng;
  /** The scheduler's API client (binding, preemption). */
  readonly client: ApiClient;
  readonly listers: Listers;
  /** Counts of pods matching selectors, per node and per topology domain, kept with the cache. */
  readonly podCounts: PodCountIndexes;
  /** How many nodes list `image` (normalized name) in their status (ImageLocality's spread). */
  nodesWithImage(image: string): number;
  /**
   * The scheduler cache's index of image sizes by node (ImageLocality reads
   * it instead of each node's images); absent where no scheduler cache
   * keeps one.
   */
  readonly images?: ImageNodes;
  /** How many nodes carry at least one taint with `effect`. */
  nodesWithTaintEffect(effect: TaintEffect): number;
  /** How many nodes are cordoned (spec.unschedulable). */
  unschedulableNodes(): number;
  /** Pods nominated to a node by preemption (PodNominator), in nomination order. */
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  /** Pods waiting at Permit. */
  waitingPod(uid: string): WaitingPod | undefined;
  /** The scheduler name pods of this profile carry (for messages). */
  readonly profileName: string;
  /** RunFilterPluginsWithNominatedPods of this profile (framework/runtime/framework.go). */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
  /** PreFilter extensions of this profile: keep per-cycle state in step with a pod added to or removed from a node copy. */
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podToRemove: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface Plugin {
  readonly name: string;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status;
}

/** Plugins that know which cluster events may undo their rejection (EnqueueExtensions). */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): readonly ClusterEventWithHint[];
}

export interface PreFilterResult {
  readonly status: Status;
  /** If set, only these nodes are considered (e.g. NodeAffinity on metadata.name). */
  readonly nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterResult;
  /** Optional PreFilterExtensions: update the state for a pod added to / removed from `nodeInfo`. */
  addPod?(state: CycleState, podToSchedule: Pod, podToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  removePod?(state: CycleState, podToSchedule: Pod, podToRemove: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface FilterPlugin extends Plugin {
  /** Must read `nodeInfo`, not the shared snapshot: preemption passes modified copies. */
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
  /**
   * Optional batch form, same verdicts as `filter`: for each of the first
   * `count` nodes whose `statuses[i]` is still undefined, set it to the
   * rejection, or leave it undefined if the node passes. (A loop inside the
   * plugin is much faster than one call per node from the framework.)
   */
  filterAll?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>): void;
  /**
   * Optional: declares the filter node-local for this pod. Its verdict on a
   * node must depend only on the NodeInfo (so on nothing that leaves the
   * node's generation unchanged) and on the parts of the pod, and of what
   * its own PreFilter wrote to `state`, that the returned string names:
   * two pods with equal keys get equal verdicts on equal node states.
   * Undefined (or no method) when the verdict depends on anything else
   * (other nodes, other pods, the clock). When every filter that runs for
   * a pod gives a key, the framework reuses the verdicts of an earlier pod
   * with the same keys on nodes whose generation has not moved
   * (framework/filter-verdicts.ts).
   */
  filterKey?(state: CycleState, pod: Pod): string | undefined;
}

export interface PostFilterResult {
  readonly status: Status;
  /** A node to nominate; the empty string clears an earlier nomination. */
  readonly nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** `filteredStatuses` has every node's status; nodes missing from it were not evaluated. */
  postFilter(state: CycleState, pod: Pod, filteredStatuses: ReadonlyMap<string, Status>): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  /** `nodes` (the feasible nodes) is reused by the next cycle: copy what must outlive this one. */
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Rescales `scores` in place to 0..100. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
  /** Optional batch forms, same results: scores of the first `count` nodes into `out`, and their normalization in place. */
  scoreAll?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], count: number, out: Float64Array): void;
  normalizeAll?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], count: number, scores: Float64Array): void;
  /**
   * Optional: the normalized score every one of the first `count` nodes
   * would get, when the plugin can tell without scoring them one by one (no
   * node has a PreferNoSchedule taint; no node holds the pod's images), else
   * undefined. The framework then adds it to every total instead of scoring
   * and normalizing; a score breakdown (explain) still scores node by node.
   */
  uniformScore?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], count: number): number | undefined;
  /**
   * Optional, for a plugin without normalizeScore or uniformScore (or one
   * whose normalization keeps the top, normalizeKeepsTop) whose
   * score of a node depends only on the node (its NodeInfo generation) and
   * on what this key of the pod names, whatever the cycle: the framework may
   * then keep scores from pod to pod and call score() only for the nodes
   * changed since, and again for the node chosen (so that what score()
   * records in the cycle state for it, a GPU device, is there for Reserve).
   */
  scoreKey?(state: CycleState, pod: Pod): string;
  /**
   * Optional, for a plugin that normalizes: its normalization gives the
   * highest normalized score to the nodes of the highest raw score and to
   * no other (BestFit's min–max of integer raw scores: only the top maps to
   * 100, or every node to 0 when all are equal). When it is the only score
   * plugin that runs, the node its totals choose, ties to the smallest
   * name, is the node of the highest raw score, ties to the smallest name:
   * with a scoreKey, the framework may keep its integer raw scores from pod
   * to pod as it keeps the scores of a plugin that does not normalize.
   */
  normalizeKeepsTop?: boolean;
  /**
   * Optional: the one node of PreScore's list that this plugin scores above
   * 0 in this cycle (it gives MAX_NODE_SCORE, every other node 0), when it
   * knows without scoring; undefined otherwise. When it is the only score
   * plugin that runs, that node alone has the highest total, so the
   * framework takes it without scoring (no tie, so no tie-break draw).
   */
  soleScored?(state: CycleState, pod: Pod): NodeInfo | undefined;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  /** Must be idempotent; may be called even if reserve was not. */
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface PermitResult {
  /** Success, a rejection, or Wait (then `timeoutMs` applies). */
  readonly status: Status;
  readonly timeoutMs?: number;
}

export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: Pod, nodeName: string): PermitResult;
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: Pod, nodeName: string): Status;
}

export interface BindPlugin extends Plugin {
  /** Returns Skip to let the next bind plugin try. */
  bind(state: CycleState, pod: Pod, nodeName: string): Status;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: Pod, nodeName: string): void;
}

/**
 * Told when a bound pod is deleted (the scheduler's informer saw it go and
 * its cache released it from the node), for plugins that keep their own
 * per-node state; NodeInfo (pods, requests, GPU devices) is already updated.
 * Not an upstream extension point: upstream plugins watch informers.
 */
export interface PodDeletedPlugin extends Plugin {
  podDeleted(pod: Pod, nodeName: string): void;
}

export function isPodDeletedPlugin(p: Plugin): p is PodDeletedPlugin {
  return typeof (p as Partial<PodDeletedPlugin>).podDeleted === 'function';
}

export function isQueueSortPlugin(p: Plugin): p is QueueSortPlugin {
  return typeof (p as Partial<QueueSortPlugin>).less === 'function';
}
export function isPreEnqueuePlugin(p: Plugin): p is PreEnqueuePlugin {
  return typeof (p as Partial<PreEnqueuePlugin>).preEnqueue === 'function';
}
export function isEnqueueExtensions(p: Plugin): p is EnqueueExtensions {
  return typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function';
}
export function isPreFilterPlugin(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
}
export function isFilterPlugin(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function';
}
export function isPostFilterPlugin(p: Plugin): p is PostFilterPlugin {
  return typeof (p as Partial<PostFilterPlugin>).postFilter === 'function';
}
export function isPreScorePlugin(p: Plugin): p is PreScorePlugin {
  return typeof (p as Partial<PreScorePlugin>).preScore === 'function';
}
export function isScorePlugin(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function';
}
export function isReservePlugin(p: Plugin): p is ReservePlugin {
  return typeof (p as Partial<ReservePlugin>).reserve === 'function';
}
export function isPermitPlugin(p: Plugin): p is PermitPlugin {
  return typeof (p as Partial<PermitPlugin>).permit === 'function';
}
export function isPreBindPlugin(p: Plugin): p is PreBindPlugin {
  return typeof (p as Partial<PreBindPlugin>).preBind === 'function';
}
export function isBindPlugin(p: Plugin): p is BindPlugin {
  return typeof (p as Partial<BindPlugin>).bind === 'function';
}
export function isPostBindPlugin(p: Plugin): p is PostBindPlugin {
  return typeof (p as Partial<PostBindPlugin>).postBind === 'function';
}
