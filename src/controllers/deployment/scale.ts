/**
 * Scaling a Deployment whose spec.replicas changed, possibly mid-rollout
 * (k/k sync.go scale, isScalingEvent; deployment_util.go FindActiveOrLatest,
 * GetProportion; controller_utils.go ReplicaSetsBySizeNewer/Older).
 */
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import { scaleAndRecord, scaleReplicaSet, type SyncContext } from './context.js';
import { annotationInt, byCreation, DESIRED_REPLICAS_ANNOTATION, isSaturated, maxSurge, replicaSetFraction, sumSpecReplicas } from './util.js';

function isActive(rs: ReplicaSet): boolean {
  return (rs.spec.replicas ?? 0) > 0;
}

/** Whether an active RS was sized for a different spec.replicas. */
function sizedForOtherReplicas(d: Deployment, rs: ReplicaSet): boolean {
  if (!isActive(rs)) return false;
  const desired = annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
  return desired !== undefined && desired !== d.spec.replicas;
}

/**
 * isScalingEvent over the old ReplicaSets and the new one (if any): some
 * active RS was sized for a different spec.replicas. Asked on every sync, so
 * the two are read where they are instead of joined into a new list.
 */
export function isScalingEvent(d: Deployment, oldRSs: readonly ReplicaSet[], newRS?: ReplicaSet): boolean {
  for (const rs of oldRSs) if (sizedForOtherReplicas(d, rs)) return true;
  return newRS !== undefined && sizedForOtherReplicas(d, newRS);
}

/** FindActiveOrLatest: the one active RS; with none active, the new or newest one. */
function activeOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = [...newestFirst, ...(newRS === undefined ? [] : [newRS])].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** GetProportion: this RS's share of the change, capped by what is left to add. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if ((rs.spec.replicas ?? 0) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function bySize(tiesNewestFirst: boolean): (a: ReplicaSet, b: ReplicaSet) => number {
  return (a, b) => {
    const diff = (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0);
    if (diff !== 0) return diff;
    return tiesNewestFirst ? byCreation(b, a) : byCreation(a, b);
  };
}

/** sync.go scale: the first failed write ends it, and the sync returns that error to be retried. */
export function scale(ctx: SyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): string | undefined {
  const single = activeOrLatest(newRS, oldRSs);
  if (single !== undefined) {
    if ((single.spec.replicas ?? 0) === d.spec.replicas) return undefined;
    return scaleAndRecord(ctx, single, d.spec.replicas, d).error;
  }
  if (isSaturated(d, newRS)) {
    for (const old of oldRSs.filter(isActive)) {
      const { error } = scaleAndRecord(ctx, old, 0, d);
      if (error !== undefined) return error;
    }
    return undefined;
  }
  if (d.spec.strategy.type !== 'RollingUpdate') return undefined;
  const active = [...oldRSs, ...(newRS === undefined ? [] : [newRS])].filter(isActive);
  const allowed = d.spec.replicas > 0 ? d.spec.replicas + maxSurge(d) : 0;
  const toAdd = allowed - sumSpecReplicas(active);
  if (toAdd > 0) active.sort(bySize(true));
  else if (toAdd < 0) active.sort(bySize(false));
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of active) {
    const share = toAdd === 0 ? 0 : proportion(rs, d, toAdd, added);
    sizes.set(rs.metadata.name, (rs.spec.replicas ?? 0) + share);
    added += share;
  }
  for (let index = 0; index < active.length; index++) {
    const rs = active[index] as ReplicaSet;
    let size = sizes.get(rs.metadata.name) ?? 0;
    // Leftovers go to the first (largest) ReplicaSet, never below zero.
    if (index === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    const { error } = scaleReplicaSet(ctx, rs, size, d, operation);
    if (error !== undefined) return error;
  }
  return undefined;
}
