/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go): activeQ ordered
 * by the QueueSort plugin; two backoff heaps ordered by aligned expiry (pods
 * rejected by plugins, and pods that failed with an internal error, which
 * PopFromBackoffQ never takes early); unschedulablePods (also holding pods a
 * PreEnqueue plugin gates) waiting for a cluster event whose queueing hints
 * say Queue; and the periodic flushes (backoff every whole second, pods
 * parked over 5 minutes every 30 s). Events seen while a pod is in flight
 * are replayed through its rejectors' hints when it fails.
 *
 * Heaps use lazy deletion: an entry is live only while the map still points
 * at the same entry object.
 */
import { objectKey } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import { Heap } from '../../engine/heap.js';
import type { EventHandle, Simulation } from '../../engine/simulation.js';
import { EVENT_UNSCHEDULABLE_TIMEOUT, eventMatches, isWildcard, podChangeEvents, type ClusterEvent } from '../framework/cluster-events.js';
import type { RegisteredHint } from '../framework/framework.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import type { Status } from '../framework/status.js';
import { alignedBackoffExpiryMs, DEFAULT_POD_INITIAL_BACKOFF_MS, DEFAULT_POD_MAX_BACKOFF_MS, isBackingOff } from './backoff.js';

/** DefaultPodMaxInUnschedulablePodsDuration. */
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;
const BACKOFF_FLUSH_PERIOD_MS = 1_000;
/** A new pod's empty plugin sets, shared: two Sets per pending pod were a tenth of what a 50,000-pod queue keeps. */
const NO_PLUGINS: ReadonlySet<string> = new Set();

export interface SchedulingQueueOptions {
  readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** PreEnqueue plugins of the pod's profile; a non-success keeps the pod gated. */
  readonly preEnqueue: (pod: Pod) => Status;
  /** The queueing hints of the pod's profile. */
  readonly hintsFor: (pod: Pod) => readonly RegisteredHint[];
  /** Called when a pod may be popped. */
  readonly onActive: () => void;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

type Strategy = 'skip' | 'afterBackoff' | 'immediately';
type Location = 'active' | 'backoff' | 'errorBackoff' | 'unschedulable' | 'in-flight';

interface BackoffEntry {
  readonly info: QueuedPodInfo;
  readonly expiryMs: number;
}

interface Entry {
  info: QueuedPodInfo;
  location: Location;
  backoff?: BackoffEntry;
  /** Held back by a PreEnqueue plugin. */
  gated?: boolean;
}

interface RecordedEvent {
  readonly event: ClusterEvent;
  readonly oldObj: unknown;
  readonly newObj: unknown;
}

export class SchedulingQueue {
  private readonly sim: Simulation;
  private readonly options: SchedulingQueueOptions;
  private readonly activeQ: Heap<QueuedPodInfo>;
  private readonly backoffQ: Heap<BackoffEntry>;
  private readonly errorBackoffQ: Heap<BackoffEntry>;
  private readonly pods = new Map<string, Entry>();
  private readonly counts: Record<Location, number> = { active: 0, backoff: 0, errorBackoff: 0, unschedulable: 0, 'in-flight': 0 };
  /** Events since the oldest in-flight pod was popped, and where each in-flight pod's part starts. */
  private readonly inFlightEvents: RecordedEvent[] = [];
  private readonly inFlight = new Map<string, number>();
  private backoffTick: EventHandle | undefined;
  private unschedulableTick: EventHandle | undefined;
  private schedulingCycle = 0;

  constructor(sim: Simulation, options: SchedulingQueueOptions) {
    this.sim = sim;
    this.options = options;
    this.activeQ = new Heap<QueuedPodInfo>(options.less);
    const byExpiry = (a: BackoffEntry, b: BackoffEntry): boolean => a.expiryMs < b.expiryMs || (a.expiryMs === b.expiryMs && options.less(a.info, b.info));
    this.backoffQ = new Heap<BackoffEntry>(byExpiry);
    this.errorBackoffQ = new Heap<BackoffEntry>(byExpiry);
  }

  get pendingActive(): number {
    return this.counts.active;
  }

