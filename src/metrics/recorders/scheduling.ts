/**
 * Scheduling as seen from outside the scheduler: attempts and failure
 * reasons per pod (FailedScheduling and Scheduled events), preemptions
 * (Preempted events), the share of each resource requested over time
 * cluster-wide (cpu, memory and extended resources such as nvidia.com/gpu),
 * and, at the end, fragmentation: the share of free capacity sitting on
 * nodes where none of the pending pods fits. Only store changes and events
 * are read, never the scheduler's internals.
 */
import { quantityToInteger } from '../../api/quantity.js';
import { amountOf, emptyVector, vectorFromList, type ResourceVector } from '../../api/resources.js';
import type { KubeEvent } from '../../api/types/core.js';
import type { Node } from '../../api/types/node.js';
import type { StoreChange } from '../../api/watch.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import { sameAllocationPoint, sameShares } from '../point-equality.js';
import { pushPoint } from '../series.js';
import type { AllocationPoint, PodRecord, SchedulingRecording } from '../types.js';
import type { RecorderPart } from './part.js';

interface NodeState {
  allocatable: ResourceVector;
  /** Requests of the pods counted on it. */
  used: ResourceVector;
  pods: number;
  podLimit: number;
  schedulable: boolean;
}

function resourceNames(vector: Readonly<ResourceVector>): string[] {
  return ['cpu', 'memory', ...vector.scalar.keys()];
}

export class SchedulingRecorder implements RecorderPart {
  readonly kinds = ['Node', 'Pod'] as const;
  private attempts = 0;
  private failedAttempts = 0;
  /** Pods named by a Preempted event when they had no slot (already deleted); `preemptions` counts every pod that ever was. */
  private readonly preemptedWithoutSlot = new Set<string>();
  private preemptions = 0;
  private scheduled = 0;
  private firstAttemptMs: number | undefined;
  private lastScheduledMs: number | undefined;
  private readonly nodes = new Map<string, NodeState>();
  private readonly totalAllocatable = new Map<string, number>();
  private readonly totalRequested = new Map<string, number>();
  private readonly series: AllocationPoint[] = [];

  /** `slots`: the live pods' slots, shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  onEvent(event: KubeEvent, atMs: number): void {
    if (event.involvedObject.kind !== 'Pod') return;
    const reason = event.reason;
    if (reason !== 'Preempted' && reason !== 'FailedScheduling' && reason !== 'Scheduled') return;
    const uid = event.involvedObject.uid;
    // A pod deleted (or never seen) has no slot: only the run's counts take its events.
    const slot = uid === undefined ? undefined : this.slots.get(uid);
    if (reason === 'Preempted') {
      // Two preemptors may pick the same victim before its deletion is seen; count pods.
      if (slot !== undefined) {
        if (!slot.preempted) this.preemptions++;
        slot.preempted = true;
      } else {
        const key = uid ?? `${event.involvedObject.namespace ?? ''}/${event.involvedObject.name}`;
        if (!this.preemptedWithoutSlot.has(key)) this.preemptions++;
        this.preemptedWithoutSlot.add(key);
      }
      return;
    }
    this.attempts++;
    this.firstAttemptMs ??= atMs;
    if (slot !== undefined) slot.schedulingAttempts++;
    if (reason === 'Scheduled') {
      this.scheduled++;
      this.lastScheduledMs = atMs;
      return;
    }
    this.failedAttempts++;
    if (slot === undefined) return;
    const failures = slot.schedulingFailures ??= [];
    const last = failures[failures.length - 1];
    // Consecutive identical reasons are kept once, with a count and the last time.
    if (last !== undefined && last.message === event.message) {
      last.count++;
      last.lastMs = atMs;
    } else failures.push({ tMs: atMs, lastMs: atMs, count: 1, message: event.message });
  }

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Node') this.nodeChanged(change.type, change.object as Node, atMs);
    else if (change.object.kind === 'Pod') this.slots.feed(change, atMs, this);
  }

  /**
   * A finished pod's record with its attempts and failure reasons (kept in
   * its slot) added: to the record itself, which is the slot's and is
   * finished once (no copy per pod), as the last fields as a copy would have them.
   */
  annotate(pod: PodRecord, slot: PodSlot): PodRecord {
    const attempts = slot.schedulingAttempts;
    if (attempts === 0) return pod;
    pod.schedulingAttempts = attempts;
    const failures = slot.schedulingFailures;
    if (failures !== undefined) pod.schedulingFailures = failures;
    return pod;
  }

  recording(): SchedulingRecording {
    const spanSec = this.firstAttemptMs === undefined || this.lastScheduledMs === undefined ? 0 : (this.lastScheduledMs - this.firstAttemptMs) / 1000;
    return {
      attempts: this.attempts,
      failedAttempts: this.failedAttempts,
      preemptions: this.preemptions,
      throughputPodsPerSec: spanSec > 0 ? this.scheduled / spanSec : null,
      allocation: this.series,
      fragmentation: this.fragmentation(),
    };
  }

