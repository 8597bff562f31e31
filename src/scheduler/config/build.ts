/**
 * KubeSchedulerConfiguration → scheduler settings, with the v1 defaults
 * (apis/config/v1/defaults.go SetDefaults_KubeSchedulerConfiguration,
 * default_plugins.go mergePlugins / mergePluginSet): no profile means one
 * default profile; each profile's plugin sets are merged into the default
 * MultiPoint list (a disabled default is dropped, "*" drops all, a
 * re-enabled default keeps its place with the new settings, new plugins are
 * appended); pluginConfig args go to the plugin factories.
 */
import { DEFAULT_SCHEDULER_NAME, type ExtensionPoint, type PluginRef, type PluginSet, type SchedulerProfile } from '../framework/profile.js';
import { DEFAULT_MULTI_POINT } from '../plugins/default-profile.js';
import type { KubeSchedulerConfiguration, PluginConfigRef, PluginSetConfig, ProfileConfig } from './types.js';

export interface SchedulerSettings {
  readonly profiles: readonly SchedulerProfile[];
  readonly percentageOfNodesToScore?: number;
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
}

function ref(r: PluginConfigRef): PluginRef {
  return r.weight === undefined ? { name: r.name } : { name: r.name, weight: r.weight };
}

/** mergePluginSet for MultiPoint: the enabled list after applying the custom set to the defaults. */
export function mergeMultiPoint(defaults: readonly PluginRef[], custom: PluginSetConfig | undefined): PluginRef[] {
  const disabled = new Set((custom?.disabled ?? []).map((r) => r.name));
  const customEnabled = (custom?.enabled ?? []).map(ref);
  const byName = new Map(customEnabled.map((r, i) => [r.name, i] as const));
  const replaced = new Set<number>();
  const out: PluginRef[] = [];
  if (!disabled.has('*')) {
    for (const plugin of defaults) {
      if (disabled.has(plugin.name)) continue;
      const index = byName.get(plugin.name);
      if (index === undefined) {
        out.push(plugin);
        continue;
      }
      replaced.add(index);
      out.push(customEnabled[index] as PluginRef);
    }
  }
  customEnabled.forEach((r, i) => {
    if (!replaced.has(i)) out.push(r);
  });
  return out;
}

export function buildProfile(config: ProfileConfig): SchedulerProfile {
  const plugins = config.plugins ?? {};
  const points: Partial<Record<ExtensionPoint, PluginSet>> = {};
  for (const [field, set] of Object.entries(plugins)) {
    if (field === 'multiPoint' || set === undefined) continue;
    points[field as ExtensionPoint] = { enabled: (set.enabled ?? []).map(ref), disabled: (set.disabled ?? []).map(ref) };
  }
  const pluginArgs: Record<string, unknown> = {};
  for (const entry of config.pluginConfig ?? []) if (entry.args !== undefined) pluginArgs[entry.name] = entry.args;
  return {
    schedulerName: config.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    multiPoint: mergeMultiPoint(DEFAULT_MULTI_POINT, plugins.multiPoint),
    points,
    pluginArgs,
    ...(config.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: config.percentageOfNodesToScore }),
  };
}

export function buildSchedulerSettings(config: KubeSchedulerConfiguration | undefined): SchedulerSettings {
  const profiles = (config?.profiles ?? []).length === 0 ? [{}] : (config?.profiles as readonly ProfileConfig[]);
  return {
    profiles: profiles.map(buildProfile),
    ...(config?.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: config.percentageOfNodesToScore }),
    ...(config?.podInitialBackoffSeconds === undefined ? {} : { podInitialBackoffMs: config.podInitialBackoffSeconds * 1000 }),
    ...(config?.podMaxBackoffSeconds === undefined ? {} : { podMaxBackoffMs: config.podMaxBackoffSeconds * 1000 }),
  };
}
