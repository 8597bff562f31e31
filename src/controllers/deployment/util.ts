/**
 * Deployment arithmetic (k/k pkg/controller/deployment/util/deployment_util.go;
 * ResolveFenceposts, MaxSurge, MaxUnavailable, FindNewReplicaSet,
 * NewRSNewReplicas, GetProportion). Pure functions over objects.
 */
import { jsonEqual } from '../../api/json-equal.js';
import { scaledValue } from '../../api/intstr.js';
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import type { PodTemplateSpec } from '../../api/types/pod.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const ROLLBACK_ANNOTATION = 'deprecated.deployment.rollback.to';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** Annotations the Deployment keeps for itself (skipCopyAnnotation). */
export const ANNOTATIONS_NOT_COPIED: ReadonlySet<string> = new Set([
  LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_ANNOTATION,
]);

export interface Fenceposts {
  readonly surge: number;
  readonly unavailable: number;
}

/**
 * The last resolution, by its inputs (plain values): one Deployment sync
 * asks for the same fenceposts several times (MaxSurge, MaxUnavailable,
 * status, the replicas annotations), each a percentage parse.
 */
let lastResolved:
  | { readonly maxSurge: number | string | undefined; readonly maxUnavailable: number | string | undefined; readonly desired: number; readonly fenceposts: Fenceposts | undefined }
  | undefined;

/**
 * ResolveFenceposts: surge rounds up, unavailable rounds down; if both are 0
 * unavailable becomes 1 so a rollout can always progress.
 */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): Fenceposts | undefined {
  const last = lastResolved;
  if (last !== undefined && last.maxSurge === maxSurge && last.maxUnavailable === maxUnavailable && last.desired === desired) return last.fenceposts;
  const surge = scaledValue(maxSurge, desired, true);
  const unavailable = scaledValue(maxUnavailable, desired, false);
  let fenceposts: Fenceposts | undefined;
  if (!surge.ok || !unavailable.ok) fenceposts = undefined;
  else if (surge.value === 0 && unavailable.value === 0) fenceposts = { surge: 0, unavailable: 1 };
  else fenceposts = { surge: surge.value, unavailable: unavailable.value };
  lastResolved = { maxSurge, maxUnavailable, desired, fenceposts };
  return fenceposts;
}

function isRollingUpdate(d: Deployment): boolean {
  return d.spec.strategy.type === 'RollingUpdate';
}

/** MaxSurge(d): resolved surge for RollingUpdate, 0 for Recreate; never capped by replicas. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, d.spec.replicas)?.surge ?? 0;
}

/** MaxUnavailable(d): 0 for Recreate or 0 replicas; else min(resolved, replicas). */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || d.spec.replicas === 0) return 0;
  const ru = d.spec.strategy.rollingUpdate;
  const resolved = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, d.spec.replicas)?.unavailable ?? 0;
  return Math.min(resolved, d.spec.replicas);
}

/** MinAvailable(d) = replicas − MaxUnavailable(d). */
export function minAvailable(d: Deployment): number {
  return d.spec.replicas - maxUnavailable(d);
}

function specReplicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 0;
}

export function sumSpecReplicas(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + specReplicas(rs), 0);
}

export function sumAvailable(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0);
}

/** NewRSNewReplicas: the size the new ReplicaSet may grow to now (§5.2). */
export function newRSNewReplicas(d: Deployment, allReplicaSets: readonly ReplicaSet[], newRS: ReplicaSet | undefined): number {
  if (!isRollingUpdate(d)) return d.spec.replicas;
  const surge = scaledValue(d.spec.strategy.rollingUpdate?.maxSurge, d.spec.replicas, true);
  const surgeCount = surge.ok ? surge.value : 0;
  const newSize = newRS === undefined ? 0 : specReplicas(newRS);
  const current = sumSpecReplicas(allReplicaSets);
  const maxTotal = d.spec.replicas + surgeCount;
  if (current >= maxTotal) return newSize;
  return newSize + Math.min(maxTotal - current, d.spec.replicas - newSize);
}

