/** `spec.timing`: how long things take. Every field has a Kubernetes-like default. */
import { z } from 'zod';
import { distribution, durationMs, quantity } from './primitives.js';

const controllerTiming = z.strictObject({
  /** --concurrent-<controller>-syncs. */
  workers: z.number().int().min(1).optional(),
  /** Simulated time one reconcile takes. */
  syncCost: distribution.optional(),
});

export const timing = z.strictObject({
  kubelet: z.strictObject({
    podStartup: distribution.optional(),
    podShutdown: distribution.optional(),
    /** Run time of batch pods' containers when neither image nor pod annotation gives one. */
    runTime: distribution.optional(),
    heartbeats: z.boolean().optional(),
    /** serializeImagePulls: one pull at a time per node. */
    serializeImagePulls: z.boolean().optional(),
    /** Bytes per second a node pulls images with a `size` (e.g. 50Mi). */
    imagePullBandwidth: quantity.optional(),
  }).optional(),
  /** Nodes with `nodeAgent: kwok` (docs/scenarios.md, "Node agents"). */
  kwok: z.strictObject({
    /** From the agent seeing a bound pod to its Running and Ready status (a KWOK Stage's delay; 0). */
    podReadyDelay: durationMs.optional(),
  }).optional(),
  network: z.strictObject({
    watchDelay: distribution.optional(),
    /** Per component (`scheduler`, `kubelet`, `deployment-controller`, ...). */
    watchDelayByComponent: z.record(z.string(), distribution).optional(),
    /** API request latency, component → API server. */
    apiLatency: distribution.optional(),
    apiLatencyByComponent: z.record(z.string(), distribution).optional(),
  }).optional(),
  nodeLifecycle: z.strictObject({
    monitorPeriod: durationMs.optional(),
    gracePeriod: durationMs.optional(),
    startupGracePeriod: durationMs.optional(),
    defaultTolerationSeconds: z.number().int().min(0).optional(),
    evictionRate: z.number().min(0).optional(),
    secondaryEvictionRate: z.number().min(0).optional(),
    largeClusterSizeThreshold: z.number().int().min(0).optional(),
    unhealthyZoneThreshold: z.number().min(0).max(1).optional(),
  }).optional(),
  endpoints: z.strictObject({
    /** --endpointslice-updates-batch-period (0). */
    batchPeriod: durationMs.optional(),
    /** --concurrent-service-endpoint-syncs (5). */
    workers: z.number().int().min(1).optional(),
    syncCost: distribution.optional(),
  }).optional(),
  kubeProxy: z.strictObject({
    /** minSyncPeriod (1 s): rules are rewritten at most this often. */
    minSyncPeriod: durationMs.optional(),
    /** How long one rules sync takes to take effect. */
    syncCost: distribution.optional(),
  }).optional(),
  hpa: z.strictObject({
    /** --horizontal-pod-autoscaler-sync-period (15 s). */
    syncPeriod: durationMs.optional(),
    tolerance: z.number().min(0).optional(),
    downscaleStabilization: durationMs.optional(),
    cpuInitializationPeriod: durationMs.optional(),
    initialReadinessDelay: durationMs.optional(),
  }).optional(),
  metrics: z.strictObject({
    /** metrics-server --metric-resolution (15 s): how often pod usage is scraped. */
    scrapeInterval: durationMs.optional(),
    /** From a scrape to its PodMetrics being served. */
    scrapeDelay: distribution.optional(),
  }).optional(),
  controllers: z.strictObject({
    deployment: controllerTiming.optional(),
    replicaset: controllerTiming.optional(),
  }).optional(),
  /** From the Cluster Autoscaler's request to the new Node registering (docs/autoscaling.md). */
  nodeProvisioning: distribution.optional(),
  /** Per node pool, over nodeProvisioning. */
  nodeProvisioningByPool: z.record(z.string(), distribution).optional(),
  scheduler: z.strictObject({
    bindDelay: distribution.optional(),
    /** The scheduler's own decision time per attempt (default: none). */
    decisionTime: z.strictObject({ perPod: distribution.optional(), per1000FilteredNodes: distribution.optional(), per1000ScoredNodes: distribution.optional() }).optional(),
  }).optional(),
});

export type TimingInput = z.infer<typeof timing>;