  get pendingBackoff(): number {
    return this.counts.backoff + this.counts.errorBackoff;
  }

  get pendingUnschedulable(): number {
    return this.counts.unschedulable;
  }

  /** The scheduling cycle number of the last pop. */
  get cycle(): number {
    return this.schedulingCycle;
  }

  /**
   * Whether a cluster event can matter: a parked pod it may move, or a pod
   * in flight that records it. When neither, onClusterEvent does nothing, so
   * callers skip working out the events (most are kubelet status writes).
   */
  get awaitsClusterEvents(): boolean {
    return this.counts.unschedulable > 0 || this.inFlight.size > 0;
  }

  /** Whether a pop would return a pod (activeQ, or the plugin backoff heap through PopFromBackoffQ). */
  get hasPoppable(): boolean {
    return this.counts.active + this.counts.backoff > 0;
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const key = objectKey(pod.metadata);
    if (this.pods.has(key)) return;
    const now = this.sim.nowMs;
    const info: QueuedPodInfo = { pod, timestampMs: now, initialAttemptMs: now, attempts: 0, unschedulablePlugins: NO_PLUGINS, pendingPlugins: NO_PLUGINS };
    this.moveToActiveQ(key, info);
  }

  /** A pending pod changed (Update): its own change may make it schedulable. */
  update(oldPod: Pod, pod: Pod): void {
    const key = objectKey(pod.metadata);
    const entry = this.pods.get(key);
    if (entry === undefined) {
      this.add(pod);
      return;
    }
    entry.info.pod = pod;
    switch (entry.location) {
      case 'active':
        // Re-insert so the heap sees a possibly changed priority.
        this.setLocation(key, entry, 'in-flight');
        this.moveToActiveQ(key, entry.info);
        return;
      case 'in-flight':
        for (const event of podChangeEvents(oldPod, pod)) this.record(event, oldPod, pod);
        return;
      case 'unschedulable':
        for (const event of podChangeEvents(oldPod, pod)) {
          const strategy = this.worthRequeuing(entry.info, event, oldPod, pod);
          if (strategy === 'skip') continue;
          this.setLocation(key, entry, 'in-flight');
          this.requeue(key, entry.info, strategy);
          return;
        }
        return;
      default:
        return;
    }
  }

  delete(pod: Pod): void {
    const key = objectKey(pod.metadata);
    const entry = this.pods.get(key);
    if (entry === undefined) return;
    this.setLocation(key, entry, 'in-flight');
    this.pods.delete(key);
    this.counts['in-flight']--;
    this.inFlight.delete(key);
    this.trimEvents();
  }

  /** Takes the next pod: activeQ first, else the head of the plugin backoff heap (PopFromBackoffQ). */
  pop(): QueuedPodInfo | undefined {
    const entry = this.pollActive() ?? this.pollBackoff();
    if (entry === undefined) return undefined;
    const key = objectKey(entry.info.pod.metadata);
    this.setLocation(key, entry, 'in-flight');
    entry.info.attempts++;
    this.schedulingCycle++;
    this.inFlight.set(key, this.inFlightEvents.length);
    return entry.info;
  }

  /** The scheduling attempt is over and the pod is bound or gone. */
  done(pod: Pod): void {
    const key = objectKey(pod.metadata);
    const entry = this.pods.get(key);
    if (entry?.location === 'in-flight') {
      this.pods.delete(key);
      this.counts['in-flight']--;
    }
    this.inFlight.delete(key);
    this.trimEvents();
  }

