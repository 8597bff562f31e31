/** `spec.timing`: how long things take. Every field has a Kubernetes-like default. */
import { z } from 'zod';
import { distribution, durationMs } from './primitives.js';

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
    heartbeats: z.boolean().optional(),
  }).optional(),
  network: z.strictObject({
    watchDelay: distribution.optional(),
    /** Per component (`scheduler`, `kubelet`, `deployment-controller`, ...). */
    watchDelayByComponent: z.record(z.string(), distribution).optional(),
  }).optional(),
  nodeLifecycle: z.strictObject({
    monitorPeriod: durationMs.optional(),
    gracePeriod: durationMs.optional(),
    startupGracePeriod: durationMs.optional(),
    defaultTolerationSeconds: z.number().int().min(0).optional(),
  }).optional(),
  controllers: z.strictObject({
    deployment: controllerTiming.optional(),
    replicaset: controllerTiming.optional(),
  }).optional(),
  scheduler: z.strictObject({
    bindDelay: distribution.optional(),
    /** The scheduler's own decision time per attempt (default: none). */
    decisionTime: z.strictObject({ perPod: distribution.optional(), per1000FilteredNodes: distribution.optional(), per1000ScoredNodes: distribution.optional() }).optional(),
  }).optional(),
});

export type TimingInput = z.infer<typeof timing>;
