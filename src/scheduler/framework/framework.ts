/**
 * A framework instance for one profile: the plugin lists per extension point,
 * built once and validated at construction (exactly one queue-sort plugin, at
 * least one bind plugin, known plugin names, weights 1..100), and the Run*
 * helpers the scheduling cycle calls (kube-scheduler framework/runtime).
 */
import type { Pod } from '../../api/types/pod.js';
import {
  CycleState, isBindPlugin, isFilterPlugin, isPostFilterPlugin, isPreEnqueuePlugin, isPreFilterPlugin, isPreScorePlugin,
  isQueueSortPlugin, isReservePlugin, isScorePlugin,
  type BindPlugin, type FilterPlugin, type FrameworkHandle, type NodeScore, type Plugin, type PostFilterPlugin,
  type PostFilterResult, type PreEnqueuePlugin, type PreFilterPlugin, type PreScorePlugin, type QueueSortPlugin,
  type QueuedPodInfo, type ReservePlugin, type ScorePlugin,
} from './interfaces.js';
import type { NodeInfo } from './node-info.js';
import { EXTENSION_POINTS, type ExtensionPoint, type PluginRef, type SchedulerProfile } from './profile.js';
import type { Registry } from './registry.js';
import { isRejection, isSuccess, SUCCESS, type Status } from './status.js';

export const MAX_NODE_SCORE = 100;

/** A profile that cannot be built; the message names the profile and plugin. */
export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

const IMPLEMENTS: Readonly<Record<ExtensionPoint, (p: Plugin) => boolean>> = {
  queueSort: isQueueSortPlugin,
  preEnqueue: isPreEnqueuePlugin,
  preFilter: isPreFilterPlugin,
  filter: isFilterPlugin,
  postFilter: isPostFilterPlugin,
  preScore: isPreScorePlugin,
  score: isScorePlugin,
  reserve: isReservePlugin,
  bind: isBindPlugin,
};

interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** Names per extension point after MultiPoint expansion and per-point overrides. */
function expandPoint(profile: SchedulerProfile, point: ExtensionPoint, instances: ReadonlyMap<string, Plugin>): PluginRef[] {
  const set = profile.points?.[point];
  const disabled = new Set((set?.disabled ?? []).map((r) => r.name));
  const enabled = set?.enabled ?? [];
  const enabledNames = new Set(enabled.map((r) => r.name));
  const fromMultiPoint = disabled.has('*')
    ? []
    : profile.multiPoint.filter((r) => !disabled.has(r.name) && !enabledNames.has(r.name) && IMPLEMENTS[point](instances.get(r.name) as Plugin));
  // Plugins enabled at a specific point run before the MultiPoint ones and take their weight from there.
  return [...enabled, ...fromMultiPoint];
}

export class Framework {
  readonly profileName: string;
  readonly percentageOfNodesToScore: number | undefined;
  readonly queueSort: QueueSortPlugin;
  readonly preEnqueuePlugins: readonly PreEnqueuePlugin[];
  readonly preFilterPlugins: readonly PreFilterPlugin[];
  readonly filterPlugins: readonly FilterPlugin[];
  readonly postFilterPlugins: readonly PostFilterPlugin[];
  readonly preScorePlugins: readonly PreScorePlugin[];
  readonly scorePlugins: readonly WeightedScorePlugin[];
  readonly reservePlugins: readonly ReservePlugin[];
  readonly bindPlugins: readonly BindPlugin[];

  constructor(profile: SchedulerProfile, registry: Registry, handle: FrameworkHandle) {
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const instances = this.instantiate(profile, registry, handle);
    const lists = new Map<ExtensionPoint, PluginRef[]>();
    for (const point of EXTENSION_POINTS) lists.set(point, expandPoint(profile, point, instances));
    const pick = <T extends Plugin>(point: ExtensionPoint): T[] =>
      (lists.get(point) ?? []).map((ref) => {
        const plugin = instances.get(ref.name) as Plugin;
        if (!IMPLEMENTS[point](plugin)) throw new ProfileError(`profile "${this.profileName}": plugin "${ref.name}" does not implement the ${point} extension point`);
        return plugin as T;
      });
    const queueSorts = pick<QueueSortPlugin>('queueSort');
    if (queueSorts.length !== 1) throw new ProfileError(`profile "${this.profileName}": exactly one queueSort plugin must be enabled, found ${queueSorts.length}`);
    this.queueSort = queueSorts[0] as QueueSortPlugin;
    this.preEnqueuePlugins = pick('preEnqueue');
    this.preFilterPlugins = pick('preFilter');
    this.filterPlugins = pick('filter');
    this.postFilterPlugins = pick('postFilter');
    this.preScorePlugins = pick('preScore');
    this.reservePlugins = pick('reserve');
    this.bindPlugins = pick('bind');
    if (this.bindPlugins.length === 0) throw new ProfileError(`profile "${this.profileName}": at least one bind plugin is needed`);
    this.scorePlugins = (lists.get('score') ?? []).map((ref) => {
      const weight = ref.weight ?? profile.multiPoint.find((r) => r.name === ref.name)?.weight ?? 1;
      if (!Number.isInteger(weight) || weight < 1 || weight > 100) {
        throw new ProfileError(`profile "${this.profileName}": score plugin "${ref.name}" weight ${weight} must be an integer from 1 to 100`);
      }
      return { plugin: instances.get(ref.name) as ScorePlugin, weight };
    });
  }