  /**
   * AddUnschedulableIfNotPresent: the pod failed. The events seen while it
   * was in flight go through its rejectors' hints: one that says Queue sends
   * it to backoff (or activeQ), otherwise it waits in unschedulablePods. Its
   * queue timestamp resets to now (scheduling_queue.go AddUnschedulableIfNotPresent).
   */
  addUnschedulable(info: QueuedPodInfo, rejectors: ReadonlySet<string>, pending: ReadonlySet<string> = NO_PLUGINS): void {
    const key = objectKey(info.pod.metadata);
    const entry = this.pods.get(key);
    if (entry === undefined || entry.location !== 'in-flight') return;
    info.timestampMs = this.sim.nowMs;
    info.unschedulablePlugins = new Set(rejectors);
    info.pendingPlugins = new Set(pending);
    const start = this.inFlight.get(key) ?? this.inFlightEvents.length;
    this.inFlight.delete(key);
    let strategy: Strategy = rejectors.size + pending.size === 0 ? 'afterBackoff' : 'skip';
    for (let i = start; i < this.inFlightEvents.length && strategy !== 'immediately'; i++) {
      const e = this.inFlightEvents[i] as RecordedEvent;
      const s = this.worthRequeuing(info, e.event, e.oldObj, e.newObj);
      if (s === 'immediately' || (s === 'afterBackoff' && strategy === 'skip')) strategy = s;
    }
    this.trimEvents();
    this.requeue(key, info, strategy);
  }

  /**
   * MoveAllToActiveOrBackoffQueue / movePodsToActiveOrBackoffQueue: every
   * parked pod (or those `only` accepts) whose rejectors' hints say Queue
   * leaves unschedulablePods.
   */
  onClusterEvent(event: ClusterEvent, oldObj: unknown, newObj: unknown, only?: (info: QueuedPodInfo) => boolean): void {
    this.record(event, oldObj, newObj);
    if (this.counts.unschedulable === 0) return;
    for (const [key, entry] of [...this.pods]) {
      if (entry.location !== 'unschedulable') continue;
      if (only !== undefined && !only(entry.info)) continue;
      if (event === EVENT_UNSCHEDULABLE_TIMEOUT && (entry.gated === true || this.sim.nowMs - entry.info.timestampMs <= POD_MAX_IN_UNSCHEDULABLE_MS)) continue;
      const strategy = this.worthRequeuing(entry.info, event, oldObj, newObj);
      if (strategy === 'skip') continue;
      this.setLocation(key, entry, 'in-flight');
      this.requeue(key, entry.info, strategy);
    }
  }

  /** Whether the pod is known to the queue (pending or in flight). */
  has(pod: Pod): boolean {
    return this.pods.has(objectKey(pod.metadata));
  }

  /** Pods parked in unschedulablePods (for cross-topology pre-filtering and reports). */
  parked(): QueuedPodInfo[] {
    const out: QueuedPodInfo[] = [];
    for (const entry of this.pods.values()) if (entry.location === 'unschedulable') out.push(entry.info);
    return out;
  }

  /** isPodWorthRequeuing. */
  private worthRequeuing(info: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): Strategy {
    const rejectors = new Set([...info.unschedulablePlugins, ...info.pendingPlugins]);
    if (rejectors.size === 0) return 'afterBackoff';
    if (isWildcard(event)) return event.label === 'ForceActivate' ? 'immediately' : 'afterBackoff';
    let strategy: Strategy = 'skip';
    for (const hint of this.options.hintsFor(info.pod)) {
      if (!rejectors.has(hint.plugin) || !eventMatches(hint.event, event)) continue;
      if (hint.hint(info.pod, oldObj, newObj) === 'QueueSkip') continue;
      if (info.pendingPlugins.has(hint.plugin)) return 'immediately';
      if (info.pendingPlugins.size === 0) return 'afterBackoff';
      strategy = 'afterBackoff';
    }
    return strategy;
  }

  private record(event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (this.inFlight.size > 0) this.inFlightEvents.push({ event, oldObj, newObj });
  }

  private trimEvents(): void {
    if (this.inFlight.size === 0) this.inFlightEvents.length = 0;
  }

  private requeue(key: string, info: QueuedPodInfo, strategy: Strategy): void {
    if (strategy === 'skip') {
      this.park(key, info, false);
      return;
    }
    if (strategy === 'afterBackoff') {
      const expiryMs = alignedBackoffExpiryMs(
        info.timestampMs, info.attempts,
        this.options.initialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS,
        this.options.maxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS,
      );
      if (info.attempts > 0 && isBackingOff(expiryMs, this.sim.nowMs)) {
        this.toBackoff(key, info, expiryMs);
        return;
      }
    }
    this.moveToActiveQ(key, info);
  }

