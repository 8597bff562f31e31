/**
 * Cluster events and queueing hints (framework/types.go ClusterEvent,
 * ActionType; pkg/scheduler/framework/events.go). A plugin registers the
 * events that might undo its rejection, each with an optional hint function
 * answering Queue or QueueSkip for a given pending pod; a plugin that
 * registers nothing is asked about every event and always says Queue.
 */
import { jsonEqual } from '../../api/json-equal.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';

/** Bit flags, as upstream's ActionType. */
export const ActionType = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  UpdatePodToleration: 512,
  UpdatePodSchedulingGatesEliminated: 1024,
  /** Any other pod change (updatePodOther). */
  UpdatePodOther: 2048,
  Update: 4 | 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 2048,
  All: 4095,
} as const;

/**
 * `Pod` matches both assigned and unscheduled pods; `*` is the wildcard
 * (the 5-minute leftover flush, forced moves).
 */
export type EventResource = 'Node' | 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'PodDisruptionBudget' | '*';

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actionType: number;
  /** A name for logs and `kubesim explain` (NodeAdd, AssignedPodDelete, ...). */
  readonly label: string;
}

export type QueueingHint = 'Queue' | 'QueueSkip';

/** Whether `oldObj` → `newObj` (either may be undefined) may make `pod` schedulable. */
export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;

export interface ClusterEventWithHint {
  readonly event: { readonly resource: EventResource; readonly actionType: number };
  readonly hint?: QueueingHintFn;
}

export function event(resource: EventResource, actionType: number, label: string): ClusterEvent {
  return { resource, actionType, label };
}

export const EVENT_NODE_ADD = event('Node', ActionType.Add, 'NodeAdd');
export const EVENT_ASSIGNED_POD_ADD = event('AssignedPod', ActionType.Add, 'AssignedPodAdd');
export const EVENT_ASSIGNED_POD_DELETE = event('AssignedPod', ActionType.Delete, 'AssignedPodDelete');
export const EVENT_UNSCHEDULED_POD_DELETE = event('UnscheduledPod', ActionType.Delete, 'UnscheduledPodDelete');
export const EVENT_UNSCHEDULABLE_TIMEOUT = event('*', ActionType.All, 'UnschedulableTimeout');

/** MatchClusterEvents: resources match (Pod covers both kinds of pod, * covers all) and actions overlap. */
export function eventMatches(registered: { resource: EventResource; actionType: number }, incoming: ClusterEvent): boolean {
  if ((registered.actionType & incoming.actionType) === 0) return false;
  if (registered.resource === '*' || incoming.resource === '*' || registered.resource === incoming.resource) return true;
  return registered.resource === 'Pod' && (incoming.resource === 'AssignedPod' || incoming.resource === 'UnscheduledPod');
}

export function isWildcard(e: ClusterEvent): boolean {
  return e.resource === '*';
}

/** NodeSchedulingPropertiesChange: the kinds of change a node update carries. */
export function nodeChangeEvents(oldNode: Node, newNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  // A node that becomes schedulable again is reported as a taint change.
  if (oldNode.spec.unschedulable === true && newNode.spec.unschedulable !== true) out.push(event('Node', ActionType.UpdateNodeTaint, 'NodeSpecUnschedulableChange'));
  if (!jsonEqual(oldNode.status?.allocatable, newNode.status?.allocatable)) out.push(event('Node', ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange'));
  if (!jsonEqual(oldNode.metadata.labels, newNode.metadata.labels)) out.push(event('Node', ActionType.UpdateNodeLabel, 'NodeLabelChange'));
  if (!jsonEqual(oldNode.spec.taints, newNode.spec.taints)) out.push(event('Node', ActionType.UpdateNodeTaint, 'NodeTaintChange'));
  const conditions = (n: Node) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
  if (conditions(oldNode) !== conditions(newNode)) out.push(event('Node', ActionType.UpdateNodeCondition, 'NodeConditionChange'));
  if (!jsonEqual(oldNode.metadata.annotations, newNode.metadata.annotations)) out.push(event('Node', ActionType.UpdateNodeAnnotation, 'NodeAnnotationChange'));
  return out;
}

/** PodSchedulingPropertiesChange: the kinds of change a pod update carries. */
export function podChangeEvents(oldPod: Pod, newPod: Pod): ClusterEvent[] {
  const resource: EventResource = (newPod.spec.nodeName ?? '') === '' ? 'UnscheduledPod' : 'AssignedPod';
  const prefix = resource === 'UnscheduledPod' ? 'UnscheduledPod' : 'AssignedPod';
  const out: ClusterEvent[] = [];
  if (!jsonEqual(oldPod.metadata.labels, newPod.metadata.labels)) out.push(event(resource, ActionType.UpdatePodLabel, `${prefix}UpdateLabel`));
  if (oldPod.spec !== newPod.spec && podScaledDown(oldPod, newPod)) out.push(event(resource, ActionType.UpdatePodScaleDown, `${prefix}ScaleDown`));
  if ((oldPod.spec.schedulingGates ?? []).length > 0 && (newPod.spec.schedulingGates ?? []).length === 0) {
    out.push(event(resource, ActionType.UpdatePodSchedulingGatesEliminated, `${prefix}SchedulingGatesEliminated`));
  }
  if (!jsonEqual(oldPod.spec.tolerations, newPod.spec.tolerations)) out.push(event(resource, ActionType.UpdatePodToleration, `${prefix}TolerationChange`));
  if (out.length === 0) out.push(event(resource, ActionType.UpdatePodOther, `${prefix}Update`));
  return out;
}

function podScaledDown(oldPod: Pod, newPod: Pod): boolean {
  const requests = (p: Pod) => p.spec.containers.map((c) => c.resources?.requests ?? {});
  return !jsonEqual(requests(oldPod), requests(newPod));
}