/** The revision annotation as a number; missing or unparsable counts as 0. */
export function revisionOf(rs: { readonly metadata: { readonly annotations?: Readonly<Record<string, string>> } }): number {
  const raw = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (raw === undefined) return 0;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

export function maxRevision(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

type JsonObject = Readonly<Record<string, unknown>>;

/**
 * jsonEqual of two objects (a missing one as {}), except that field `skip`
 * is compared by `same`: a template compared without copying it to drop one label.
 */
function equalExcept(a: JsonObject | undefined, b: JsonObject | undefined, skip: string, same: (x: JsonObject | undefined, y: JsonObject | undefined) => boolean): boolean {
  const left = a ?? {};
  const right = b ?? {};
  let fields = 0;
  for (const key in left) {
    if (key === skip || left[key] === undefined) continue;
    fields++;
    if (!jsonEqual(left[key], right[key])) return false;
  }
  for (const key in right) if (key !== skip && right[key] !== undefined) fields--;
  return fields === 0 && same(left[skip] as JsonObject | undefined, right[skip] as JsonObject | undefined);
}

const ignored = (): boolean => true;

function templatesEqualIgnoringHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return equalExcept(a as unknown as JsonObject, b as unknown as JsonObject, 'metadata', (ma, mb) =>
    equalExcept(ma, mb, 'labels', (la, lb) => equalExcept(la, lb, POD_TEMPLATE_HASH_LABEL, ignored)));
}

/**
 * The last comparison per template object. Stored objects never change and
 * a status write keeps the spec object, so a Deployment's sync, which looks
 * for its new ReplicaSet on every event of its pods, compares each pair of
 * templates once (the deep comparisons were 4 % of a 4,000-pod run). A
 * scale writes the ReplicaSet's spec, which the store copies, so there is a
 * miss after every scale (4,774 of 54,672 comparisons in bench:cluster 150
 * 4000 10): a miss walks both templates without copying them.
 */
const lastComparison = new WeakMap<PodTemplateSpec, { readonly other: PodTemplateSpec; readonly equal: boolean }>();

/** EqualIgnoreHash: templates equal once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  const last = lastComparison.get(a);
  if (last?.other === b) return last.equal;
  const equal = templatesEqualIgnoringHash(a, b);
  lastComparison.set(a, { other: b, equal });
  return equal;
}

/** Oldest first: creation time, then name (ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  if (a.metadata.creationTimestamp !== b.metadata.creationTimestamp) return a.metadata.creationTimestamp - b.metadata.creationTimestamp;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/**
 * FindNewReplicaSet: the oldest ReplicaSet whose template equals the
 * Deployment's (upstream sorts by creation and takes the first that
 * matches; a running minimum gives the same one without a sorted copy on
 * every Deployment sync).
 */
export function findNewReplicaSet(d: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet | undefined {
  let oldest: ReplicaSet | undefined;
  for (const rs of replicaSets) {
    if (oldest !== undefined && byCreation(rs, oldest) >= 0) continue;
    if (equalIgnoreHash(rs.spec.template, d.spec.template)) oldest = rs;
  }
  return oldest;
}

export function annotationInt(rs: ReplicaSet, name: string): number | undefined {
  const raw = rs.metadata.annotations?.[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : undefined;
}

/** IsSaturated: the new RS has all replicas, all available, and is stamped for this size. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  return (
    annotationInt(rs, DESIRED_REPLICAS_ANNOTATION) === d.spec.replicas &&
    specReplicas(rs) === d.spec.replicas &&
    (rs.status?.availableReplicas ?? 0) === d.spec.replicas
  );
}

/** Annotation changes that every scale writes (SetReplicasAnnotations). */
export function replicasAnnotations(d: Deployment): Record<string, string> {
  return {
    [DESIRED_REPLICAS_ANNOTATION]: String(d.spec.replicas),
    [MAX_REPLICAS_ANNOTATION]: String(d.spec.replicas + maxSurge(d)),
  };
}

/**
 * getReplicaSetFraction (§7): how much `rs` should change when the
 * Deployment is scaled, in proportion to the total it was sized against.
 */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const size = specReplicas(rs);
  if (d.spec.replicas === 0) return -size;
  const deploymentMax = d.spec.replicas + maxSurge(d);
  const annotated = annotationInt(rs, MAX_REPLICAS_ANNOTATION);
  // A missing or zero annotation falls back to the Deployment's status size;
  // if that is 0 too the RS is left alone (newer releases guard the division).
  const rsMax = annotated !== undefined && annotated !== 0 ? annotated : d.status?.replicas ?? 0;
  if (rsMax === 0) return 0;
  return Math.round((size * deploymentMax) / rsMax) - size;
}