  private moveToActiveQ(key: string, info: QueuedPodInfo): void {
    const gate = this.options.preEnqueue(info.pod);
    if (gate.code !== 'Success') {
      info.unschedulablePlugins = new Set(gate.plugin === undefined ? [] : [gate.plugin]);
      this.park(key, info, true);
      return;
    }
    this.place(key, { info, location: 'active' });
    this.activeQ.add(info);
    this.options.onActive();
  }

  private toBackoff(key: string, info: QueuedPodInfo, expiryMs: number): void {
    const backoff: BackoffEntry = { info, expiryMs };
    // Pods that failed without a plugin's rejection back off in the error heap.
    const errorPath = info.unschedulablePlugins.size + info.pendingPlugins.size === 0;
    this.place(key, { info, location: errorPath ? 'errorBackoff' : 'backoff', backoff });
    (errorPath ? this.errorBackoffQ : this.backoffQ).add(backoff);
    this.ensureBackoffTick();
    if (!errorPath) this.options.onActive();
  }

  private park(key: string, info: QueuedPodInfo, gated: boolean): void {
    this.place(key, gated ? { info, location: 'unschedulable', gated } : { info, location: 'unschedulable' });
    this.ensureUnschedulableTick();
  }

  private place(key: string, entry: Entry): void {
    const previous = this.pods.get(key);
    if (previous !== undefined) this.counts[previous.location]--;
    this.pods.set(key, entry);
    this.counts[entry.location]++;
  }

  private setLocation(key: string, entry: Entry, location: Location): void {
    this.counts[entry.location]--;
    entry.location = location;
    this.counts[location]++;
    delete entry.backoff;
    delete entry.gated;
    this.pods.set(key, entry);
  }

  private pollActive(): Entry | undefined {
    for (;;) {
      const info = this.activeQ.poll();
      if (info === undefined) return undefined;
      const entry = this.pods.get(objectKey(info.pod.metadata));
      if (entry?.info === info && entry.location === 'active') return entry;
    }
  }

  private pollBackoff(): Entry | undefined {
    for (;;) {
      const head = this.backoffQ.poll();
      if (head === undefined) return undefined;
      const entry = this.pods.get(objectKey(head.info.pod.metadata));
      if (entry?.backoff === head && entry.location === 'backoff') return entry;
    }
  }

  private ensureBackoffTick(): void {
    if (this.backoffTick !== undefined) return;
    const next = (Math.floor(this.sim.nowMs / BACKOFF_FLUSH_PERIOD_MS) + 1) * BACKOFF_FLUSH_PERIOD_MS;
    this.backoffTick = this.sim.at(next, () => {
      this.backoffTick = undefined;
      this.flushBackoffCompleted(this.backoffQ);
      this.flushBackoffCompleted(this.errorBackoffQ);
      if (this.counts.backoff + this.counts.errorBackoff > 0) this.ensureBackoffTick();
    }, 'scheduler backoff flush');
  }

  /** flushBackoffQCompleted: pods whose back-off ended move to activeQ. */
  private flushBackoffCompleted(heap: Heap<BackoffEntry>): void {
    for (;;) {
      const head = heap.peek();
      if (head === undefined) return;
      const key = objectKey(head.info.pod.metadata);
      const entry = this.pods.get(key);
      if (entry?.backoff !== head) {
        heap.poll();
        continue;
      }
      if (isBackingOff(head.expiryMs, this.sim.nowMs)) return;
      heap.poll();
      this.setLocation(key, entry, 'in-flight');
      this.moveToActiveQ(key, head.info);
    }
  }

  private ensureUnschedulableTick(): void {
    if (this.unschedulableTick !== undefined) return;
    const next = (Math.floor(this.sim.nowMs / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1) * UNSCHEDULABLE_FLUSH_PERIOD_MS;
    this.unschedulableTick = this.sim.at(next, () => {
      this.unschedulableTick = undefined;
      // flushUnschedulablePodsLeftover: a wildcard event for pods parked over 5 minutes.
      this.onClusterEvent(EVENT_UNSCHEDULABLE_TIMEOUT, undefined, undefined);
      if (this.counts.unschedulable > 0) this.ensureUnschedulableTick();
    }, 'scheduler unschedulable flush');
  }
}
