/**
 * Pod timelines (created, scheduled, started, ready, terminating, deleted)
 * and node allocation over time: requests of bound, non-terminal pods
 * (terminating pods still hold their resources) and the node's Ready.
 * A pod's timeline is kept in its slot (pod-slot.ts) while the pod exists and handed to `finish`
 * when it is deleted (or by finishLive at the end of the run); what the
 * report needs of every pod is kept as counts and one latency number per
 * pod (8 bytes, for exact percentiles).
 */
import { isNodeReady } from '../../api/node-util.js';
import { quantityToInteger, quantityToMilli } from '../../api/quantity.js';
import type { ResourceVector } from '../../api/resources.js';
import { runningAtStart } from '../../node/running-at-start.js';
import { startedByRun } from '../started-by-run.js';
import type { OwnerReference } from '../../api/types/meta.js';
import type { Node } from '../../api/types/node.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import type { StoreChange } from '../../api/watch.js';
import { sameNodePoint } from '../point-equality.js';
import { pushPoint } from '../series.js';
import type { NodeRecord, PodRecord, PodTotals } from '../types.js';
import type { RecorderPart } from './part.js';

/** What the node's series point is made of (its fields, named as the point's), with the node's record (undefined until the Node is seen): one lookup per pod bound or unbound. */
interface NodeUsage {
  cpuRequestedMilli: number;
  memoryRequestedBytes: number;
  pods: number;
  ready: boolean;
  record: NodeRecord | undefined;
}

export class PodRecorder implements RecorderPart {
  readonly kinds = ['Pod', 'Node'] as const;
  readonly nodes = new Map<string, NodeRecord>();
  private readonly usage = new Map<string, NodeUsage>();
  private created = 0;
  private scheduled = 0;
  private runningAtStart = 0;
  private ready = 0;
  private readonly schedulingMs: number[] = [];
  private readonly startupMs: number[] = [];
  private lastOwner = { kind: '', name: '', text: '/' };

  /** `slots`: the live pods' slots, shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly finish: (record: PodRecord, slot: PodSlot) => void, private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Pod') this.slots.feed(change, atMs, this);
    else if (change.object.kind === 'Node') this.nodeChanged(change.type, change.object as Node, atMs);
  }

  onPodChange(pod: PodChange, slot: PodSlot, now: number): void {
    const record = slot.record;
    const seen = slot.timelineStarted;
    if (!seen) {
      slot.timelineStarted = true;
      if (pod.createdMs === 0 && runningAtStart(pod.pod)) {
        record.runningAtStart = true;
        this.runningAtStart++;
      }
      this.created++;
    }
    // The same ownerReferences as last time: the owner recorded then.
    const owner = pod.controller;
    if (owner !== undefined && (!seen || pod.ownersMayHaveChanged)) record.owner = this.ownerText(owner);
    const node = pod.nodeName;
    if (node !== '' && record.node === undefined) {
      record.node = node;
      record.scheduledMs = pod.scheduledCondition?.lastTransitionTime ?? now;
      this.scheduled++;
      if (startedByRun(record)) this.schedulingMs.push(record.scheduledMs - record.createdMs);
    }
    if (record.startedMs === undefined && pod.allRunning) {
      record.startedMs = now;
      if (startedByRun(record)) this.startupMs.push(now - record.createdMs);
    }
    if (record.readyMs === undefined && pod.ready) {
      record.readyMs = now;
      this.ready++;
    }
    if (pod.phase !== undefined) record.phase = pod.phase;
    if (record.terminatingMs === undefined && (pod.deleting || pod.deleted)) record.terminatingMs = now;
    if (pod.deleted) record.deletedMs = now;
    this.updateUsage(pod, slot, pod.deleted || pod.terminal, now);
    if (pod.deleted) this.finish(record, slot);
  }

  /**
   * `kind/name` of a pod's controller. The pods of one ReplicaSet or Job
   * are created one after another: they share the last text made instead
   * of each holding a copy until its row is written.
   */
  private ownerText(owner: OwnerReference): string {
    const last = this.lastOwner;
    if (last.kind !== owner.kind || last.name !== owner.name) this.lastOwner = { kind: owner.kind, name: owner.name, text: `${owner.kind}/${owner.name}` };
    return this.lastOwner.text;
  }

  /** Counts and latencies of every pod seen; `pendingAtEnd` counts the live pods not bound. */
  totals(): PodTotals {
    let pendingAtEnd = 0;
    for (const slot of this.slots.values()) if (slot.record.node === undefined) pendingAtEnd++;
    return { created: this.created, scheduled: this.scheduled, runningAtStart: this.runningAtStart, ready: this.ready, pendingAtEnd, schedulingMs: this.schedulingMs, startupMs: this.startupMs };
  }

  /** Hands the live pods' timelines to `finish`, in creation order (the end of the run: call it once). */
  finishLive(): void {
    for (const slot of this.slots.values()) this.finish(slot.record, slot);
  }

  private updateUsage(pod: PodChange, slot: PodSlot, gone: boolean, atMs: number): void {
    const countedOn = slot.usageNode;
    const node = pod.nodeName;
    const shouldCount = !gone && node !== '';
    if (countedOn !== undefined && (!shouldCount || countedOn !== node)) {
      this.adjust(countedOn, slot.requestsOf(pod.pod.spec).actual, -1, atMs);
      slot.usageNode = undefined;
    }
    if (shouldCount && countedOn !== node) {
      this.adjust(node, slot.requestsOf(pod.pod.spec).actual, 1, atMs);
      slot.usageNode = node;
    }
  }

  private usageOf(nodeName: string): NodeUsage {
    let usage = this.usage.get(nodeName);
    if (usage === undefined) {
      usage = { cpuRequestedMilli: 0, memoryRequestedBytes: 0, pods: 0, ready: false, record: undefined };
      this.usage.set(nodeName, usage);
    }
    return usage;
  }

  private adjust(nodeName: string, requests: Readonly<ResourceVector>, sign: 1 | -1, atMs: number): void {
    const usage = this.usageOf(nodeName);
    usage.cpuRequestedMilli += sign * requests.cpuMilli;
    usage.memoryRequestedBytes += sign * requests.memoryBytes;
    usage.pods += sign;
    this.pushNodePoint(usage, atMs);
  }

  private nodeChanged(type: StoreChange['type'], node: Node, atMs: number): void {
    const name = node.metadata.name;
    const usage = this.usageOf(name);
    if (usage.record === undefined) {
      usage.record = {
        name,
        cpuAllocatableMilli: quantityToMilli(node.status?.allocatable?.cpu ?? 0),
        memoryAllocatableBytes: quantityToInteger(node.status?.allocatable?.memory ?? 0),
        series: [],
      };
      this.nodes.set(name, usage.record);
    }
    usage.ready = type !== 'DELETED' && isNodeReady(node);
    this.pushNodePoint(usage, atMs);
  }

  private pushNodePoint(usage: NodeUsage, atMs: number): void {
    const record = usage.record;
    if (record === undefined) return;
    // The usage as the last point has it: pushPoint would drop the point, so none is made.
    const last = record.series[record.series.length - 1];
    if (last !== undefined && sameNodePoint(last, usage)) return;
    pushPoint(record.series, {
      tMs: atMs,
      ready: usage.ready,
      cpuRequestedMilli: usage.cpuRequestedMilli,
      memoryRequestedBytes: usage.memoryRequestedBytes,
      pods: usage.pods,
    }, sameNodePoint);
  }
}
