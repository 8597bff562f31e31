/**
 * Node Lease constants (k/k pkg/kubelet/kubelet.go, nodeLeaseRenewIntervalFraction;
 * KubeletConfiguration nodeLeaseDurationSeconds).
 */
import type { ApiResult } from '../api/api-error.js';
import type { ApiClient } from '../api/client.js';
import type { Lease } from '../api/types/node.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** nodeLeaseDurationSeconds; renewals every quarter of it. */
export const NODE_LEASE_DURATION_SECONDS = 40;
/** nodeLeaseRenewIntervalFraction 0.25 × 40 s. */
export const LEASE_RENEW_INTERVAL_MS = (NODE_LEASE_DURATION_SECONDS * 1000) / 4;
/** wait.JitterUntil stretches each wait by up to 4 %. */
export const LEASE_RENEW_JITTER = 0.04;
/** backoffEnsureLease: 200 ms doubling to 7 s while the API server cannot be reached. */
export const LEASE_RETRY_INITIAL_MS = 200;
export const LEASE_RETRY_MAX_MS = 7_000;

/**
 * The renewal a node agent sends while it holds its Lease: the Lease it
 * last wrote with renewTime set to now, as an update without a GET
 * (k8s.io/component-helpers/apimachinery/lease/controller.go sync and
 * newLeaseWithRenewTime). NotFound when the Lease is gone (the caller then
 * ensures it again).
 */
export function renewNodeLease(client: ApiClient, nodeName: string, nowMs: number): ApiResult<Lease> {
  return client.renewLease(nodeName, NODE_LEASE_NAMESPACE, nowMs);
}
