/**
 * A pod's store change as the recorder's pod parts read it: the facts they
 * all need (phase, node, Ready and PodScheduled conditions, containers
 * running, deletion, controller) derived once per change instead of once
 * per part. Store objects come in many shapes, so each read of a pod's
 * fields is a slow lookup; a PodChange has one shape, and the dozen parts
 * that see every pod change read it cheaply. The pod itself is there for
 * what only one part reads (requests, labels, annotations).
 */
import { controllerOf, type Condition, type OwnerReference } from '../api/types/meta.js';
import type { Pod, PodConditionType, PodPhase } from '../api/types/pod.js';
import type { StoreChange, WatchEventType } from '../api/watch.js';

export class PodChange {
  readonly uid: string;
  readonly name: string;
  /** metadata.namespace, 'default' when unset. */
  readonly namespace: string;
  readonly createdMs: number;
  /** spec.nodeName, '' while unbound. */
  readonly nodeName: string;
  readonly phase: PodPhase | undefined;
  /** Succeeded or Failed. */
  readonly terminal: boolean;
  /** metadata.deletionTimestamp is set. */
  readonly deleting: boolean;
  /** The change is the pod's deletion from the store. */
  readonly deleted: boolean;
  /** The first Ready and PodScheduled conditions (as podCondition finds them). */
  readonly readyCondition: Condition<PodConditionType> | undefined;
  readonly scheduledCondition: Condition<PodConditionType> | undefined;
  /** Ready=True. */
  readonly ready: boolean;
  /** At least one container status, and every container running. */
  readonly allRunning: boolean;
  /** The controller owner reference, if any. */
  readonly controller: OwnerReference | undefined;
  /** Whether metadata.ownerReferences may differ from the previous version's (not the very same array). */
  readonly ownersMayHaveChanged: boolean;

  constructor(readonly type: WatchEventType, readonly pod: Pod, old: Pod | undefined) {
    const metadata = pod.metadata;
    const status = pod.status;
    this.uid = metadata.uid;
    this.name = metadata.name;
    this.namespace = metadata.namespace ?? 'default';
    this.createdMs = metadata.creationTimestamp;
    this.nodeName = pod.spec.nodeName ?? '';
    this.phase = status?.phase;
    this.terminal = this.phase === 'Succeeded' || this.phase === 'Failed';
    this.deleting = metadata.deletionTimestamp !== undefined;
    this.deleted = type === 'DELETED';
    let ready: Condition<PodConditionType> | undefined;
    let scheduled: Condition<PodConditionType> | undefined;
    const conditions = status?.conditions;
    if (conditions !== undefined) {
      for (const condition of conditions) {
        if (condition.type === 'Ready') ready ??= condition;
        else if (condition.type === 'PodScheduled') scheduled ??= condition;
      }
    }
    this.readyCondition = ready;
    this.scheduledCondition = scheduled;
    this.ready = ready?.status === 'True';
    const statuses = status?.containerStatuses;
    let allRunning = statuses !== undefined && statuses.length > 0;
    if (statuses !== undefined) for (const s of statuses) if (s.state?.running === undefined) allRunning = false;
    this.allRunning = allRunning;
    this.controller = controllerOf(metadata);
    this.ownersMayHaveChanged = old === undefined || old.metadata.ownerReferences !== metadata.ownerReferences;
  }

  static of(change: StoreChange): PodChange {
    return new PodChange(change.type, change.object as Pod, change.oldObject as Pod | undefined);
  }
}
