/**
 * A controller's status write as upstream's controllers make it: UpdateStatus
 * of the copy read from its informer's cache with the new status, carrying
 * that copy's resourceVersion (k/k job_controller.go updateJobStatus,
 * cronjob_controllerv2.go sync, stateful_set_status_updater.go
 * UpdateStatefulSetStatus, horizontal.go updateStatus, disruption.go
 * writePdbStatus). When the cache has not yet seen the latest write of the
 * object (the controller's own previous one included) the API server answers
 * Conflict and nothing is written; each caller then does what its upstream
 * counterpart does with that error. The cached spec goes with the status, and
 * it is the stored one whenever the resourceVersion matches, so a whole-object
 * update writes what the status subresource would.
 */
import type { ApiClient } from '../api/client.js';
import type { ApiResult } from '../api/api-error.js';
import type { KubeObject } from '../api/types/meta.js';

export function updateStatusOfCachedCopy<T extends KubeObject & { readonly status?: unknown }>(client: ApiClient, cached: T, status: NonNullable<T['status']>): ApiResult<KubeObject> {
  return client.update({ ...cached, status });
}
