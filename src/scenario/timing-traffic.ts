/**
 * Defaults for the endpoints, kube-proxy, HPA and metrics sections of
 * `spec.timing`, as the documented flags default them:
 * kube-controller-manager's --endpointslice-updates-batch-period (0),
 * --concurrent-endpointslice-syncs (5), --horizontal-pod-autoscaler-sync-period
 * (15 s), -tolerance (0.1), -downscale-stabilization (5 m),
 * -cpu-initialization-period (5 m), -initial-readiness-delay (30 s); kube-proxy's
 * --iptables-min-sync-period (1 s). Documented in docs/scenarios.md.
 */
import type { DistributionSpec } from '../engine/distributions.js';
import type { ResolvedTiming } from './model.js';
import type { TimingInput } from './schema/timing.js';

const ZERO: DistributionSpec = { dist: 'constant', value: 0 };

export function resolveTrafficTiming(input: TimingInput): Pick<ResolvedTiming, 'endpoints' | 'kubeProxy' | 'hpa' | 'metrics'> {
  return {
    endpoints: {
      batchPeriodMs: input.endpoints?.batchPeriod ?? 0,
      workers: input.endpoints?.workers ?? 5,
      ...(input.endpoints?.syncCost === undefined ? {} : { syncCost: input.endpoints.syncCost }),
    },
    kubeProxy: {
      minSyncPeriodMs: input.kubeProxy?.minSyncPeriod ?? 1_000,
      ...(input.kubeProxy?.syncCost === undefined ? {} : { syncCost: input.kubeProxy.syncCost }),
    },
    hpa: {
      syncPeriodMs: input.hpa?.syncPeriod ?? 15_000,
      tolerance: input.hpa?.tolerance ?? 0.1,
      downscaleStabilizationMs: input.hpa?.downscaleStabilization ?? 300_000,
      cpuInitializationPeriodMs: input.hpa?.cpuInitializationPeriod ?? 300_000,
      initialReadinessDelayMs: input.hpa?.initialReadinessDelay ?? 30_000,
    },
    metrics: {
      // metrics-server's own default --metric-resolution is 60 s; its
      // published components.yaml runs it with 15 s, which is what clusters use.
      scrapeIntervalMs: input.metrics?.scrapeInterval ?? 15_000,
      scrapeDelay: input.metrics?.scrapeDelay ?? ZERO,
    },
  };
}
