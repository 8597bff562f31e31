/**
 * Node failures and recovery, from the fault injector's Node events, Node
 * and Pod changes and the taint manager's events. For each failure
 * (NodeFailed, KubeletStopped, NodePartitioned):
 *   failedMs    the fault began;
 *   notReadyMs  the node's Ready condition left True;
 *   taintedMs   the NoExecute not-ready/unreachable taint landed;
 *   evictedMs   the first pod on it was marked for deletion by the taint manager;
 *   recoveredMs every workload that had Ready pods there is back to the
 *               Ready pods it had at the failure (capped at its current
 *               desired replicas) after having dropped below;
 *   lostCapacityPodSeconds  the shortfall integrated from the failure to
 *               recovery (or the end of the run), counting for each
 *               workload at most the pods it had Ready on this node, so
 *               overlapping failures do not count the same pod twice.
 * "Ready" is the API's Ready condition, except that pods on a machine that
 * is down count as lost from the instant it went down.
 * notReadyMs, taintedMs and evictedMs are looked for as long as the record
 * is open or its fault lasts, so a node with no Ready pods (recovered at
 * once: nothing to wait for) still gets them.
 */
import type { ReplicaSet, Deployment } from '../../api/types/apps.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../api/admission.js';
import type { KubeEvent } from '../../api/types/core.js';
import { controllerOf } from '../../api/types/meta.js';
import type { Node } from '../../api/types/node.js';
import type { StoreChange } from '../../api/watch.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import type { RecorderPart } from './part.js';

export type FaultKind = 'machine' | 'kubelet' | 'partition';

const FAULT_START: Readonly<Record<string, FaultKind>> = { NodeFailed: 'machine', KubeletStopped: 'kubelet', NodePartitioned: 'partition' };
const FAULT_END: Readonly<Record<string, FaultKind>> = { NodeBooted: 'machine', KubeletStarted: 'kubelet', NodePartitionHealed: 'partition' };

export interface RecoveryRecord {
  readonly node: string;
  readonly fault: FaultKind;
  readonly failedMs: number;
  notReadyMs?: number;
  taintedMs?: number;
  evictedMs?: number;
  recoveredMs?: number;
  lostCapacityPodSeconds: number;
}

interface OpenRecovery {
  readonly record: RecoveryRecord;
  /** Per affected workload: Ready pods at the failure, and how many of them were on this node. */
  readonly baseline: ReadonlyMap<string, { readonly ready: number; readonly onNode: number }>;
  dropped: boolean;
  /** Pods short (summed over workloads) since lastMs. */
  lost: number;
  lastMs: number;
}

export class RecoveryRecorder implements RecorderPart {
  readonly kinds = ['Pod', 'ReplicaSet', 'Deployment', 'Node'] as const;
  readonly records: RecoveryRecord[] = [];
  private readonly open: OpenRecovery[] = [];
  /** Records whose fault has not ended yet (the fault injector's end event). */
  private readonly ongoing: RecoveryRecord[] = [];
  private readonly rsOwner = new Map<string, string>();
  /** Bumped when a ReplicaSet's owner is first recorded or changes: a pod's workload worked out before may be another now. */
  private rsOwnerVersion = 0;
  private readonly desired = new Map<string, number>();
  private readonly deadMachines = new Set<string>();
  /** Ready pods per workload, not counting pods on a machine that is down: kept as pods change, so a change costs O(1) however many pods there are. */
  private readonly readyCounts = new Map<string, number>();

