/**
 * What node autoscaling and node cost need from a run, seen from the store:
 * Nodes per pool over time (from their `kubesim.io/pool` label), how long
 * each pod waited for a node (from the scheduler's first
 * PodScheduled=False/Unschedulable to its binding) and the Cluster
 * Autoscaler's scale decisions (its Events). metrics/autoscaling-section.ts
 * turns these into report.json's `autoscaling` section.
 */
import type { KubeEvent } from '../../api/types/core.js';
import type { StoreChange } from '../../api/watch.js';
import { POOL_LABEL } from '../../scenario/nodes.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import type { RecorderPart } from './part.js';

/** The Cluster Autoscaler's decisions shown on the timeline (reasons of its Events). */
export const SCALE_DECISION_REASONS: ReadonlySet<string> = new Set(['ScaledUpGroup', 'ScaleDownEmpty', 'ScaleDown', 'ScaleUpTimedOut', 'FailedToScaleUpGroup', 'ScaleDownFailed']);
const CLUSTER_AUTOSCALER = 'cluster-autoscaler';

export interface PoolNodesPoint {
  readonly tMs: number;
  readonly nodes: number;
}

export interface ScaleDecision {
  readonly tMs: number;
  readonly reason: string;
  readonly message: string;
}

export interface AutoscalerRecording {
  /** Node count per pool after each change, from t=0. */
  readonly pools: ReadonlyMap<string, readonly PoolNodesPoint[]>;
  /** Pods that got a node after being unschedulable: how long they waited. */
  readonly waitedMs: readonly number[];
  /** Pods still unschedulable at the end (not deleted): how long they have waited. */
  readonly stillWaitingMs: readonly number[];
  readonly decisions: readonly ScaleDecision[];
}

export class AutoscalerRecorder implements RecorderPart {
  readonly kinds = ['Node', 'Pod'] as const;
  private readonly pools = new Map<string, PoolNodesPoint[]>();
  private readonly counts = new Map<string, number>();
  private readonly waited: number[] = [];
  private readonly decisions: ScaleDecision[] = [];

  /** `slots`: the live pods' slots (when each was first marked Unschedulable), shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    const object = change.object;
    if (object.kind === 'Node') {
      if (change.type === 'MODIFIED') return;
      const pool = object.metadata.labels?.[POOL_LABEL];
      if (pool === undefined) return;
      const count = (this.counts.get(pool) ?? 0) + (change.type === 'ADDED' ? 1 : -1);
      this.counts.set(pool, count);
      let series = this.pools.get(pool);
      if (series === undefined) {
        series = [];
        this.pools.set(pool, series);
      }
      const last = series[series.length - 1];
      if (last !== undefined && last.tMs === atMs) series[series.length - 1] = { tMs: atMs, nodes: count };
      else series.push({ tMs: atMs, nodes: count });
      return;
    }
    if (object.kind === 'Pod') this.slots.feed(change, atMs, this);
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    const since = slot.unschedulableSinceMs;
    if (pod.deleted) {
      slot.unschedulableSinceMs = undefined;
      return;
    }
    if (pod.nodeName !== '') {
      if (since !== undefined) {
        this.waited.push(atMs - since);
        slot.unschedulableSinceMs = undefined;
      }
      return;
    }
    if (since !== undefined) return;
    const condition = pod.scheduledCondition;
    if (condition?.status === 'False' && condition.reason === 'Unschedulable') slot.unschedulableSinceMs = atMs;
  }

  onEvent(event: KubeEvent, atMs: number): void {
    if (event.source !== CLUSTER_AUTOSCALER || !SCALE_DECISION_REASONS.has(event.reason)) return;
    // The status ConfigMap carries the cluster-wide decisions; the Node and pod events repeat them per object.
    if (event.involvedObject.kind !== 'ConfigMap' && event.reason !== 'ScaleDownFailed') return;
    this.decisions.push({ tMs: atMs, reason: event.reason, message: event.message });
  }

  /**
   * How long the pods still unschedulable have waited, in the order they
   * were marked (by time: pods marked at one instant have waited as long).
   */
  private stillWaitingMs(endMs: number): number[] {
    const since: number[] = [];
    for (const slot of this.slots.values()) if (slot.unschedulableSinceMs !== undefined) since.push(slot.unschedulableSinceMs);
    return since.sort((a, b) => a - b).map((t) => endMs - t);
  }

  recording(endMs: number): AutoscalerRecording {
    return {
      pools: this.pools,
      waitedMs: this.waited,
      stillWaitingMs: this.stillWaitingMs(endMs),
      decisions: this.decisions,
    };
  }
}
