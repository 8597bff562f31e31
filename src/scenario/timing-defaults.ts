/**
 * Defaults for `spec.timing`, Kubernetes' own where Kubernetes has one
 * (kube-controller-manager's --node-monitor-grace-period,
 * --node-eviction-rate and friends; the DefaultTolerationSeconds admission
 * plugin); documented in docs/scenarios.md.
 */
import { DEFAULT_TOLERATION_SECONDS } from '../api/admission.js';
import { quantityToInteger } from '../api/quantity.js';
import type { DistributionSpec } from '../engine/distributions.js';
import type { ResolvedTiming } from './model.js';
import type { TimingInput } from './schema/timing.js';
import { resolveTrafficTiming } from './timing-traffic.js';

/** Start-up of a stateless pod with its image cached: well inside the 5 s p99 SLO. */
export const DEFAULT_POD_STARTUP: DistributionSpec = { dist: 'lognormal', median: 1_500, p99: 5_000 };
/** Most containers exit within a second of SIGTERM. */
export const DEFAULT_POD_SHUTDOWN: DistributionSpec = { dist: 'constant', value: 1_000 };
const ZERO: DistributionSpec = { dist: 'constant', value: 0 };
/** Image pulls of images with a size: 50 MiB/s (kubesim's assumption; Kubernetes has no such default). */
export const DEFAULT_IMAGE_PULL_BANDWIDTH = 50 * 1024 * 1024;

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

export function resolveTiming(input: TimingInput): ResolvedTiming {
  const controller = (t: { workers?: number | undefined; syncCost?: DistributionSpec | undefined } | undefined) => ({
    workers: t?.workers ?? 5,
    ...(t?.syncCost === undefined ? {} : { syncCost: t.syncCost }),
  });
  return {
    kubelet: {
      podStartup: input.kubelet?.podStartup ?? DEFAULT_POD_STARTUP,
      podShutdown: input.kubelet?.podShutdown ?? DEFAULT_POD_SHUTDOWN,
      ...(input.kubelet?.runTime === undefined ? {} : { runTime: input.kubelet.runTime }),
      heartbeats: input.kubelet?.heartbeats ?? true,
      serializeImagePulls: input.kubelet?.serializeImagePulls ?? true,
      imagePullBandwidthBytesPerSecond: input.kubelet?.imagePullBandwidth === undefined ? DEFAULT_IMAGE_PULL_BANDWIDTH : quantityToInteger(input.kubelet.imagePullBandwidth),
    },
    // KWOK's default pod-ready stage has no delay (kustomize/stage/pod/fast/pod-ready.yaml).
    kwok: { podReadyDelayMs: input.kwok?.podReadyDelay ?? 0 },
    network: {
      watchDelay: input.network?.watchDelay ?? ZERO,
      watchDelayByComponent: input.network?.watchDelayByComponent ?? {},
      apiLatency: input.network?.apiLatency ?? ZERO,
      apiLatencyByComponent: input.network?.apiLatencyByComponent ?? {},
    },
    nodeLifecycle: {
      monitorPeriodMs: input.nodeLifecycle?.monitorPeriod ?? 5_000,
      gracePeriodMs: input.nodeLifecycle?.gracePeriod ?? 50_000,
      startupGracePeriodMs: input.nodeLifecycle?.startupGracePeriod ?? 60_000,
      defaultTolerationSeconds: input.nodeLifecycle?.defaultTolerationSeconds ?? DEFAULT_TOLERATION_SECONDS,
      evictionRate: input.nodeLifecycle?.evictionRate ?? 0.1,
      secondaryEvictionRate: input.nodeLifecycle?.secondaryEvictionRate ?? 0.01,
      largeClusterSizeThreshold: input.nodeLifecycle?.largeClusterSizeThreshold ?? 50,
      unhealthyZoneThreshold: input.nodeLifecycle?.unhealthyZoneThreshold ?? 0.55,
    },
    ...resolveTrafficTiming(input),
    controllers: {
      deployment: controller(input.controllers?.deployment),
      replicaset: controller(input.controllers?.replicaset),
    },
    scheduler: {
      ...(input.scheduler?.bindDelay === undefined ? {} : { bindDelay: input.scheduler.bindDelay }),
      ...(input.scheduler?.decisionTime === undefined ? {} : { decisionTime: stripUndefined(input.scheduler.decisionTime) }),
    },
  };
}