  /** `slots`: the live pods' slots, shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    const object = change.object;
    switch (object.kind) {
      case 'Pod':
        this.slots.feed(change, atMs, this);
        return;
      case 'ReplicaSet': {
        const rs = object as ReplicaSet;
        const old = change.oldObject as ReplicaSet | undefined;
        // Most writes are the controller's status: the owner and desired replicas already recorded for `old`.
        if (change.type === 'MODIFIED' && old !== undefined && old.metadata.ownerReferences === rs.metadata.ownerReferences && old.spec.replicas === rs.spec.replicas) break;
        const owner = controllerOf(rs.metadata);
        const key = `${rs.metadata.namespace ?? 'default'}/ReplicaSet/${rs.metadata.name}`;
        if (owner?.kind === 'Deployment') {
          const workload = `${rs.metadata.namespace ?? 'default'}/Deployment/${owner.name}`;
          if (this.rsOwner.get(key) !== workload) this.rsOwnerVersion++;
          this.rsOwner.set(key, workload);
        }
        this.desired.set(key, change.type === 'DELETED' ? 0 : rs.spec.replicas ?? 0);
        break;
      }
      case 'Deployment': {
        const d = object as Deployment;
        if (change.type === 'MODIFIED' && (change.oldObject as Deployment | undefined)?.spec.replicas === d.spec.replicas) break;
        this.desired.set(`${d.metadata.namespace ?? 'default'}/Deployment/${d.metadata.name}`, change.type === 'DELETED' ? 0 : d.spec.replicas);
        break;
      }
      case 'Node':
        this.nodeChanged(object as Node, atMs);
        break;
      default:
        return;
    }
    this.update(atMs);
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    this.podChanged(pod, slot);
    this.update(atMs);
  }

  onEvent(event: KubeEvent, atMs: number): void {
    const ref = event.involvedObject;
    if (ref.kind === 'Node' && event.source === 'fault-injector') {
      const fault = FAULT_START[event.reason];
      if (fault !== undefined) this.begin(ref.name, fault, atMs);
      const ended = FAULT_END[event.reason];
      if (ended !== undefined) this.endFault(ref.name, ended);
      if (event.reason === 'NodeFailed') this.deadMachines.add(ref.name);
      if (event.reason === 'NodeBooted') this.deadMachines.delete(ref.name);
      if (event.reason === 'NodeFailed' || event.reason === 'NodeBooted') this.recountReady();
      this.update(atMs);
    } else if (event.reason === 'TaintManagerEviction' && ref.uid !== undefined) {
      const node = this.slots.get(ref.uid)?.evictionNode;
      this.forEachWatched((record) => {
        if (record.node === node && record.evictedMs === undefined) record.evictedMs = atMs;
      });
    }
  }

  private workloadOf(pod: PodChange): string {
    const owner = pod.controller;
    if (owner === undefined) return `${pod.namespace}/Pod/${pod.name}`;
    const key = `${pod.namespace}/${owner.kind}/${owner.name}`;
    return this.rsOwner.get(key) ?? key;
  }

  private podChanged(pod: PodChange, slot: PodSlot): void {
    if (pod.deleted) slot.evictionNode = undefined;
    else if (pod.nodeName !== '') slot.evictionNode = pod.nodeName;
    const workload = slot.recoveryWorkload;
    if (workload !== undefined) this.countReady(workload, slot.recoveryNode, slot.recoveryReady, -1);
    if (pod.deleted || pod.terminal) {
      slot.recoveryWorkload = undefined;
      return;
    }
    // The workload is worked out again only when the pod's owners or a ReplicaSet's owner may have changed.
    if (workload === undefined || pod.ownersMayHaveChanged || slot.recoveryWorkloadVersion !== this.rsOwnerVersion) {
      slot.recoveryWorkload = this.workloadOf(pod);
      slot.recoveryWorkloadVersion = this.rsOwnerVersion;
    }
    slot.recoveryNode = pod.pod.spec.nodeName;
    slot.recoveryReady = pod.ready && !pod.deleting;
    this.countReady(slot.recoveryWorkload as string, slot.recoveryNode, slot.recoveryReady, 1);
  }

  private countReady(workload: string, node: string | undefined, ready: boolean, sign: 1 | -1): void {
    if (!ready || (node !== undefined && this.deadMachines.has(node))) return;
    const count = (this.readyCounts.get(workload) ?? 0) + sign;
    if (count === 0) this.readyCounts.delete(workload);
    else this.readyCounts.set(workload, count);
  }

  /** After a machine went down or came back: which pods count changed wholesale. */
  private recountReady(): void {
    this.readyCounts.clear();
    for (const slot of this.slots.values()) {
      if (slot.recoveryWorkload !== undefined) this.countReady(slot.recoveryWorkload, slot.recoveryNode, slot.recoveryReady, 1);
    }
  }

