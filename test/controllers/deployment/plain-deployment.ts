/**
 * The plain paths the Deployment controller's faster ones replace, kept to
 * check them against: EqualIgnoreHash as deployment_util.go writes it (copy
 * both templates, delete the pod-template-hash label, compare deeply), the
 * status a rollout sync writes and the new ReplicaSet's annotations, each
 * built on copies.
 */
import { scaledValue } from '../../../src/api/intstr.js';
import { jsonEqual } from '../../../src/api/json-equal.js';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../../src/api/types/apps.js';
import type { PodTemplateSpec } from '../../../src/api/types/pod.js';
import { getCondition, newCondition, REASON, removeCondition, setCondition } from '../../../src/controllers/deployment/conditions.js';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut, hasProgressDeadline } from '../../../src/controllers/deployment/status.js';
import {
  ANNOTATIONS_NOT_COPIED, maxUnavailable, POD_TEMPLATE_HASH_LABEL, replicasAnnotations, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, revisionOf, sumAvailable, sumSpecReplicas,
} from '../../../src/controllers/deployment/util.js';

function withoutHashLabel(template: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}

export function plainEqualIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return jsonEqual(withoutHashLabel(a), withoutHashLabel(b));
}

/**
 * Deployment status as sync.go calculateStatus and progress.go
 * syncRolloutStatus build it, one step after another on copies (the
 * controller's version builds only what changes).
 */
export function plainRolloutStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  let status = plainCalculateStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) status = removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.NewReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS === undefined ? `Deployment "${d.metadata.name}"` : `ReplicaSet "${newRS.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      status = setCondition(status, newCondition('Progressing', 'True', REASON.NewReplicaSetAvailable, `${subject} has successfully progressed.`, nowMs));
    } else if (deploymentProgressing(d, status)) {
      let condition = newCondition('Progressing', 'True', REASON.ReplicaSetUpdated, `${subject} is progressing.`, nowMs);
      if (current !== undefined) {
        if (current.status === 'True' && current.lastTransitionTime !== undefined) condition = { ...condition, lastTransitionTime: current.lastTransitionTime };
        status = removeCondition(status, 'Progressing');
      }
      status = setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      status = setCondition(status, newCondition('Progressing', 'False', REASON.ProgressDeadlineExceeded, `${subject} has timed out progressing.`, nowMs));
    }
  }
  const fromRS = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  const found = fromRS(newRS) ?? allRSs.map(fromRS).find((c) => c !== undefined);
  if (found === undefined) return removeCondition(status, 'ReplicaFailure');
  return setCondition(status, {
    type: 'ReplicaFailure',
    status: found.status,
    ...(found.reason === undefined ? {} : { reason: found.reason }),
    ...(found.message === undefined ? {} : { message: found.message }),
    ...(found.lastTransitionTime === undefined ? {} : { lastTransitionTime: found.lastTransitionTime, lastUpdateTime: found.lastTransitionTime }),
  });
}

export function plainCalculateStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = sumAvailable(allRSs);
  const total = sumSpecReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: allRSs.reduce((s, rs) => s + (rs.status?.replicas ?? 0), 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: allRSs.reduce((s, rs) => s + (rs.status?.readyReplicas ?? 0), 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    terminatingReplicas: allRSs.reduce((s, rs) => s + (rs.status?.terminatingReplicas ?? 0), 0),
    ...(d.status?.collisionCount === undefined ? {} : { collisionCount: d.status.collisionCount }),
    conditions: [...(d.status?.conditions ?? [])],
  };
  return available >= d.spec.replicas - maxUnavailable(d)
    ? setCondition(status, newCondition('Available', 'True', REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', nowMs))
    : setCondition(status, newCondition('Available', 'False', REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
}

const MAX_REVISION_HISTORY_CHARS = 2000;

/** The annotations a new or renewed ReplicaSet should carry, or undefined if unchanged: always built on a copy, then compared. */
export function plainNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): Record<string, string> | undefined {
  const annotations: Record<string, string> = { ...rs.metadata.annotations };
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevisionText = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (revisionOf(rs) < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevisionText !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      let next = history === undefined || history === '' ? oldRevisionText : `${history},${oldRevisionText}`;
      while (next.length > MAX_REVISION_HISTORY_CHARS && next.includes(',')) next = next.slice(next.indexOf(',') + 1);
      annotations[REVISION_HISTORY_ANNOTATION] = next;
    }
  }
  if (!exists) {
    Object.assign(annotations, replicasAnnotations(d));
    changed = true;
  }
  return changed ? annotations : undefined;
}

/** ResolveFenceposts worked out afresh on every call. */
export function plainResolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } | undefined {
  const surge = scaledValue(maxSurge, desired, true);
  const unavailable = scaledValue(maxUnavailable, desired, false);
  if (!surge.ok || !unavailable.ok) return undefined;
  if (surge.value === 0 && unavailable.value === 0) return { surge: 0, unavailable: 1 };
  return { surge: surge.value, unavailable: unavailable.value };
}
