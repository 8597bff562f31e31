/**
 * The seam through which a bench (or plan) picks a scheduling algorithm:
 * a small override of the default profile, one per matrix column.
 *
 *   scheduler:
 *     scoringStrategy: { type: MostAllocated, resources: [{ name: cpu, weight: 1 }] }
 *     score:
 *       enabled:  [{ name: NodeResourcesBalancedAllocation, weight: 1 }]
 *       disabled: [{ name: TaintToleration }]     # or [{ name: "*" }]
 *     percentageOfNodesToScore: 50
 *
 * It maps one to one onto a KubeSchedulerConfiguration profile:
 * `scoringStrategy` is NodeResourcesFit's pluginConfig args, `score` is
 * `plugins.score` (enabled/disabled), `percentageOfNodesToScore` the profile
 * field. When scenarios can carry a KubeSchedulerConfiguration, this
 * override becomes a patch of that profile instead of the default one.
 * Plugin names and strategies are whatever the scheduler's registry knows:
 * an unknown one is an error naming the known ones.
 */
import { z } from 'zod';
import { ApiClient } from '../api/client.js';
import { ApiStore } from '../api/store.js';
import { Simulation } from '../engine/simulation.js';
import { ProfileError } from '../scheduler/framework/framework.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { SchedulerProfile } from '../scheduler/framework/profile.js';
import { defaultProfile } from '../scheduler/plugins/default-profile.js';
import { NODE_RESOURCES_FIT } from '../scheduler/plugins/noderesources/fit.js';
import { inTreeRegistry } from '../scheduler/plugins/registry.js';

const pluginRef = z.strictObject({ name: z.string().min(1), weight: z.number().int().min(1).max(100).optional() });

export const schedulerOverride = z.strictObject({
  scoringStrategy: z.strictObject({
    type: z.string().min(1),
    resources: z.array(z.strictObject({ name: z.string().min(1), weight: z.number().int().min(1).max(100) })).optional(),
  }).optional(),
  score: z.strictObject({ enabled: z.array(pluginRef).optional(), disabled: z.array(pluginRef).optional() }).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
});

export type SchedulerOverride = z.infer<typeof schedulerOverride>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function profileFor(override: SchedulerOverride | undefined): SchedulerProfile {
  const base = defaultProfile();
  if (override === undefined) return base;
  const profile: Mutable<SchedulerProfile> = { ...base };
  if (override.scoringStrategy !== undefined) {
    profile.pluginArgs = { ...base.pluginArgs, [NODE_RESOURCES_FIT]: { scoringStrategy: override.scoringStrategy } };
  }
  if (override.score !== undefined) {
    const strip = (refs: ReadonlyArray<{ name: string; weight?: number | undefined }> | undefined) =>
      (refs ?? []).map((r) => (r.weight === undefined ? { name: r.name } : { name: r.name, weight: r.weight }));
    profile.points = { score: { enabled: strip(override.score.enabled), disabled: strip(override.score.disabled) } };
  }
  if (override.percentageOfNodesToScore !== undefined) profile.percentageOfNodesToScore = override.percentageOfNodesToScore;
  return profile;
}

/** Builds the profile's framework once to check plugin names and arguments; returns the problem, if any. */
export function checkOverride(override: SchedulerOverride | undefined): string | undefined {
  const sim = new Simulation(0);
  const store = new ApiStore(sim);
  const client = new ApiClient(store, 'bench-check');
  try {
    new Scheduler(sim, store, client, { profiles: [profileFor(override)], registry: inTreeRegistry() });
    return undefined;
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    return error.message;
  }
}
