/**
 * Which plugins run at each extension point of a profile
 * (framework/runtime/framework.go expandMultiPointPlugins): the MultiPoint
 * list expanded to every point a plugin implements, with per-point
 * enabled/disabled sets applied in upstream's order.
 */
import {
  isBindPlugin, isFilterPlugin, isPermitPlugin, isPostBindPlugin, isPostFilterPlugin, isPreBindPlugin, isPreEnqueuePlugin,
  isPreFilterPlugin, isPreScorePlugin, isQueueSortPlugin, isReservePlugin, isScorePlugin, type Plugin,
} from './interfaces.js';
import { ProfileError } from './profile-error.js';
import type { ExtensionPoint, PluginRef, SchedulerProfile } from './profile.js';

/** Whether a plugin implements an extension point. */
export const IMPLEMENTS: Readonly<Record<ExtensionPoint, (p: Plugin) => boolean>> = {
  preEnqueue: isPreEnqueuePlugin,
  queueSort: isQueueSortPlugin,
  preFilter: isPreFilterPlugin,
  filter: isFilterPlugin,
  postFilter: isPostFilterPlugin,
  preScore: isPreScorePlugin,
  score: isScorePlugin,
  reserve: isReservePlugin,
  permit: isPermitPlugin,
  preBind: isPreBindPlugin,
  bind: isBindPlugin,
  postBind: isPostBindPlugin,
};

/**
 * The plugins of one extension point, in upstream's order
 * (expandMultiPointPlugins): plugins enabled both at this point and through
 * MultiPoint first (point order), then the MultiPoint ones, then the other
 * point-specific ones.
 */
export function expandPoint(profileName: string, profile: SchedulerProfile, point: ExtensionPoint, instances: ReadonlyMap<string, Plugin>): PluginRef[] {
  const set = profile.points?.[point];
  const disabled = new Set((set?.disabled ?? []).map((r) => r.name));
  const enabled = set?.enabled ?? [];
  const enabledNames = new Set<string>();
  for (const ref of enabled) {
    if (enabledNames.has(ref.name)) throw new ProfileError(`profile "${profileName}": plugin "${ref.name}" already registered as ${point}`);
    enabledNames.add(ref.name);
  }
  if (disabled.has('*')) return [...enabled];
  const overrides: PluginRef[] = [];
  const fromMultiPoint: PluginRef[] = [];
  const seen = new Set<string>();
  for (const ref of profile.multiPoint) {
    const plugin = instances.get(ref.name) as Plugin;
    if (!IMPLEMENTS[point](plugin) || disabled.has(ref.name)) continue;
    if (enabledNames.has(ref.name)) {
      overrides.push(ref);
      continue;
    }
    if (seen.has(ref.name)) throw new ProfileError(`profile "${profileName}": plugin "${ref.name}" already registered as ${point}`);
    seen.add(ref.name);
    fromMultiPoint.push(ref);
  }
  const overrideNames = new Set(overrides.map((r) => r.name));
  const orderedOverrides = enabled.filter((r) => overrideNames.has(r.name));
  return [...orderedOverrides, ...fromMultiPoint, ...enabled.filter((r) => !overrideNames.has(r.name))];
}

