/**
 * tryUpdateNodeHealth (k/k pkg/controller/nodelifecycle
 * node_lifecycle_controller.go) as a pure function: the controller
 * keeps, per node, a probe time in
 * its own clock, refreshed when the Ready condition's heartbeat changes or
 * the node's Lease is renewed; past the grace period the node's Ready,
 * MemoryPressure, DiskPressure and PIDPressure conditions become Unknown.
 */
import type { Condition } from '../../api/types/meta.js';
import type { Node, NodeConditionType } from '../../api/types/node.js';

export interface NodeHealth {
  /** When the controller last saw a sign of life (its own clock). */
  probeMs: number;
  readyTransitionMs: number;
  /** The Ready condition as last saved; undefined if the node never posted one. */
  savedReady: Condition<NodeConditionType> | undefined;
  /** renewTime of the last Lease seen. */
  leaseRenewMs: number | undefined;
}

export interface HealthTiming {
  readonly gracePeriodMs: number;
  readonly startupGracePeriodMs: number;
}

export interface HealthCheck {
  readonly health: NodeHealth;
  /** Ready status as the node reported it before this pass (Unknown if it never did). */
  readonly observedReady: string;
  /** Ready status after this pass; undefined if the node has no Ready condition. */
  readonly currentReady: string | undefined;
  /** Conditions to write as Unknown now (empty when nothing changes). */
  readonly markUnknown: readonly NodeConditionType[];
  /** When the grace period counted from the probe time ends (no pass before it can mark the node Unknown). */
  readonly graceEndsMs: number;
}

/** The conditions the controller turns Unknown (NetworkUnavailable is left alone). */
export const UNKNOWN_CONDITIONS: readonly NodeConditionType[] = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

function readyOf(node: Node): Condition<NodeConditionType> | undefined {
  const conditions = node.status?.conditions;
  if (conditions === undefined) return undefined;
  // A plain loop: every node-monitor-period this runs once per node.
  for (const condition of conditions) if (condition.type === 'Ready') return condition;
  return undefined;
}

export function checkNodeHealth(node: Node, saved: NodeHealth | undefined, leaseRenewMs: number | undefined, nowMs: number, timing: HealthTiming): HealthCheck {
  const current = readyOf(node);
  let health: NodeHealth;
  let gracePeriodMs: number;
  if (current === undefined) {
    // Never posted: pretend the last heartbeat was the node's creation.
    gracePeriodMs = timing.startupGracePeriodMs;
    health = saved ?? { probeMs: node.metadata.creationTimestamp, readyTransitionMs: node.metadata.creationTimestamp, savedReady: undefined, leaseRenewMs: undefined };
  } else {
    gracePeriodMs = timing.gracePeriodMs;
    if (saved === undefined || saved.savedReady === undefined) {
      health = { probeMs: nowMs, readyTransitionMs: nowMs, savedReady: current, leaseRenewMs: saved?.leaseRenewMs };
    } else if (saved.savedReady.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transitioned = saved.savedReady.lastTransitionTime !== current.lastTransitionTime;
      health = { probeMs: nowMs, readyTransitionMs: transitioned ? nowMs : saved.readyTransitionMs, savedReady: current, leaseRenewMs: saved.leaseRenewMs };
    } else {
      // Unchanged since the last pass (the usual case) keeps the same entry.
      health = saved.savedReady === current ? saved : { ...saved, savedReady: current };
    }
  }
  // A renewed Lease always counts as a heartbeat.
  if (leaseRenewMs !== undefined && (health.leaseRenewMs === undefined || health.leaseRenewMs < leaseRenewMs)) {
    health = { ...health, leaseRenewMs, probeMs: nowMs };
  }
  const observedReady = current?.status ?? 'Unknown';
  // Upstream checks now.After(probe + grace), but its passes run every period
  // measured from the end of the previous pass (wait.Until, sliding), so the
  // pass that comes a whole grace period after the one that saw the
  // heartbeat is always a little later than probe + grace. Passes here take
  // no time, so reaching the grace period counts.
  const graceEndsMs = health.probeMs + gracePeriodMs;
  if (nowMs < graceEndsMs) {
    return { health, observedReady, currentReady: current?.status, markUnknown: [], graceEndsMs };
  }
  const markUnknown = UNKNOWN_CONDITIONS.filter((type) => {
    const condition = node.status?.conditions?.find((c) => c.type === type);
    // A condition the kubelet never posted is added as Unknown too (NodeStatusNeverUpdated).
    return condition === undefined || condition.status !== 'Unknown';
  });
  if (markUnknown.length === 0) return { health, observedReady, currentReady: 'Unknown', markUnknown, graceEndsMs };
  return { health: { ...health, readyTransitionMs: nowMs }, observedReady, currentReady: 'Unknown', markUnknown, graceEndsMs };
}
