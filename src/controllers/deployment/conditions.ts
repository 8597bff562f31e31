/**
 * Deployment conditions (k/k deployment_util.go NewDeploymentCondition,
 * SetDeploymentCondition, RemoveDeploymentCondition; callers in sync.go
 * calculateStatus and progress.go syncRolloutStatus).
 */
import type { DeploymentConditionType, DeploymentStatus } from '../../api/types/apps.js';
import type { Condition, ConditionStatus } from '../../api/types/meta.js';

export type DeploymentCondition = Condition<DeploymentConditionType>;

export const REASON = {
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  DeploymentPaused: 'DeploymentPaused',
  DeploymentResumed: 'DeploymentResumed',
  ReplicaSetCreateError: 'ReplicaSetCreateError',
} as const;

/** NewDeploymentCondition at `nowMs`; `transitionMs` keeps an earlier lastTransitionTime. */
export function newCondition(type: DeploymentConditionType, status: ConditionStatus, reason: string, message: string, nowMs: number, transitionMs = nowMs): DeploymentCondition {
  return { type, status, reason, message, lastUpdateTime: nowMs, lastTransitionTime: transitionMs };
}

export function getCondition(status: DeploymentStatus | undefined, type: DeploymentConditionType): DeploymentCondition | undefined {
  // A loop, not find with a closure: asked several times in every Deployment sync.
  const conditions = status?.conditions;
  if (conditions === undefined) return undefined;
  for (const condition of conditions) if (condition.type === type) return condition;
  return undefined;
}

/**
 * SetDeploymentCondition: no change if status and reason are the same; the
 * transition time survives when only the reason changes; the condition moves
 * to the end of the list.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): DeploymentStatus {
  const current = getCondition(status, condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason) return status;
  const next: DeploymentCondition =
    current !== undefined && current.status === condition.status && current.lastTransitionTime !== undefined
      ? { ...condition, lastTransitionTime: current.lastTransitionTime }
      : condition;
  return withConditionLast(status, next);
}

/**
 * The status with `condition` at the end of its list in place of any of its
 * type: RemoveDeploymentCondition followed by SetDeploymentCondition of a
 * condition the list no longer has (progress.go syncRolloutStatus refreshing
 * Progressing), with one copy of the status and of the list instead of two.
 */
export function withConditionLast(status: DeploymentStatus, condition: DeploymentCondition): DeploymentStatus {
  const conditions: DeploymentCondition[] = [];
  for (const c of status.conditions ?? []) if (c.type !== condition.type) conditions.push(c);
  conditions.push(condition);
  return { ...status, conditions };
}

/** setCondition of a condition built only when it would change the status (the same status and reason change nothing). */
export function setNewCondition(status: DeploymentStatus, type: DeploymentConditionType, conditionStatus: ConditionStatus, reason: string, message: string, nowMs: number): DeploymentStatus {
  const current = getCondition(status, type);
  if (current !== undefined && current.status === conditionStatus && current.reason === reason) return status;
  return setCondition(status, newCondition(type, conditionStatus, reason, message, nowMs));
}

export function removeCondition(status: DeploymentStatus, type: DeploymentConditionType): DeploymentStatus {
  if (getCondition(status, type) === undefined) return status;
  return { ...status, conditions: (status.conditions ?? []).filter((c) => c.type !== type) };
}
