/**
 * `spec.scheduler`: the kube-scheduler configuration of the scenario — a
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) written inline
 * or in a file relative to the scenario — and TypeScript files with user
 * plugins (docs/scheduler.md).
 */
import { z } from 'zod';
import { validatePluginArgs } from '../../scheduler/config/plugin-args.js';
import { PLUGIN_SET_FIELDS } from '../../scheduler/config/types.js';
import { fieldPathParts } from '../field-path.js';

const pluginRef = z.strictObject({
  name: z.string().min(1),
  weight: z.number().int().min(0).max(100).optional(),
});

const pluginSet = z.strictObject({
  enabled: z.array(pluginRef).optional(),
  disabled: z.array(z.strictObject({ name: z.string().min(1) })).optional(),
});

const plugins = z.strictObject(Object.fromEntries(PLUGIN_SET_FIELDS.map((f) => [f, pluginSet.optional()])) as Record<(typeof PLUGIN_SET_FIELDS)[number], z.ZodOptional<typeof pluginSet>>);

const pluginConfig = z.strictObject({
  name: z.string().min(1),
  args: z.record(z.string(), z.unknown()).optional(),
}).superRefine((entry, ctx) => {
  for (const [field, message] of validatePluginArgs(entry.name, entry.args ?? {})) {
    ctx.addIssue({ code: 'custom', message, path: ['args', ...fieldPathParts(entry.args ?? {}, field)] });
  }
});

const percentage = z.number().int().min(0).max(100);

const profile = z.strictObject({
  schedulerName: z.string().min(1).optional(),
  percentageOfNodesToScore: percentage.optional(),
  plugins: plugins.optional(),
  pluginConfig: z.array(pluginConfig).optional(),
}).superRefine((p, ctx) => {
  const seen = new Set<string>();
  (p.pluginConfig ?? []).forEach((entry, i) => {
    if (seen.has(entry.name)) ctx.addIssue({ code: 'custom', message: `Duplicate value: "${entry.name}"`, path: ['pluginConfig', i, 'name'] });
    seen.add(entry.name);
  });
});

/** Fields of the real format with no meaning in a simulation: accepted, ignored. */
const ignored = z.unknown().optional();

export const kubeSchedulerConfiguration = z.strictObject({
  apiVersion: z.literal('kubescheduler.config.k8s.io/v1', { error: 'expected apiVersion: kubescheduler.config.k8s.io/v1' }),
  kind: z.literal('KubeSchedulerConfiguration', { error: 'expected kind: KubeSchedulerConfiguration' }),
  percentageOfNodesToScore: percentage.optional(),
  podInitialBackoffSeconds: z.number().int().min(1).optional(),
  podMaxBackoffSeconds: z.number().int().min(1).optional(),
  profiles: z.array(profile).optional(),
  parallelism: z.number().int().min(1).optional(),
  leaderElection: ignored,
  clientConnection: ignored,
  healthzBindAddress: ignored,
  metricsBindAddress: ignored,
  enableProfiling: ignored,
  enableContentionProfiling: ignored,
  delayCacheUntilActive: ignored,
}).superRefine((c, ctx) => {
  if (c.podInitialBackoffSeconds !== undefined && c.podMaxBackoffSeconds !== undefined && c.podMaxBackoffSeconds < c.podInitialBackoffSeconds) {
    ctx.addIssue({ code: 'custom', message: `Invalid value: ${c.podMaxBackoffSeconds}: must be greater than or equal to PodInitialBackoffSeconds`, path: ['podMaxBackoffSeconds'] });
  }
  const names = new Set<string>();
  (c.profiles ?? []).forEach((p, i) => {
    const name = p.schedulerName ?? 'default-scheduler';
    if (names.has(name)) ctx.addIssue({ code: 'custom', message: `Duplicate value: "${name}"`, path: ['profiles', i, 'schedulerName'] });
    names.add(name);
  });
});

export const schedulerSpec = z.strictObject({
  /** A KubeSchedulerConfiguration, or the path of a file holding one (relative to the scenario). */
  config: z.union([z.string().min(1), z.record(z.string(), z.unknown())], { error: 'expected a KubeSchedulerConfiguration (a map) or the path of a file holding one' }).optional(),
  /** TypeScript (or JavaScript) files exporting plugins, relative to the scenario. */
  plugins: z.array(z.string().min(1)).default([]),
  /**
   * How the scheduler picks among nodes with the same top score: `random`
   * (Kubernetes: uniformly, selectHost) or `nodeName` (the smallest node
   * name, as the FGD paper's simulator's patched selectHost does; docs/research.md).
   */
  tieBreak: z.enum(['random', 'nodeName']).default('random'),
});

export type SchedulerSpecInput = z.infer<typeof schedulerSpec>;
