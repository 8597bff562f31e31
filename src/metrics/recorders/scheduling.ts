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
import { amountOf, emptyVector, podRequests, vectorFromList, type ResourceVector } from '../../api/resources.js';
import type { KubeEvent } from '../../api/types/core.js';
import type { Node } from '../../api/types/node.js';
import type { StoreChange } from '../../api/watch.js';
import { PodChange } from '../pod-change.js';
import { pushPoint } from '../series.js';
import type { AllocationPoint, PodRecord, SchedulingFailure, SchedulingRecording } from '../types.js';
import type { RecorderPart } from './part.js';

interface PodScheduling {
  attempts: number;
  failures: SchedulingFailure[];
}

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

function sameFractions(a: AllocationPoint, b: AllocationPoint): boolean {
  const keys = Object.keys(a.requested);
  return keys.length === Object.keys(b.requested).length && keys.every((k) => a.requested[k] === b.requested[k]);
}

export class SchedulingRecorder implements RecorderPart {
  readonly kinds = ['Node', 'Pod'] as const;
  private readonly byUid = new Map<string, PodScheduling>();
  private attempts = 0;
  private failedAttempts = 0;
  /** Live pods named by a Preempted event; `preemptions` counts every pod that ever was. */
  private readonly preempted = new Set<string>();
  private preemptions = 0;
  private scheduled = 0;
  private firstAttemptMs: number | undefined;
  private lastScheduledMs: number | undefined;
  private readonly nodes = new Map<string, NodeState>();
  /** Bound, non-terminal pods: uid → node and requests counted. */
  private readonly counted = new Map<string, { node: string; requests: Readonly<ResourceVector> }>();
  /** Pending pods: uid → requests. */
  private readonly pending = new Map<string, Readonly<ResourceVector>>();
  private readonly totalAllocatable = new Map<string, number>();
  private readonly totalRequested = new Map<string, number>();
  private readonly series: AllocationPoint[] = [];

  onEvent(event: KubeEvent, atMs: number): void {
    if (event.involvedObject.kind !== 'Pod') return;
    const uid = event.involvedObject.uid ?? `${event.involvedObject.namespace ?? ''}/${event.involvedObject.name}`;
    if (event.reason === 'Preempted') {
      // Two preemptors may pick the same victim before its deletion is seen; count pods.
      if (!this.preempted.has(uid)) this.preemptions++;
      this.preempted.add(uid);
      return;
    }
    if (event.reason !== 'FailedScheduling' && event.reason !== 'Scheduled') return;
    this.attempts++;
    this.firstAttemptMs ??= atMs;
    let pod = this.byUid.get(uid);
    if (pod === undefined) {
      pod = { attempts: 0, failures: [] };
      this.byUid.set(uid, pod);
    }
    pod.attempts++;
    if (event.reason === 'Scheduled') {
      this.scheduled++;
      this.lastScheduledMs = atMs;
      return;
    }
    this.failedAttempts++;
    const last = pod.failures[pod.failures.length - 1];
    // Consecutive identical reasons are kept once, with a count and the last time.
    if (last !== undefined && last.message === event.message) {
      last.count++;
      last.lastMs = atMs;
    } else pod.failures.push({ tMs: atMs, lastMs: atMs, count: 1, message: event.message });
  }

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Node') this.nodeChanged(change.type, change.object as Node, atMs);
    else if (change.object.kind === 'Pod') this.onPodChange(PodChange.of(change), atMs);
  }

  /**
   * A finished pod's record with its attempts and failure reasons added;
   * they are forgotten here (the pod is deleted, or the run is over).
   */
  annotate(pod: PodRecord): PodRecord {
    const s = this.byUid.get(pod.uid);
    this.preempted.delete(pod.uid);
    if (s === undefined) return pod;
    this.byUid.delete(pod.uid);
    return s.failures.length === 0 ? { ...pod, schedulingAttempts: s.attempts } : { ...pod, schedulingAttempts: s.attempts, schedulingFailures: s.failures };
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

  onPodChange(pod: PodChange, atMs: number): void {
    const uid = pod.uid;
    const nodeName = pod.nodeName;
    const gone = pod.deleted || pod.terminal;
    if (!gone && nodeName === '' && !pod.deleting) this.pending.set(uid, podRequests(pod.pod.spec).actual);
    else this.pending.delete(uid);
    const counted = this.counted.get(uid);
    const shouldCount = !gone && nodeName !== '';
    if (counted !== undefined && (!shouldCount || counted.node !== nodeName)) {
      this.count(counted.node, counted.requests, -1);
      this.counted.delete(uid);
    }
    if (shouldCount && (counted === undefined || counted.node !== nodeName)) {
      const requests = podRequests(pod.pod.spec).actual;
      this.count(nodeName, requests, 1);
      this.counted.set(uid, { node: nodeName, requests });
      this.pushPoint(atMs);
    } else if (counted !== undefined && !shouldCount) this.pushPoint(atMs);
  }

  private count(nodeName: string, requests: Readonly<ResourceVector>, sign: 1 | -1): void {
    for (const r of resourceNames(requests)) this.addTotal(this.totalRequested, r, sign * amountOf(requests, r));
    const node = this.nodes.get(nodeName);
    if (node === undefined) return;
    node.pods += sign;
    node.used.cpuMilli += sign * requests.cpuMilli;
    node.used.memoryBytes += sign * requests.memoryBytes;
    for (const [name, value] of requests.scalar) node.used.scalar.set(name, (node.used.scalar.get(name) ?? 0) + sign * value);
  }

  private addTotal(totals: Map<string, number>, resource: string, delta: number): void {
    if (delta === 0) return;
    totals.set(resource, (totals.get(resource) ?? 0) + delta);
  }

  private pushPoint(atMs: number): void {
    const requested: Record<string, number> = {};
    for (const [resource, allocatable] of this.totalAllocatable) {
      if (allocatable > 0) requested[resource] = (this.totalRequested.get(resource) ?? 0) / allocatable;
    }
    pushPoint(this.series, { tMs: atMs, requested }, sameFractions);
  }

  /**
   * Per resource: free capacity on schedulable nodes where no pending pod
   * fits (cpu, memory, extended resources and the pod count checked) over
   * all free capacity; null without pending pods or free capacity.
   */
  private fragmentation(): Record<string, number | null> {
    const shapes = new Map<string, Readonly<ResourceVector>>();
    for (const r of this.pending.values()) shapes.set(`${r.cpuMilli}/${r.memoryBytes}/${[...r.scalar].join(',')}`, r);
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
