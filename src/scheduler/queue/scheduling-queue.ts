/**
 * The scheduling queue (backend/queue; k8s-scheduler.md §2): activeQ ordered
 * by the QueueSort plugin, backoffQ ordered by aligned back-off expiry,
 * unschedulablePods waiting for a cluster event, and the periodic flushes
 * (backoffQ every whole second; pods parked over 5 minutes every 30 s).
 *
 * Heaps use lazy deletion: an entry is live only while the map still points
 * at the same QueuedPodInfo object.
 */
import FastPriorityQueue from 'fastpriorityqueue';
import { objectKey } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { EventHandle, Simulation } from '../../engine/simulation.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import type { Status } from '../framework/status.js';
import { alignedBackoffExpiryMs, DEFAULT_POD_INITIAL_BACKOFF_MS, DEFAULT_POD_MAX_BACKOFF_MS, isBackingOff } from './backoff.js';

/** DefaultPodMaxInUnschedulablePodsDuration. */
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;
const BACKOFF_FLUSH_PERIOD_MS = 1_000;

/** Cluster events that may make a parked pod schedulable. */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeUpdate'
  | 'AssignedPodDelete'
  | 'AssignedPodUpdate'
  | 'UnscheduledPodUpdate'
  | 'UnschedulableTimeout';

export interface SchedulingQueueOptions {
  readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** PreEnqueue plugins of the pod's profile; a non-success keeps the pod gated. */
  readonly preEnqueue: (pod: Pod) => Status;
  /** Called when a pod may be popped. */
  readonly onActive: () => void;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

interface BackoffEntry {
  readonly info: QueuedPodInfo;
  readonly expiryMs: number;
}

type Location = 'active' | 'backoff' | 'unschedulable' | 'gated' | 'in-flight';

export class SchedulingQueue {
  private readonly sim: Simulation;
  private readonly options: SchedulingQueueOptions;
  private readonly activeQ: FastPriorityQueue<QueuedPodInfo>;
  private readonly backoffQ: FastPriorityQueue<BackoffEntry>;
  private readonly pods = new Map<string, { info: QueuedPodInfo; location: Location; backoff?: BackoffEntry }>();
  private backoffTick: EventHandle | undefined;
  private unschedulableTick: EventHandle | undefined;
  private activeCount = 0;
  private backoffCount = 0;
  private parkedCount = 0;
  /** Bumped by every move request; a pod that failed after one was requested is retried. */
  private moveRequestCycle = 0;
  private schedulingCycle = 0;

  constructor(sim: Simulation, options: SchedulingQueueOptions) {
    this.sim = sim;
    this.options = options;
    this.activeQ = new FastPriorityQueue<QueuedPodInfo>(options.less);
    this.backoffQ = new FastPriorityQueue<BackoffEntry>((a, b) =>
      a.expiryMs < b.expiryMs || (a.expiryMs === b.expiryMs && options.less(a.info, b.info)),
    );
  }

  get pendingActive(): number {
    return this.activeCount;
  }

  get pendingBackoff(): number {
    return this.backoffCount;
  }

  get pendingUnschedulable(): number {
    return this.parkedCount;
  }

  /** The scheduling cycle number of the last pop. */
  get cycle(): number {
    return this.schedulingCycle;
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const key = objectKey(pod.metadata);
    if (this.pods.has(key)) {
      this.update(pod);
      return;
    }
    const now = this.sim.nowMs;
    const info: QueuedPodInfo = { pod, timestampMs: now, initialAttemptMs: now, attempts: 0, unschedulablePlugins: new Set() };
    this.enqueueActiveOrGated(key, info);
  }

  /** A pending pod changed; a parked pod whose spec changed gets another try. */
  update(pod: Pod): void {
    const key = objectKey(pod.metadata);
    const entry = this.pods.get(key);
    if (entry === undefined) {
      this.add(pod);
      return;
    }
    const specChanged = entry.info.pod.spec !== pod.spec;
    entry.info.pod = pod;
    if ((entry.location === 'unschedulable' || entry.location === 'gated') && specChanged) {
      this.removeFromLocation(key);
      this.requeueAfterEvent(key, entry.info);
    } else if (entry.location === 'active') {
      // Re-insert so the heap sees a possibly changed priority.
      this.removeFromLocation(key);
      this.enqueueActiveOrGated(key, entry.info);
    }
  }

  delete(pod: Pod): void {
    const key = objectKey(pod.metadata);
    if (!this.pods.has(key)) return;
    this.removeFromLocation(key);
    this.pods.delete(key);
  }

  /** Takes the next pod: activeQ first, else the head of backoffQ (PopFromBackoffQ). */
  pop(): QueuedPodInfo | undefined {
    let info = this.pollActive();
    if (info === undefined) info = this.pollBackoff();
    if (info === undefined) return undefined;
    info.attempts++;
    this.schedulingCycle++;
    const entry = this.pods.get(objectKey(info.pod.metadata));
    if (entry !== undefined) entry.location = 'in-flight';
    return info;
  }

  /** The scheduling attempt is over and the pod is bound or gone. */
  done(pod: Pod): void {
    const key = objectKey(pod.metadata);
    if (this.pods.get(key)?.location === 'in-flight') this.pods.delete(key);
  }

