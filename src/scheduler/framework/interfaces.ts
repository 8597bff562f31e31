/**
 * The scheduling framework's extension points (kube-scheduler
 * staging/src/k8s.io/kube-scheduler/framework/interface.go): one small
 * interface per point; a plugin implements only the points it needs and the
 * framework finds them with the type guards below. User plugins written in
 * TypeScript implement the same interfaces.
 */
import type { ApiClient } from '../../api/client.js';
import type { Pod } from '../../api/types/pod.js';
import type { Rng } from '../../engine/random.js';
import type { NodeInfo } from './node-info.js';
import type { Status } from './status.js';

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
}

/** A pod in the scheduling queue with its bookkeeping. */
export interface QueuedPodInfo {
  pod: Pod;
  /** When it last entered the queue; reset on every failed attempt (§2.1). */
  timestampMs: number;
  /** When it was first added, for scheduling latency. */
  readonly initialAttemptMs: number;
  /** Scheduling attempts so far (incremented at every pop). */
  attempts: number;
  /** Plugins that rejected it in its last attempt. */
  unschedulablePlugins: Set<string>;
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

export interface PreFilterResult {
  readonly status: Status;
  /** If set, only these nodes are considered (e.g. NodeAffinity on metadata.name). */
  readonly nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterResult;
}

export interface FilterPlugin extends Plugin {
  /** Must read `nodeInfo`, not the shared snapshot: preemption passes modified copies. */
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
}

export interface PostFilterResult {
  readonly status: Status;
  readonly nominatedNodeName?: string;
  /** A message for the FailedScheduling event ("preemption: ..."). */
  readonly message?: string;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, filteredStatuses: ReadonlyMap<string, Status>): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  readonly name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Rescales `scores` in place to 0..100. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  /** Must be idempotent; may be called even if reserve was not. */
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface BindPlugin extends Plugin {
  /** Returns Skip to let the next bind plugin try. */
  bind(state: CycleState, pod: Pod, nodeName: string): Status;
}

export function isQueueSortPlugin(p: Plugin): p is QueueSortPlugin {
  return typeof (p as Partial<QueueSortPlugin>).less === 'function';
}
export function isPreEnqueuePlugin(p: Plugin): p is PreEnqueuePlugin {
  return typeof (p as Partial<PreEnqueuePlugin>).preEnqueue === 'function';
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
export function isBindPlugin(p: Plugin): p is BindPlugin {
  return typeof (p as Partial<BindPlugin>).bind === 'function';
}
