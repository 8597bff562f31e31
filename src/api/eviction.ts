/**
 * The eviction subresource (POST pods/<name>/eviction; k/k
 * pkg/registry/core/pod/storage/eviction.go; kubernetes.io/docs/concepts/
 * scheduling-eviction/api-eviction):
 * 200 deletes the pod gracefully like a DELETE; 429 TooManyRequests when
 * the pod's PodDisruptionBudget allows no disruption now; 500 when several
 * budgets cover the pod. Pods covered by no budget, and pods that are
 * Pending, terminal or already being deleted, are evicted at once.
 * An approved eviction decrements the budget's disruptionsAllowed and
 * records the pod in status.disruptedPods in the same step, so two
 * evictions in a row cannot both spend the last allowed disruption.
 */
import { apiError, fail, type ApiResult } from './api-error.js';
import { extensibleCopy } from './clone.js';
import { selectorMatches } from './labels.js';
import { isPodReady, withPodCondition } from './pod-util.js';
import type { ApiStore, DeleteOptions } from './store.js';
import type { KubeObject } from './types/meta.js';
import type { Pod } from './types/pod.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from './types/policy.js';

/** MaxDisruptedPodSize: more unconfirmed evictions than this are refused. */
export const MAX_DISRUPTED_POD_SIZE = 2000;

/** canIgnorePDB: nothing to protect in a pod that is not running or already going. */
function canIgnorePDB(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp !== undefined;
}

function budgetsFor(store: ApiStore, pod: Pod): PodDisruptionBudget[] {
  return store.list('PodDisruptionBudget', pod.metadata.namespace ?? 'default').filter((pdb) => selectorMatches(pdb.spec.selector, pod.metadata.labels));
}

/** The DisruptionAllowed condition for a status (pdbhelper.UpdateDisruptionAllowedCondition). */
export function withDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, nowMs: number): PodDisruptionBudgetStatus {
  const allowed = status.disruptionsAllowed > 0;
  const value = allowed ? 'True' : 'False';
  const existing = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
  if (existing?.status === value) return status;
  const condition = { type: 'DisruptionAllowed', status: value, reason: allowed ? 'SufficientPods' : 'InsufficientPods', message: '', lastTransitionTime: nowMs } as const;
  return { ...status, conditions: [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), condition] };
}

function tooManyRequests(pdb: PodDisruptionBudget, detail: string): ApiResult<KubeObject> {
  return fail(apiError('TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", [{ field: 'DisruptionBudget', message: detail.replace('%s', pdb.metadata.name) }]));
}

/** checkAndDecrement: spend one allowed disruption of `pdb` on `pod`, or say why not. */
function checkAndDecrement(store: ApiStore, pdb: PodDisruptionBudget, pod: Pod, nowMs: number): ApiResult<KubeObject> | undefined {
  const status = pdb.status;
  if (status === undefined || (status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
    return tooManyRequests(pdb, 'The disruption budget %s is still being processed by the server.');
  }
  if (status.disruptionsAllowed < 0) return fail(apiError('Forbidden', `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`));
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    return fail(apiError('Forbidden', `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`));
  }
  if (status.disruptionsAllowed === 0) {
    return tooManyRequests(pdb, `The disruption budget %s needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`);
  }
  let next: PodDisruptionBudgetStatus = {
    ...status,
    disruptionsAllowed: status.disruptionsAllowed - 1,
    disruptedPods: { ...status.disruptedPods, [pod.metadata.name]: nowMs },
  };
  if (next.disruptionsAllowed === 0) next = withDisruptionAllowedCondition(next, nowMs);
  const written = store.patch('PodDisruptionBudget', pdb.metadata.name, pdb.metadata.namespace, (current) =>
    current.metadata.resourceVersion === pdb.metadata.resourceVersion ? { ...current, status: next } : current,
  );
  if (!written.ok) return fail(written.error);
  return undefined;
}

/** Marks the pod DisruptionTarget=True (EvictionByEvictionAPI), then deletes it gracefully. */
function deleteEvicted(store: ApiStore, pod: Pod, nowMs: number, options: DeleteOptions): ApiResult<KubeObject> {
  if (pod.metadata.deletionTimestamp === undefined) {
    store.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) =>
      current.metadata.uid !== pod.metadata.uid
        ? current
        : { ...current, status: withPodCondition(current.status, 'DisruptionTarget', 'True', nowMs, 'EvictionByEvictionAPI', 'Eviction API: evicting') },
    );
  }
  const withUid = extensibleCopy(options);
  withUid.uid = pod.metadata.uid;
  return store.delete('Pod', pod.metadata.name, pod.metadata.namespace, withUid);
}

export function evictPod(store: ApiStore, name: string, namespace: string, nowMs: number, options: DeleteOptions = {}): ApiResult<KubeObject> {
  const pod = store.get('Pod', name, namespace);
  if (pod === undefined) return fail(apiError('NotFound', `pods "${name}" not found`));
  if (canIgnorePDB(pod)) return deleteEvicted(store, pod, nowMs, options);
  const budgets = budgetsFor(store, pod);
  if (budgets.length > 1) {
    return fail(apiError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'));
  }
  const pdb = budgets[0];
  if (pdb === undefined) return deleteEvicted(store, pod, nowMs, options);
  if (!isPodReady(pod)) {
    // An unhealthy pod costs no availability: AlwaysAllow always lets it go;
    // IfHealthyBudget (the default) only while the budget is met.
    if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return deleteEvicted(store, pod, nowMs, options);
    const status = pdb.status;
    if (status !== undefined && status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) return deleteEvicted(store, pod, nowMs, options);
  }
  const refused = checkAndDecrement(store, pdb, pod, nowMs);
  return refused ?? deleteEvicted(store, pod, nowMs, options);
}