  private nodeChanged(node: Node, atMs: number): void {
    if (this.open.length === 0 && this.ongoing.length === 0) return;
    const name = node.metadata.name;
    const notReady = (node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'True') !== 'True';
    const tainted = (node.spec.taints ?? []).some((t) => t.effect === 'NoExecute' && (t.key === TAINT_NODE_UNREACHABLE || t.key === TAINT_NODE_NOT_READY));
    const note = (record: RecoveryRecord): void => {
      if (record.node !== name) return;
      if (record.notReadyMs === undefined && notReady) record.notReadyMs = atMs;
      if (record.taintedMs === undefined && tainted) record.taintedMs = atMs;
    };
    this.forEachWatched(note);
  }

  /**
   * Records still looking for their node's NotReady, taint and eviction: open
   * ones, and closed ones whose fault lasts. A record may be visited twice
   * (open and ongoing); what is noted is only set once.
   */
  private forEachWatched(note: (record: RecoveryRecord) => void): void {
    for (const o of this.open) note(o.record);
    for (const record of this.ongoing) note(record);
  }

  private endFault(node: string, fault: FaultKind): void {
    for (let i = this.ongoing.length - 1; i >= 0; i--) {
      const record = this.ongoing[i] as RecoveryRecord;
      if (record.node === node && record.fault === fault) this.ongoing.splice(i, 1);
    }
  }

  /** Ready pods per workload, not counting pods on a machine that is down. */
  private readyByWorkload(): ReadonlyMap<string, number> {
    return this.readyCounts;
  }

  private begin(node: string, fault: FaultKind, atMs: number): void {
    const record: RecoveryRecord = { node, fault, failedMs: atMs, lostCapacityPodSeconds: 0 };
    this.records.push(record);
    this.ongoing.push(record);
    const onNode = new Map<string, number>();
    for (const slot of this.slots.values()) {
      const workload = slot.recoveryWorkload;
      if (workload !== undefined && slot.recoveryNode === node && slot.recoveryReady) onNode.set(workload, (onNode.get(workload) ?? 0) + 1);
    }
    const ready = this.readyByWorkload();
    const baseline = new Map([...onNode].map(([w, count]) => [w, { ready: ready.get(w) ?? 0, onNode: count }]));
    this.open.push({ record, baseline, dropped: false, lost: 0, lastMs: atMs });
  }

  private shortfall(o: OpenRecovery, ready: ReadonlyMap<string, number>): number {
    let lost = 0;
    for (const [workload, base] of o.baseline) {
      const wanted = Math.min(base.ready, this.desired.get(workload) ?? base.ready);
      lost += Math.min(base.onNode, Math.max(0, wanted - (ready.get(workload) ?? 0)));
    }
    return lost;
  }

  private update(atMs: number): void {
    if (this.open.length === 0) return;
    const ready = this.readyByWorkload();
    for (let i = this.open.length - 1; i >= 0; i--) {
      const o = this.open[i] as OpenRecovery;
      o.record.lostCapacityPodSeconds += (o.lost * (atMs - o.lastMs)) / 1000;
      o.lastMs = atMs;
      o.lost = this.shortfall(o, ready);
      if (o.lost > 0) o.dropped = true;
      else if (o.dropped || o.baseline.size === 0) {
        o.record.recoveredMs = atMs;
        this.open.splice(i, 1);
      }
    }
  }

  /** Records with the shortfall of unfinished recoveries integrated up to `endMs`. */
  finished(endMs: number): RecoveryRecord[] {
    const open = new Map(this.open.map((o) => [o.record, o]));
    return this.records.map((record) => {
      const o = open.get(record);
      if (o === undefined) return { ...record };
      return { ...record, lostCapacityPodSeconds: record.lostCapacityPodSeconds + (o.lost * Math.max(0, endMs - o.lastMs)) / 1000 };
    });
  }
}