  private nodeChanged(type: StoreChange['type'], node: Node, atMs: number): void {
    const name = node.metadata.name;
    const old = this.nodes.get(name);
    if (old !== undefined) for (const r of resourceNames(old.allocatable)) this.addTotal(this.totalAllocatable, r, -amountOf(old.allocatable, r));
    if (type === 'DELETED') {
      this.nodes.delete(name);
    } else {
      const allocatable = vectorFromList(node.status?.allocatable);
      const pods = node.status?.allocatable?.pods;
      const podLimit = pods === undefined ? 0 : quantityToInteger(pods);
      this.nodes.set(name, { allocatable, used: old?.used ?? emptyVector(), pods: old?.pods ?? 0, podLimit, schedulable: node.spec.unschedulable !== true });
      for (const r of resourceNames(allocatable)) this.addTotal(this.totalAllocatable, r, amountOf(allocatable, r));
    }
    this.pushPoint(atMs);
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    const nodeName = pod.nodeName;
    const gone = pod.deleted || pod.terminal;
    if (!gone && nodeName === '' && !pod.deleting) slot.pendingRequests = slot.requestsOf(pod.pod.spec).actual;
    else slot.pendingRequests = undefined;
    const countedOn = slot.schedulingNode;
    const shouldCount = !gone && nodeName !== '';
    if (countedOn !== undefined && (!shouldCount || countedOn !== nodeName)) {
      this.count(countedOn, slot.schedulingRequests as Readonly<ResourceVector>, -1);
      slot.schedulingNode = undefined;
      slot.schedulingRequests = undefined;
    }
    if (shouldCount && countedOn !== nodeName) {
      const requests = slot.requestsOf(pod.pod.spec).actual;
      this.count(nodeName, requests, 1);
      slot.schedulingNode = nodeName;
      slot.schedulingRequests = requests;
      this.pushPoint(atMs);
    } else if (countedOn !== undefined && !shouldCount) this.pushPoint(atMs);
  }

  private count(nodeName: string, requests: Readonly<ResourceVector>, sign: 1 | -1): void {
    // resourceNames' order (cpu, memory, then the extended resources) without making its list: once per pod bound or unbound.
    this.addTotal(this.totalRequested, 'cpu', sign * requests.cpuMilli);
    this.addTotal(this.totalRequested, 'memory', sign * requests.memoryBytes);
    const node = this.nodes.get(nodeName);
    if (node !== undefined) {
      node.pods += sign;
      node.used.cpuMilli += sign * requests.cpuMilli;
      node.used.memoryBytes += sign * requests.memoryBytes;
    }
    // One walk of the extended resources for the totals and the node (each Map keeps its own order).
    for (const [name, value] of requests.scalar) {
      this.addTotal(this.totalRequested, name, sign * value);
      if (node !== undefined) node.used.scalar.set(name, (node.used.scalar.get(name) ?? 0) + sign * value);
    }
  }

  private addTotal(totals: Map<string, number>, resource: string, delta: number): void {
    if (delta === 0) return;
    totals.set(resource, (totals.get(resource) ?? 0) + delta);
  }

  private pushPoint(atMs: number): void {
    // The shares as the last point has them (a pod bound and another unbound at once, or a Node write that moves no allocatable): pushPoint would drop the point, so none is made.
    const last = this.series[this.series.length - 1];
    if (last !== undefined && sameShares(last.requested, this.totalAllocatable, this.totalRequested)) return;
    const requested: Record<string, number> = {};
    for (const [resource, allocatable] of this.totalAllocatable) {
      if (allocatable > 0) requested[resource] = (this.totalRequested.get(resource) ?? 0) / allocatable;
    }
    pushPoint(this.series, { tMs: atMs, requested }, sameAllocationPoint);
  }

  /**
   * Per resource: free capacity on schedulable nodes where no pending pod
   * fits (cpu, memory, extended resources and the pod count checked) over
   * all free capacity; null without pending pods or free capacity.
   */
  private fragmentation(): Record<string, number | null> {
    const shapes = new Map<string, Readonly<ResourceVector>>();
    for (const slot of this.slots.values()) {
      const r = slot.pendingRequests;
      if (r !== undefined) shapes.set(`${r.cpuMilli}/${r.memoryBytes}/${[...r.scalar].join(',')}`, r);
    }
    const out: Record<string, number | null> = {};
    const free = new Map<string, number>();
    const stranded = new Map<string, number>();
    for (const node of this.nodes.values()) {
      if (!node.schedulable) continue;
      const freeOf = (r: string): number => Math.max(0, amountOf(node.allocatable, r) - amountOf(node.used, r));
      const fits = node.pods < node.podLimit && [...shapes.values()].some((req) => resourceNames(req).every((r) => amountOf(req, r) <= freeOf(r)));
      for (const r of resourceNames(node.allocatable)) {
        this.addTotal(free, r, freeOf(r));
        if (!fits) this.addTotal(stranded, r, freeOf(r));
      }
    }
    for (const r of this.totalAllocatable.keys()) {
      const f = free.get(r) ?? 0;
      out[r] = shapes.size === 0 || f === 0 ? null : (stranded.get(r) ?? 0) / f;
    }
    return out;
  }
}