  private instantiate(profile: SchedulerProfile, registry: Registry, handle: FrameworkHandle): Map<string, Plugin> {
    const names = new Set(profile.multiPoint.map((r) => r.name));
    for (const set of Object.values(profile.points ?? {})) for (const ref of set?.enabled ?? []) names.add(ref.name);
    const instances = new Map<string, Plugin>();
    for (const name of names) {
      const factory = registry.get(name);
      if (factory === undefined) throw new ProfileError(`profile "${this.profileName}": unknown plugin "${name}"; known plugins: ${registry.names().join(', ')}`);
      try {
        instances.set(name, factory(profile.pluginArgs?.[name], handle));
      } catch (error) {
        throw new ProfileError(`profile "${this.profileName}": initializing plugin "${name}": ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return instances;
  }

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    return this.queueSort.less(a, b);
  }

  runPreEnqueue(pod: Pod): Status {
    for (const plugin of this.preEnqueuePlugins) {
      const status = plugin.preEnqueue(pod);
      if (!isSuccess(status)) return status.plugin === undefined ? { ...status, plugin: plugin.name } : status;
    }
    return SUCCESS;
  }

  /** Runs PreFilter; a rejection ends the search for every node. */
  runPreFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { status: Status; nodeNames?: Set<string> } {
    let allowed: Set<string> | undefined;
    for (const plugin of this.preFilterPlugins) {
      const result = plugin.preFilter(state, pod, nodes);
      if (result.status.code === 'Skip') {
        state.skipFilterPlugins.add(plugin.name);
        continue;
      }
      if (!isSuccess(result.status)) return { status: { ...result.status, plugin: result.status.plugin ?? plugin.name } };
      if (result.nodeNames !== undefined) {
        allowed = allowed === undefined ? new Set(result.nodeNames) : new Set([...allowed].filter((n) => result.nodeNames?.has(n)));
      }
    }
    return allowed === undefined ? { status: SUCCESS } : { status: SUCCESS, nodeNames: allowed };
  }

  /** Runs the filters in order; the first rejection decides the node. */
  runFilter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    for (const plugin of this.filterPlugins) {
      if (state.skipFilterPlugins.has(plugin.name)) continue;
      const status = plugin.filter(state, pod, nodeInfo);
      if (!isSuccess(status)) {
        if (!isRejection(status) && status.code !== 'Error') continue;
        return status.plugin === undefined ? { ...status, plugin: plugin.name } : status;
      }
    }
    return SUCCESS;
  }

  runPostFilter(state: CycleState, pod: Pod, statuses: ReadonlyMap<string, Status>): PostFilterResult | undefined {
    for (const plugin of this.postFilterPlugins) {
      const result = plugin.postFilter(state, pod, statuses);
      if (isSuccess(result.status) || result.status.code === 'Error') return result;
      if (result.message !== undefined) return result;
    }
    return undefined;
  }

  runPreScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    for (const plugin of this.preScorePlugins) {
      const status = plugin.preScore(state, pod, nodes);
      if (status.code === 'Skip') state.skipScorePlugins.add(plugin.name);
      else if (!isSuccess(status)) return { ...status, plugin: status.plugin ?? plugin.name };
    }
    return SUCCESS;
  }

  /**
   * Scores every node with every plugin not skipped, normalizes, checks the
   * 0..100 range and sums with weights (§6.1). Returns per-plugin weighted
   * scores too, for `kubesim explain`.
   */
  runScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { totals: NodeScore[]; perPlugin: Map<string, number[]> } {
    const totals: NodeScore[] = nodes.map((n) => ({ name: n.name, score: 0 }));
    const perPlugin = new Map<string, number[]>();
    for (const { plugin, weight } of this.scorePlugins) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const scores: NodeScore[] = nodes.map((n) => ({ name: n.name, score: plugin.score(state, pod, n) }));
      plugin.normalizeScore?.(state, pod, scores);
      const weighted: number[] = [];
      scores.forEach((s, i) => {
        if (!(s.score >= 0 && s.score <= MAX_NODE_SCORE)) {
          throw new Error(`plugin "${plugin.name}" returned score ${s.score} for node "${s.name}", should be in the range [0, ${MAX_NODE_SCORE}] after normalizing`);
        }
        const value = s.score * weight;
        weighted.push(value);
        (totals[i] as NodeScore).score += value;
      });
      perPlugin.set(plugin.name, weighted);
    }
    if (this.scorePlugins.length === 0) for (const t of totals) t.score = 1;
    return { totals, perPlugin };
  }

  runReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const plugin of this.reservePlugins) {
      const status = plugin.reserve(state, pod, nodeName);
      if (!isSuccess(status)) {
        this.runUnreserve(state, pod, nodeName);
        return { ...status, plugin: status.plugin ?? plugin.name };
      }
    }
    return SUCCESS;
  }

  runUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (const plugin of [...this.reservePlugins].reverse()) plugin.unreserve(state, pod, nodeName);
  }

  runBind(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const plugin of this.bindPlugins) {
      const status = plugin.bind(state, pod, nodeName);
      if (status.code !== 'Skip') return status;
    }
    return { code: 'Error', reasons: ['no bind plugin bound the pod'] };
  }
}
