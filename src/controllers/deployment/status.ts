/**
 * Deployment status and the Progressing condition (k/k sync.go
 * calculateStatus; progress.go syncRolloutStatus, requeueStuckDeployment;
 * deployment_util.go DeploymentComplete/Progressing/TimedOut; §6, §11).
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/types/apps.js';
import { getCondition, newCondition, REASON, removeCondition, setCondition, setNewCondition, withConditionLast, type DeploymentCondition } from './conditions.js';
import { maxUnavailable } from './util.js';

const MAX_INT32 = 2_147_483_647;

export function hasProgressDeadline(d: Deployment): boolean {
  const deadline = d.spec.progressDeadlineSeconds;
  return deadline !== undefined && deadline !== MAX_INT32;
}

/**
 * The status of a sync that changes nothing is read and compared without
 * being copied: the conditions list is the stored one until a condition
 * changes (setCondition copies it then), so the no-op check meets the same
 * list and stops there.
 */
export function calculateStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let terminating = 0;
  let total = 0;
  for (const rs of allRSs) {
    replicas += rs.status?.replicas ?? 0;
    ready += rs.status?.readyReplicas ?? 0;
    available += rs.status?.availableReplicas ?? 0;
    terminating += rs.status?.terminatingReplicas ?? 0;
    total += rs.spec.replicas ?? 0;
  }
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas,
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: ready,
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    // KEP-3973 (beta, on since v1.35): pods of any ReplicaSet still shutting down.
    terminatingReplicas: terminating,
    ...(d.status?.collisionCount === undefined ? {} : { collisionCount: d.status.collisionCount }),
    conditions: d.status?.conditions ?? [],
  };
  return available >= d.spec.replicas - maxUnavailable(d)
    ? setNewCondition(status, 'Available', 'True', REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', nowMs)
    : setNewCondition(status, 'Available', 'False', REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs);
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  return (
    status.updatedReplicas === d.spec.replicas &&
    status.replicas === d.spec.replicas &&
    status.availableReplicas === d.spec.replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: any sign of progress compared with the stored status. */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: the Progressing condition's lastUpdateTime + deadline is strictly before now. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, 'Progressing');
  if (condition === undefined) return false;
  if (condition.reason === REASON.ProgressDeadlineExceeded) return true;
  return (condition.lastUpdateTime ?? 0) + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/** What the Progressing condition's message is about. */
function subjectOf(d: Deployment, newRS: ReplicaSet | undefined): string {
  return newRS === undefined ? `Deployment "${d.metadata.name}"` : `ReplicaSet "${newRS.metadata.name}"`;
}

/** The status syncRolloutStatus would write (before the ReplicaFailure copy). */
export function rolloutStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  let status = calculateStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) status = removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.NewReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, status)) {
      status = setNewCondition(status, 'Progressing', 'True', REASON.NewReplicaSetAvailable, `${subjectOf(d, newRS)} has successfully progressed.`, nowMs);
    } else if (deploymentProgressing(d, status)) {
      // Progress refreshes lastUpdateTime even with an unchanged reason: the
      // old condition is removed first (§11).
      // The old condition goes and the new one comes last, keeping its transition time while True.
      const since = current?.status === 'True' && current.lastTransitionTime !== undefined ? current.lastTransitionTime : nowMs;
      status = withConditionLast(status, newCondition('Progressing', 'True', REASON.ReplicaSetUpdated, `${subjectOf(d, newRS)} is progressing.`, nowMs, since));
    } else if (deploymentTimedOut(d, status, nowMs)) {
      status = setNewCondition(status, 'Progressing', 'False', REASON.ProgressDeadlineExceeded, `${subjectOf(d, newRS)} has timed out progressing.`, nowMs);
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  return failure === undefined ? removeCondition(status, 'ReplicaFailure') : setCondition(status, failure);
}

function trueReplicaFailure(rs: ReplicaSet | undefined): DeploymentCondition | undefined {
  for (const c of rs?.status?.conditions ?? []) if (c.type === 'ReplicaFailure' && c.status === 'True') return c as DeploymentCondition;
  return undefined;
}

/** The new ReplicaSet's ReplicaFailure=True condition, else the first old one's, as a Deployment condition. */
function replicaFailure(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  let found = trueReplicaFailure(newRS);
  for (let i = 0; found === undefined && i < allRSs.length; i++) found = trueReplicaFailure(allRSs[i]);
  if (found === undefined) return undefined;
  return { type: 'ReplicaFailure', status: found.status, ...(found.reason === undefined ? {} : { reason: found.reason }), ...(found.message === undefined ? {} : { message: found.message }), ...(found.lastTransitionTime === undefined ? {} : { lastTransitionTime: found.lastTransitionTime, lastUpdateTime: found.lastTransitionTime }) };
}

/**
 * requeueStuckDeployment: when nothing changed, when to look again so the
 * deadline is noticed. undefined: no requeue; 0: at once (rate limited).
 */
export function stuckRequeueMs(d: Deployment, status: DeploymentStatus, nowMs: number): number | undefined {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || current === undefined) return undefined;
  if (deploymentComplete(d, status) || current.reason === REASON.ProgressDeadlineExceeded) return undefined;
  const after = (current.lastUpdateTime ?? 0) + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - nowMs;
  return after < 1000 ? 0 : after + 1000;
}

/** checkPausedConditions: the status with the paused/resumed Progressing condition, or undefined if unchanged. */
export function pausedConditionStatus(d: Deployment, nowMs: number): DeploymentStatus | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const condition = getCondition(d.status, 'Progressing');
  if (condition?.reason === REASON.ProgressDeadlineExceeded) return undefined;
  const pausedExists = condition?.reason === REASON.DeploymentPaused;
  const status = d.status ?? {};
  if (d.spec.paused === true && !pausedExists) {
    return setCondition(status, newCondition('Progressing', 'Unknown', REASON.DeploymentPaused, 'Deployment is paused', nowMs));
  }
  if (d.spec.paused !== true && pausedExists) {
    return setCondition(status, newCondition('Progressing', 'Unknown', REASON.DeploymentResumed, 'Deployment is resumed', nowMs));
  }
  return undefined;
}
