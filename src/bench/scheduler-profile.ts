/**
 * The seam through which a bench (or plan) picks a scheduling algorithm:
 * a patch of one scheduler profile of each scenario, one per matrix column.
 *
 *   scheduler:
 *     schedulerName: default-scheduler     # the scenario's profile to patch (default)
 *     scoringStrategy: { type: MostAllocated, resources: [{ name: cpu, weight: 1 }] }
 *     multiPoint:
 *       enabled:  [{ name: PackGPUs, weight: 10 }]  # a user plugin, from the profile's plugin files
 *     score:
 *       enabled:  [{ name: NodeResourcesBalancedAllocation, weight: 1 }]
 *       disabled: [{ name: TaintToleration }]     # or [{ name: "*" }]
 *     preScore: { enabled: [{ name: FGD }] }     # as score
 *     pluginConfig: [{ name: FGD, args: { typicalPods: [...] } }]
 *     percentageOfNodesToScore: 50
 *
 * Each field is a field of a KubeSchedulerConfiguration profile and
 * replaces it in the scenario's configuration (a scenario without one has
 * the single default profile): `scoringStrategy` goes into NodeResourcesFit's
 * pluginConfig args, `multiPoint` and `score` are `plugins.multiPoint` and
 * `plugins.score`, `percentageOfNodesToScore` the profile field. The
 * scenario's other profiles, settings and plugin files stay as they are.
 * Plugin names and strategies are whatever the registry knows: an unknown
 * one is an error naming the known ones.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { profileProblem, registryWith, type LoadedScheduler } from '../scenario/scheduler-config.js';
import { buildSchedulerSettings } from '../scheduler/config/build.js';
import type { KubeSchedulerConfiguration, ProfileConfig } from '../scheduler/config/types.js';
import { DEFAULT_SCHEDULER_NAME } from '../scheduler/framework/profile.js';
import type { Registry } from '../scheduler/framework/registry.js';
import { NODE_RESOURCES_FIT } from '../scheduler/plugins/noderesources/fit.js';
import { loadUserPlugins } from '../scheduler/config/user-plugins.js';
import type { IssueList } from './spec-file.js';

const pluginRef = z.strictObject({ name: z.string().min(1), weight: z.number().int().min(1).max(100).optional() });
const pluginSet = z.strictObject({ enabled: z.array(pluginRef).optional(), disabled: z.array(pluginRef).optional() });

export const schedulerOverride = z.strictObject({
  schedulerName: z.string().min(1).optional(),
  scoringStrategy: z.strictObject({
    type: z.string().min(1),
    resources: z.array(z.strictObject({ name: z.string().min(1), weight: z.number().int().min(1).max(100) })).optional(),
  }).optional(),
  multiPoint: pluginSet.optional(),
  preScore: pluginSet.optional(),
  score: pluginSet.optional(),
  /** Plugin arguments, as KubeSchedulerConfiguration's profiles[].pluginConfig: replaces the scenario's entry for each plugin named. */
  pluginConfig: z.array(z.strictObject({ name: z.string().min(1), args: z.record(z.string(), z.unknown()).optional() })).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
});

export type SchedulerOverride = z.infer<typeof schedulerOverride>;

function patchedProfile(profile: ProfileConfig, override: SchedulerOverride): ProfileConfig {
  const plugins = { ...(profile.plugins ?? {}) };
  if (override.multiPoint !== undefined) plugins.multiPoint = override.multiPoint;
  if (override.preScore !== undefined) plugins.preScore = override.preScore;
  if (override.score !== undefined) plugins.score = override.score;
  let pluginConfig = profile.pluginConfig ?? [];
  for (const entry of override.pluginConfig ?? []) pluginConfig = [...pluginConfig.filter((e) => e.name !== entry.name), entry];
  if (override.scoringStrategy !== undefined) {
    const fitArgs = pluginConfig.find((entry) => entry.name === NODE_RESOURCES_FIT)?.args;
    pluginConfig = [
      ...pluginConfig.filter((entry) => entry.name !== NODE_RESOURCES_FIT),
      { name: NODE_RESOURCES_FIT, args: { ...(typeof fitArgs === 'object' && fitArgs !== null ? fitArgs : {}), scoringStrategy: override.scoringStrategy } },
    ];
  }
  return {
    ...profile,
    plugins,
    pluginConfig,
    ...(override.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: override.percentageOfNodesToScore }),
  };
}

/**
 * A scenario's scheduler with the override applied and the profile's
 * plugin files (absolute paths) added, or why the override does not apply.
 */
export function patchedScheduler(scheduler: LoadedScheduler, override: SchedulerOverride | undefined, pluginFiles: readonly string[] = []): LoadedScheduler | string {
  const files = [...new Set([...scheduler.pluginFiles, ...pluginFiles])];
  if (override === undefined) return { ...scheduler, pluginFiles: files };
  const base: KubeSchedulerConfiguration = scheduler.config ?? { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration' };
  const profiles = base.profiles === undefined || base.profiles.length === 0 ? [{ schedulerName: DEFAULT_SCHEDULER_NAME }] : base.profiles;
  const target = override.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  const index = profiles.findIndex((p) => (p.schedulerName ?? DEFAULT_SCHEDULER_NAME) === target);
  if (index < 0) {
    return `the scenario has no scheduler profile "${target}" to patch (it has ${profiles.map((p) => `"${p.schedulerName ?? DEFAULT_SCHEDULER_NAME}"`).join(', ')}); name one with schedulerName`;
  }
  const config: KubeSchedulerConfiguration = { ...base, profiles: profiles.map((p, i) => (i === index ? patchedProfile(p, override) : p)) };
  return { ...scheduler, config, settings: buildSchedulerSettings(config), pluginFiles: files };
}

/** Why the override cannot run on a scenario with this scheduler (profiles built once, plugins loaded), or undefined. */
export function overrideProblem(scheduler: LoadedScheduler, override: SchedulerOverride | undefined, pluginFiles: readonly string[] = []): string | undefined {
  const patched = patchedScheduler(scheduler, override, pluginFiles);
  if (typeof patched === 'string') return patched;
  let registry: Registry;
  try {
    registry = registryWith(patched.pluginFiles);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return profileProblem(patched.settings, registry)?.message;
}

/** A user plugin file as written in a bench or plan file, and resolved against it. */
export interface PluginFile {
  readonly file: string;
  readonly path: string;
}

/** Resolves plugin files named in `specFile`, adding an issue for each that is missing or does not load. */
export function resolvePluginFiles(specFile: string, files: readonly string[] | undefined, at: ReadonlyArray<string | number>, issues: IssueList): PluginFile[] | undefined {
  if (files === undefined) return undefined;
  return files.map((f, j) => {
    const path = resolve(dirname(specFile), f);
    if (!existsSync(path)) issues.add([...at, j], `plugin file "${f}" cannot be read: file not found`);
    else {
      try {
        loadUserPlugins(path);
      } catch (error) {
        issues.add([...at, j], error instanceof Error ? error.message : String(error));
      }
    }
    return { file: f, path };
  });
}
