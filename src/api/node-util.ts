/** Node condition and taint helpers shared by the kubelet and controllers. */
import type { Condition, ConditionStatus } from './types/meta.js';
import type { Node, NodeConditionType, NodeStatus, Taint } from './types/node.js';

export function nodeCondition(node: Node, type: NodeConditionType): Condition<NodeConditionType> | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** Ready=True. */
export function isNodeReady(node: Node): boolean {
  return nodeCondition(node, 'Ready')?.status === 'True';
}

/** Status with condition `type` set; the transition time moves only on a change of value. */
export function withNodeCondition(status: NodeStatus | undefined, type: NodeConditionType, value: ConditionStatus, nowMs: number, reason: string, message: string, heartbeat = true): NodeStatus {
  const conditions = status?.conditions ?? [];
  const existing = conditions.find((c) => c.type === type);
  const condition: Condition<NodeConditionType> = {
    type,
    status: value,
    reason,
    message,
    lastTransitionTime: existing !== undefined && existing.status === value ? existing.lastTransitionTime ?? nowMs : nowMs,
    ...(heartbeat ? { lastHeartbeatTime: nowMs } : existing?.lastHeartbeatTime === undefined ? {} : { lastHeartbeatTime: existing.lastHeartbeatTime }),
  };
  return { ...status, conditions: existing === undefined ? [...conditions, condition] : conditions.map((c) => (c.type === type ? condition : c)) };
}

export function hasTaint(node: Node, key: string, effect: string): boolean {
  return (node.spec.taints ?? []).some((t) => t.key === key && t.effect === effect);
}

export function withTaints(node: Node, add: readonly Taint[], removeKeys: ReadonlySet<string>): Node {
  const kept = (node.spec.taints ?? []).filter((t) => !removeKeys.has(`${t.key}:${t.effect}`));
  const missing = add.filter((t) => !kept.some((k) => k.key === t.key && k.effect === t.effect));
  if (missing.length === 0 && kept.length === (node.spec.taints ?? []).length) return node;
  const taints = [...kept, ...missing];
  const spec = { ...node.spec };
  if (taints.length > 0) spec.taints = taints;
  else delete (spec as { taints?: unknown }).taints;
  return { ...node, spec };
}
