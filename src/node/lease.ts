/**
 * Node Lease constants (k/k pkg/kubelet/kubelet.go, nodeLeaseRenewIntervalFraction;
 * KubeletConfiguration nodeLeaseDurationSeconds).
 */
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
