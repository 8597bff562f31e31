/**
 * The validating admission a namespaced create goes through after the
 * object is defaulted and validated, in the API server's plugin order:
 * LimitRanger's validation of pods, then ResourceQuota (k/k
 * pkg/kubeapiserver/options/plugins.go AllOrderedPlugins).
 */
import type { ApiError } from '../api-error.js';
import type { KubeObject } from '../types/meta.js';
import type { Pod } from '../types/pod.js';
import type { LimitRange, ResourceQuota } from '../types/quota.js';
import { forbidden } from './forbidden.js';
import { aggregateText, limitRangeViolations } from './limitranger.js';
import { admitQuota, type QuotaAdmission } from './resourcequota.js';

export interface NamespacePolicies {
  readonly limitRanges: readonly LimitRange[];
  readonly quotas: readonly ResourceQuota[];
}

/** The refusal, or the quota usage the create charges. */
export function validateNamespacedCreate(object: KubeObject, messageName: string, policies: NamespacePolicies, nowMs: number): ApiError | QuotaAdmission & { ok: true } {
  if (object.kind === 'Pod' && policies.limitRanges.length > 0) {
    const violations = limitRangeViolations((object as Pod).spec, policies.limitRanges);
    if (violations.length > 0) return forbidden(object.kind, object.apiVersion, messageName, aggregateText(violations));
  }
  if (policies.quotas.length === 0) return { ok: true, charged: [] };
  const quota = admitQuota(object, policies.quotas, nowMs);
  return quota.ok ? quota : forbidden(object.kind, object.apiVersion, messageName, quota.reason);
}
