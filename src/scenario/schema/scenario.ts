/**
 * The scenario file as users write it (kubesim/v1 Scenario). Sections live
 * in their own files; this one assembles them and applies the file-level
 * defaults. See docs/scenarios.md for every field.
 */
import { z } from 'zod';
import { cluster } from './cluster.js';
import { clusterAutoscalerSpec } from './cluster-autoscaler.js';
import { images } from './images.js';
import { dnsName, durationMs } from './primitives.js';
import { timelineEntry } from './timeline.js';
import { traceWorkload } from '../traces/schema.js';
import { timing } from './timing.js';
import { schedulerSpec } from './scheduler.js';
import { traffic } from './traffic.js';

export const DEFAULT_DURATION_MS = 60 * 60_000;

const manifest = z.record(z.string(), z.unknown(), { error: 'expected a Kubernetes object (a map with apiVersion, kind, metadata)' });

export const scenarioSpec = z.strictObject({
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  duration: durationMs.default(DEFAULT_DURATION_MS),
  cluster: cluster.default({ nodePools: [] }),
  timing: timing.default({}),
  images: images.default([]),
  manifests: z.array(manifest).default([]),
  include: z.array(z.string().min(1)).default([]),
  timeline: z.array(timelineEntry).default([]),
  scheduler: schedulerSpec.default({ plugins: [], tieBreak: 'random' }),
  /** Workloads replayed from cluster traces (traces/schema.ts). */
  workloads: z.array(traceWorkload).default([]),
  traffic: traffic.default([]),
  /** The Cluster Autoscaler's flags (docs/autoscaling.md); it runs when a node pool has `autoscaling`. */
  clusterAutoscaler: clusterAutoscalerSpec.optional(),
});

export const scenarioFile = z.strictObject({
  apiVersion: z.literal('kubesim/v1', { error: 'expected apiVersion: kubesim/v1' }),
  kind: z.literal('Scenario', { error: 'expected kind: Scenario' }),
  metadata: z.strictObject({ name: dnsName, description: z.string().optional() }),
  spec: scenarioSpec,
});

export type ScenarioFileInput = z.infer<typeof scenarioFile>;
