/**
 * The controller's legacy rollback (k/k rollback.go rollback,
 * rollbackToTemplate, getRollbackTo): a Deployment
 * carrying the annotation `deprecated.deployment.rollback.to: "<revision>"`
 * gets the template and annotations of that revision's ReplicaSet (0 means
 * the previous revision); the annotation is removed in the same update.
 * Modern kubectl never sets it (its undo is client-side, see
 * scenario/actions/rollout.ts), but the controller still honours it.
 */
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import type { PodTemplateSpec } from '../../api/types/pod.js';
import { updateCachedCopy } from './cached-update.js';
import type { SyncContext } from './context.js';
import { ANNOTATIONS_NOT_COPIED, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, ROLLBACK_ANNOTATION } from './util.js';

/** getRollbackTo: the requested revision, or undefined when the annotation is absent or not an integer. */
export function rollbackTo(d: Deployment): number | undefined {
  const raw = d.metadata.annotations?.[ROLLBACK_ANNOTATION];
  if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** The revision annotation as written; undefined when missing or not an integer (Revision() errors). */
function parsedRevision(rs: ReplicaSet): number | undefined {
  const raw = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (raw === undefined || !/^\d+$/.test(raw)) return raw === undefined ? 0 : undefined;
  return Number(raw);
}

/** LastRevision: the second highest revision among the ReplicaSets (0 if there is none). */
export function lastRevision(replicaSets: readonly ReplicaSet[]): number {
  let max = 0;
  let second = 0;
  for (const rs of replicaSets) {
    const v = parsedRevision(rs);
    if (v === undefined) continue;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) {
      second = v;
    }
  }
  return second;
}

/** SetFromReplicaSetTemplate: the template without its pod-template-hash label. */
export function templateWithoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/**
 * SetDeploymentAnnotationsTo: the Deployment keeps its own revision,
 * history, replicas, last-applied and rollback annotations and takes every
 * other annotation from the ReplicaSet.
 */
export function annotationsFromReplicaSet(d: Deployment, rs: ReplicaSet): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_NOT_COPIED.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_NOT_COPIED.has(key)) annotations[key] = value;
  return annotations;
}

/**
 * updateDeploymentAndClearRollbackTo, optionally with the template and
 * annotations of `target` (rollbackToTemplate): an Update of the sync's copy
 * with its cached resourceVersion, so a revision the same sync wrote makes it
 * a Conflict. Returns the error message, if any.
 */
function updateAndClear(ctx: SyncContext, d: Deployment, target: ReplicaSet | undefined): string | undefined {
  const annotations = target === undefined ? { ...d.metadata.annotations } : annotationsFromReplicaSet(d, target);
  delete annotations[ROLLBACK_ANNOTATION];
  const spec = target === undefined ? d.spec : { ...d.spec, template: templateWithoutHash(target.spec.template) };
  return updateCachedCopy(ctx.client, { ...d, metadata: { ...d.metadata, annotations }, spec });
}

/** rollback: `allRSs` are the Deployment's ReplicaSets after getAllReplicaSetsAndSyncRevision(create). Returns the Update's error. */
export function rollback(ctx: SyncContext, d: Deployment, allRSs: readonly ReplicaSet[]): string | undefined {
  let revision = rollbackTo(d) ?? 0;
  if (revision === 0) {
    revision = lastRevision(allRSs);
    if (revision === 0) {
      ctx.client.event(d, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
      return updateAndClear(ctx, d, undefined);
    }
  }
  const target = allRSs.find((rs) => parsedRevision(rs) === revision);
  if (target === undefined) {
    ctx.client.event(d, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
    return updateAndClear(ctx, d, undefined);
  }
  if (equalIgnoreHash(d.spec.template, target.spec.template)) {
    ctx.client.event(d, 'Warning', 'DeploymentRollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
    return updateAndClear(ctx, d, undefined);
  }
  const error = updateAndClear(ctx, d, target);
  // rollback.go emits the event only when the Update succeeded.
  if (error === undefined) ctx.client.event(d, 'Normal', 'DeploymentRollback', `Rolled back deployment "${d.metadata.name}" to revision ${revision}`);
  return error;
}