  /**
   * AddUnschedulableIfNotPresent: the pod failed. If a move was requested
   * while it was in flight it is retried after back-off; otherwise it waits
   * in unschedulablePods. Its queue timestamp resets to now (§2.1).
   */
  addUnschedulable(info: QueuedPodInfo, podCycle: number, rejectors: ReadonlySet<string>): void {
    const key = objectKey(info.pod.metadata);
    const entry = this.pods.get(key);
    if (entry === undefined || entry.location !== 'in-flight') return;
    info.timestampMs = this.sim.nowMs;
    info.unschedulablePlugins = new Set(rejectors);
    if (this.moveRequestCycle >= podCycle || rejectors.size === 0) {
      this.toBackoffOrActive(key, info);
      return;
    }
    entry.location = 'unschedulable';
    this.parkedCount++;
    this.ensureUnschedulableTick();
  }

  /** MoveAllToActiveOrBackoffQueue: every parked pod gets another try after back-off. */
  moveAllToActiveOrBackoff(event: ClusterEvent): void {
    // The 5-minute leftover flush is not a move request for in-flight pods.
    if (event !== 'UnschedulableTimeout') this.moveRequestCycle = this.schedulingCycle;
    for (const [key, entry] of [...this.pods]) {
      if (entry.location !== 'unschedulable') continue;
      if (event === 'UnschedulableTimeout' && this.sim.nowMs - entry.info.timestampMs <= POD_MAX_IN_UNSCHEDULABLE_MS) continue;
      this.removeFromLocation(key);
      this.toBackoffOrActive(key, entry.info);
    }
  }

  /** Whether the pod is known to the queue (pending or in flight). */
  has(pod: Pod): boolean {
    return this.pods.has(objectKey(pod.metadata));
  }

  private enqueueActiveOrGated(key: string, info: QueuedPodInfo): void {
    const gate = this.options.preEnqueue(info.pod);
    if (gate.code !== 'Success') {
      this.pods.set(key, { info, location: 'gated' });
      return;
    }
    this.pods.set(key, { info, location: 'active' });
    this.activeQ.add(info);
    this.activeCount++;
    this.options.onActive();
  }

  private requeueAfterEvent(key: string, info: QueuedPodInfo): void {
    if (info.attempts === 0) this.enqueueActiveOrGated(key, info);
    else this.toBackoffOrActive(key, info);
  }

  private toBackoffOrActive(key: string, info: QueuedPodInfo): void {
    const expiryMs = alignedBackoffExpiryMs(
      info.timestampMs, info.attempts,
      this.options.initialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS,
      this.options.maxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS,
    );
    if (!isBackingOff(expiryMs, this.sim.nowMs)) {
      this.enqueueActiveOrGated(key, info);
      return;
    }
    const backoff: BackoffEntry = { info, expiryMs };
    this.pods.set(key, { info, location: 'backoff', backoff });
    this.backoffQ.add(backoff);
    this.backoffCount++;
    this.ensureBackoffTick();
    this.options.onActive();
  }

  private removeFromLocation(key: string): void {
    const entry = this.pods.get(key);
    if (entry === undefined) return;
    // Heap entries go stale; counters follow the map.
    if (entry.location === 'active') this.activeCount--;
    else if (entry.location === 'backoff') this.backoffCount--;
    else if (entry.location === 'unschedulable') this.parkedCount--;
    entry.location = 'in-flight';
    delete entry.backoff;
  }

  private pollActive(): QueuedPodInfo | undefined {
    for (;;) {
      const info = this.activeQ.poll();
      if (info === undefined) return undefined;
      const entry = this.pods.get(objectKey(info.pod.metadata));
      if (entry?.info === info && entry.location === 'active') {
        this.activeCount--;
        return info;
      }
    }
  }

  private pollBackoff(): QueuedPodInfo | undefined {
    for (;;) {
      const head = this.backoffQ.poll();
      if (head === undefined) return undefined;
      const entry = this.pods.get(objectKey(head.info.pod.metadata));
      if (entry?.backoff === head && entry.location === 'backoff') {
        this.backoffCount--;
        delete entry.backoff;
        return head.info;
      }
    }
  }

  private ensureBackoffTick(): void {
    if (this.backoffTick !== undefined) return;
    const next = (Math.floor(this.sim.nowMs / BACKOFF_FLUSH_PERIOD_MS) + 1) * BACKOFF_FLUSH_PERIOD_MS;
    this.backoffTick = this.sim.at(next, () => {
      this.backoffTick = undefined;
      this.flushBackoffCompleted();
      if (this.backoffCount > 0) this.ensureBackoffTick();
    }, 'scheduler backoff flush');
  }

  /** flushBackoffQCompleted: pods whose back-off ended move to activeQ. */
  private flushBackoffCompleted(): void {
    for (;;) {
      const head = this.backoffQ.peek();
      if (head === undefined) return;
      const key = objectKey(head.info.pod.metadata);
      const entry = this.pods.get(key);
      if (entry?.backoff !== head) {
        this.backoffQ.poll();
        continue;
      }
      if (isBackingOff(head.expiryMs, this.sim.nowMs)) return;
      this.backoffQ.poll();
      this.removeFromLocation(key);
      this.enqueueActiveOrGated(key, head.info);
    }
  }

  private ensureUnschedulableTick(): void {
    if (this.unschedulableTick !== undefined) return;
    const next = (Math.floor(this.sim.nowMs / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1) * UNSCHEDULABLE_FLUSH_PERIOD_MS;
    this.unschedulableTick = this.sim.at(next, () => {
      this.unschedulableTick = undefined;
      this.moveAllToActiveOrBackoff('UnschedulableTimeout');
      if (this.parkedCount > 0) this.ensureUnschedulableTick();
    }, 'scheduler unschedulable flush');
  }
}
