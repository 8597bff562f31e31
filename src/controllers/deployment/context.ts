/**
 * What one Deployment sync works with: the API client, the clock, and the
 * scaling write every step shares (k/k sync.go scaleReplicaSet,
 * scaleReplicaSetAndRecordEvent).
 */
import type { ApiClient } from '../../api/client.js';
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import { annotationInt, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, maxSurge, replicasAnnotations } from './util.js';

export interface SyncContext {
  readonly client: ApiClient;
  readonly nowMs: number;
  /** The controller's ReplicaSet cache (rsLister), which lags the store by the watch delay. */
  readonly replicaSetLister: (name: string, namespace: string | undefined) => ReplicaSet | undefined;
}

function annotationsNeedUpdate(rs: ReplicaSet, d: Deployment): boolean {
  return (
    annotationInt(rs, DESIRED_REPLICAS_ANNOTATION) !== d.spec.replicas ||
    annotationInt(rs, MAX_REPLICAS_ANNOTATION) !== d.spec.replicas + maxSurge(d)
  );
}

export interface ScaleOutcome {
  readonly scaled: boolean;
  readonly replicaSet: ReplicaSet;
  /** The failed Update's message (a Conflict when the cache lags): upstream's callers return it and the sync is retried. */
  readonly error?: string;
}

/**
 * Writes the new size and re-stamps the replicas annotations when either
 * differs; `scaled` is true only when the size changed.
 */
export function scaleReplicaSet(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment, operation: 'up' | 'down' | ''): ScaleOutcome {
  const oldScale = rs.spec.replicas ?? 0;
  const sizeNeedsUpdate = oldScale !== newScale;
  if (!sizeNeedsUpdate && !annotationsNeedUpdate(rs, d)) return { scaled: false, replicaSet: rs };
  // An Update of the cached copy, as sync.go's scaleReplicaSet does: when the cache lags the store (the
  // controller's own earlier write not yet seen), the stale resourceVersion makes it a Conflict, so no
  // second write and no second ScalingReplicaSet event for one scale.
  const result = ctx.client.update({
    ...rs,
    metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, ...replicasAnnotations(d) } },
    spec: { ...rs.spec, replicas: newScale },
  } as ReplicaSet);
  if (!result.ok) return { scaled: false, replicaSet: rs, error: result.error.message };
  if (sizeNeedsUpdate) {
    ctx.client.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return { scaled: sizeNeedsUpdate, replicaSet: result.object };
}

/** scaleReplicaSetAndRecordEvent: no write at all when the size is already right. */
export function scaleAndRecord(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment): ScaleOutcome {
  const current = rs.spec.replicas ?? 0;
  if (current === newScale) return { scaled: false, replicaSet: rs };
  return scaleReplicaSet(ctx, rs, newScale, d, current < newScale ? 'up' : 'down');
}
