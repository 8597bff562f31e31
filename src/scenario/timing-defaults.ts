/**
 * Defaults for `spec.timing`, Kubernetes' own where Kubernetes has one
 * (k8s-lifecycle.md §1, §8); documented in docs/scenarios.md.
 */
import { DEFAULT_TOLERATION_SECONDS } from '../api/admission.js';
import type { DistributionSpec } from '../engine/distributions.js';
import type { ResolvedTiming } from './model.js';
import type { TimingInput } from './schema/timing.js';

/** Start-up of a stateless pod with its image cached: well inside the 5 s p99 SLO. */
export const DEFAULT_POD_STARTUP: DistributionSpec = { dist: 'lognormal', median: 1_500, p99: 5_000 };
/** Most containers exit within a second of SIGTERM. */
export const DEFAULT_POD_SHUTDOWN: DistributionSpec = { dist: 'constant', value: 1_000 };
const ZERO: DistributionSpec = { dist: 'constant', value: 0 };

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
      heartbeats: input.kubelet?.heartbeats ?? true,
    },
    network: {
      watchDelay: input.network?.watchDelay ?? ZERO,
      watchDelayByComponent: input.network?.watchDelayByComponent ?? {},
    },
    nodeLifecycle: {
      monitorPeriodMs: input.nodeLifecycle?.monitorPeriod ?? 5_000,
      gracePeriodMs: input.nodeLifecycle?.gracePeriod ?? 50_000,
      startupGracePeriodMs: input.nodeLifecycle?.startupGracePeriod ?? 60_000,
      defaultTolerationSeconds: input.nodeLifecycle?.defaultTolerationSeconds ?? DEFAULT_TOLERATION_SECONDS,
    },
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
