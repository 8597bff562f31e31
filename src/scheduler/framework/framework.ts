/**
 * A framework instance for one profile (framework/runtime/framework.go): the
 * plugin lists per extension point, built once and validated at construction
 * (exactly one queue-sort plugin, at least one bind plugin, known plugin
 * names, no double registration, weights 1..100), and the Run* helpers the
 * scheduling cycle calls.
 */
import type { Pod } from '../../api/types/pod.js';
import { ActionType, type ClusterEventWithHint, type QueueingHintFn } from './cluster-events.js';
import {
  CycleState, isEnqueueExtensions, isPodDeletedPlugin,
  type BindPlugin, type FilterPlugin, type FrameworkHandle, type NodeScore, type PermitPlugin, type Plugin, type PostBindPlugin,
  type PostFilterPlugin, type PostFilterResult, type PreBindPlugin, type PreEnqueuePlugin, type PreFilterPlugin, type PreScorePlugin,
  type QueueSortPlugin, type QueuedPodInfo, type ReservePlugin, type ScorePlugin,
} from './interfaces.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { expandPoint, IMPLEMENTS } from './expand.js';
import { EXTENSION_POINTS, type ExtensionPoint, type PluginRef, type SchedulerProfile } from './profile.js';
import type { Registry } from './registry.js';
import { runFilterPluginsWithNominatedPods } from './run-filters.js';
import { FilterVerdicts, type ShapeVerdicts } from './filter-verdicts.js';
import { ShapeKeys } from './shape-keys.js';
import { errorStatus, isRejection, isSuccess, SUCCESS, type Status } from './status.js';

export const MAX_NODE_SCORE = 100;

/** RunScorePlugins' check after normalizing (pkg/scheduler/framework/runtime/framework.go): an Error status, so the attempt fails as upstream's does (the pod backs off and retries). */
function invalidScore(plugin: string, score: number): Status {
  return errorStatus(plugin, `applying score defaultWeights on Score plugins: plugin "${plugin}" returns an invalid score ${score}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`);
}

export { ProfileError } from './profile-error.js';
import { ProfileError } from './profile-error.js';

/** What the scheduler gives every framework; the framework adds its own Run* helpers. */
export type BaseHandle = Omit<FrameworkHandle, 'profileName' | 'runFilterPluginsWithNominatedPods' | 'runPreFilterExtensionAddPod' | 'runPreFilterExtensionRemovePod'>;

export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** A registered queueing hint: which plugin asked, for which events. */
export interface RegisteredHint {
  readonly plugin: string;
  readonly event: ClusterEventWithHint['event'];
  readonly hint: QueueingHintFn;
}

/** Per-plugin scores of one attempt, for `kubesim explain`. */
export interface ScoreBreakdown {
  readonly plugin: string;
  readonly weight: number;
  readonly raw: number[];
  readonly normalized: number[];
}

const QUEUE: QueueingHintFn = () => 'Queue';

interface LastShape {
  readonly filters: readonly FilterPlugin[];
  readonly parts: readonly string[];
  readonly verdicts: ShapeVerdicts;
}

export class Framework {
  readonly profileName: string;
  readonly percentageOfNodesToScore: number | undefined;
  readonly handle: FrameworkHandle;
  readonly queueSort: QueueSortPlugin;
  readonly preEnqueuePlugins: readonly PreEnqueuePlugin[];
  readonly preFilterPlugins: readonly PreFilterPlugin[];
  readonly filterPlugins: readonly FilterPlugin[];
  readonly postFilterPlugins: readonly PostFilterPlugin[];
  readonly preScorePlugins: readonly PreScorePlugin[];
  readonly scorePlugins: readonly WeightedScorePlugin[];
  readonly reservePlugins: readonly ReservePlugin[];
  readonly permitPlugins: readonly PermitPlugin[];
  readonly preBindPlugins: readonly PreBindPlugin[];
  readonly bindPlugins: readonly BindPlugin[];
  readonly postBindPlugins: readonly PostBindPlugin[];
  /** Every plugin instance, by name. */
  readonly plugins: ReadonlyMap<string, Plugin>;
  private readonly scratch = new Map<string, NodeScore[]>();
  private scoreBuffer = new Float64Array(1024);
  private readonly verdicts = new FilterVerdicts();
  /** The filter-key parts of the last pod whose verdicts were looked up, and the verdicts found. */
  private lastShape: LastShape | undefined;
  private readonly shapeParts: string[] = [];
  private readonly shapeKeys = new ShapeKeys();

  constructor(profile: SchedulerProfile, registry: Registry, base: BaseHandle) {
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    this.handle = {
      ...base,
      profileName: profile.schedulerName,
      runFilterPluginsWithNominatedPods: (state, pod, nodeInfo) => this.runFilterWithNominatedPods(state, pod, nodeInfo),
      runPreFilterExtensionAddPod: (state, pod, podToAdd, nodeInfo) => this.runPreFilterExtensionAddPod(state, pod, podToAdd, nodeInfo),
      runPreFilterExtensionRemovePod: (state, pod, podToRemove, nodeInfo) => this.runPreFilterExtensionRemovePod(state, pod, podToRemove, nodeInfo),
    };
    const instances = this.instantiate(profile, registry);
    this.plugins = instances;
    const lists = new Map<ExtensionPoint, PluginRef[]>();
    for (const point of EXTENSION_POINTS) lists.set(point, expandPoint(this.profileName, profile, point, instances));
    const pick = <T extends Plugin>(point: ExtensionPoint): T[] =>
      (lists.get(point) ?? []).map((ref) => {
        const plugin = instances.get(ref.name) as Plugin;
        if (!IMPLEMENTS[point](plugin)) throw new ProfileError(`profile "${this.profileName}": plugin "${ref.name}" does not extend the ${point} extension point`);
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
    this.permitPlugins = pick('permit');
    this.preBindPlugins = pick('preBind');
    this.bindPlugins = pick('bind');
    this.postBindPlugins = pick('postBind');
    if (this.bindPlugins.length === 0) throw new ProfileError(`profile "${this.profileName}": at least one bind plugin is needed`);
    this.scorePlugins = pick<ScorePlugin>('score').map((plugin) => {
      // setScorePluginWeight: the MultiPoint weight, overridden by the Score point's; 0 or unset means 1.
      const pointWeight = profile.points?.score?.enabled?.find((r) => r.name === plugin.name)?.weight;
      const multiWeight = profile.multiPoint.find((r) => r.name === plugin.name)?.weight;
      const weight = pointWeight !== undefined && pointWeight !== 0 ? pointWeight : multiWeight !== undefined && multiWeight !== 0 ? multiWeight : 1;
      if (!Number.isInteger(weight) || weight < 1 || weight > 100) {
        throw new ProfileError(`profile "${this.profileName}": score plugin "${plugin.name}" weight ${weight} must be an integer from 1 to 100`);
      }
      return { plugin, weight };
    });
  }

  private instantiate(profile: SchedulerProfile, registry: Registry): Map<string, Plugin> {
    const names = new Set(profile.multiPoint.map((r) => r.name));
    for (const set of Object.values(profile.points ?? {})) for (const ref of set.enabled ?? []) names.add(ref.name);
    const instances = new Map<string, Plugin>();
    for (const name of names) {
      const factory = registry.get(name);
      if (factory === undefined) throw new ProfileError(`profile "${this.profileName}": unknown plugin "${name}"; known plugins: ${registry.names().join(', ')}`);
      // A user plugin's factory is not bound by the types: check what it returned.
      let created: unknown;
      try {
        created = factory(profile.pluginArgs?.[name], this.handle);
      } catch (error) {
        throw new ProfileError(`profile "${this.profileName}": initializing plugin "${name}": ${error instanceof Error ? error.message : String(error)}`);
      }
      if (typeof created !== 'object' || created === null) throw new ProfileError(`profile "${this.profileName}": the factory of plugin "${name}" returned ${created === null ? 'null' : typeof created}, not a plugin object`);
      const plugin = created as Plugin;
      if (plugin.name !== name) throw new ProfileError(`profile "${this.profileName}": plugin registered as "${name}" reports the name "${plugin.name}"`);
      instances.set(name, plugin);
    }
    return instances;
  }

  /**
   * The queueing hints of every enabled plugin; a plugin that does not
   * implement EnqueueExtensions is asked about every event and always says
   * Queue (framework.go allClusterEvents).
   */
  queueingHints(): RegisteredHint[] {
    const out: RegisteredHint[] = [];
    for (const plugin of this.plugins.values()) {
      if (!isEnqueueExtensions(plugin)) {
        out.push({ plugin: plugin.name, event: { resource: '*', actionType: ActionType.All }, hint: QUEUE });
        continue;
      }
      for (const e of plugin.eventsToRegister()) out.push({ plugin: plugin.name, event: e.event, hint: e.hint ?? QUEUE });
    }
    return out;
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
  runPreFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { status: Status; nodeNames?: Set<string>; nodeNamePlugins?: string[] } {
    let allowed: Set<string> | undefined;
    const narrowing: string[] = [];
    for (const plugin of this.preFilterPlugins) {
      const result = plugin.preFilter(state, pod, nodes);
      if (result.status.code === 'Skip') {
        state.skipFilterPlugins.add(plugin.name);
        continue;
      }
      if (!isSuccess(result.status)) return { status: { ...result.status, plugin: result.status.plugin ?? plugin.name } };
      if (result.nodeNames !== undefined) {
        narrowing.push(plugin.name);
        allowed = allowed === undefined ? new Set(result.nodeNames) : new Set([...allowed].filter((n) => result.nodeNames?.has(n)));
      }
    }
    return allowed === undefined ? { status: SUCCESS } : { status: SUCCESS, nodeNames: allowed, nodeNamePlugins: narrowing };
  }

  /** The filters that run for this pod (those whose PreFilter did not Skip). */
  activeFilters(state: CycleState): FilterPlugin[] {
    return this.filterPlugins.filter((p) => !state.skipFilterPlugins.has(p.name));
  }

  /**
   * The verdicts kept for this pod's shape, when every filter that runs for
   * it is node-local (FilterPlugin.filterKey); undefined otherwise.
   */
  verdictsFor(state: CycleState, pod: Pod, filters: readonly FilterPlugin[]): ShapeVerdicts | undefined {
    const last = this.lastShape;
    const parts = this.shapeParts;
    let same = last !== undefined && last.filters.length === filters.length;
    for (let i = 0; i < filters.length; i++) {
      const plugin = filters[i] as FilterPlugin;
      const part = plugin.filterKey?.(state, pod);
      if (part === undefined) return undefined;
      parts[i] = part;
      if (same && ((last as LastShape).filters[i] !== plugin || (last as LastShape).parts[i] !== part)) same = false;
    }
    // The next pod of a ReplicaSet has the same parts (the same strings, mostly): no key to build and hash.
    if (same) return (last as LastShape).verdicts;
    const verdicts = this.verdicts.of(this.shapeKeys.keyOf(filters, parts, filters.length));
    this.lastShape = { filters: filters.slice(), parts: parts.slice(0, filters.length), verdicts };
    return verdicts;
  }

  /** RunFilterPlugins: in order; the first rejection (or error) decides the node. */
  runFilter(state: CycleState, pod: Pod, nodeInfo: NodeInfo, filters: readonly FilterPlugin[] = this.activeFilters(state)): Status {
    for (let i = 0; i < filters.length; i++) {
      const plugin = filters[i] as FilterPlugin;
      const status = plugin.filter(state, pod, nodeInfo);
      if (status.code === 'Success') continue;
      if (!isRejection(status) && status.code !== 'Error') continue;
      return status.plugin === undefined ? { ...status, plugin: plugin.name } : status;
    }
    return SUCCESS;
  }

  /** RunFilterPluginsWithNominatedPods (framework/runtime/framework.go). */
  runFilterWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo, filters?: readonly FilterPlugin[]): Status {
    return runFilterPluginsWithNominatedPods(this, state, pod, nodeInfo, filters ?? this.activeFilters(state));
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: Pod, podToAdd: PodInfo, nodeInfo: NodeInfo): Status {
    for (const plugin of this.preFilterPlugins) {
      if (plugin.addPod === undefined || state.skipFilterPlugins.has(plugin.name)) continue;
      const status = plugin.addPod(state, pod, podToAdd, nodeInfo);
      if (!isSuccess(status)) return { ...status, plugin: status.plugin ?? plugin.name };
    }
    return SUCCESS;
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: Pod, podToRemove: PodInfo, nodeInfo: NodeInfo): Status {
    for (const plugin of this.preFilterPlugins) {
      if (plugin.removePod === undefined || state.skipFilterPlugins.has(plugin.name)) continue;
      const status = plugin.removePod(state, pod, podToRemove, nodeInfo);
      if (!isSuccess(status)) return { ...status, plugin: status.plugin ?? plugin.name };
    }
    return SUCCESS;
  }

  /** PostFilter plugins in order until one does not return Unschedulable. */
  runPostFilter(state: CycleState, pod: Pod, statuses: ReadonlyMap<string, Status>): { result: PostFilterResult | undefined; messages: string[] } {
    const messages: string[] = [];
    let result: PostFilterResult | undefined;
    for (const plugin of this.postFilterPlugins) {
      result = plugin.postFilter(state, pod, statuses);
      if (result.status.code === 'Unschedulable' || result.status.code === 'UnschedulableAndUnresolvable') {
        messages.push(...result.status.reasons);
        continue;
      }
      return { result, messages };
    }
    return { result, messages };
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
   * 0..100 range and sums with weights into `totals` (framework/runtime/framework.go RunScorePlugins); a score out of
   * range makes it return an Error status, as RunScorePlugins does. With
   * `breakdown`, per-plugin raw and normalized scores are collected too.
   */
  runScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], totals: Float64Array, breakdown?: ScoreBreakdown[]): Status {
    const n = nodes.length;
    totals.fill(0, 0, n);
    if (this.scoreBuffer.length < n) this.scoreBuffer = new Float64Array(n * 2);
    const buffer = this.scoreBuffer;
    let uniformTotal = 0;
    for (const { plugin, weight } of this.scorePlugins) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const uniform = breakdown === undefined ? plugin.uniformScore?.(state, pod, nodes, n) : undefined;
      if (uniform !== undefined) {
        if (!(uniform >= 0 && uniform <= MAX_NODE_SCORE)) return invalidScore(plugin.name, uniform);
        uniformTotal += uniform * weight;
        continue;
      }
      const batch = plugin.scoreAll !== undefined && (plugin.normalizeScore === undefined || plugin.normalizeAll !== undefined);
      if (batch) {
        (plugin.scoreAll as NonNullable<ScorePlugin['scoreAll']>)(state, pod, nodes, n, buffer);
      } else {
        for (let i = 0; i < n; i++) buffer[i] = plugin.score(state, pod, nodes[i] as NodeInfo);
      }
      const raw = breakdown === undefined ? undefined : Array.from(buffer.subarray(0, n));
      if (batch) plugin.normalizeAll?.(state, pod, nodes, n, buffer);
      else if (plugin.normalizeScore !== undefined) {
        const scores = this.scratchFor(plugin.name, n);
        for (let i = 0; i < n; i++) {
          const entry = scores[i] as NodeScore;
          entry.name = (nodes[i] as NodeInfo).name;
          entry.score = buffer[i] as number;
        }
        plugin.normalizeScore(state, pod, scores);
        for (let i = 0; i < n; i++) buffer[i] = (scores[i] as NodeScore).score;
      }
      for (let i = 0; i < n; i++) {
        const score = buffer[i] as number;
        if (!(score >= 0 && score <= MAX_NODE_SCORE)) return invalidScore(plugin.name, score);
        totals[i] = (totals[i] as number) + score * weight;
      }
      if (breakdown !== undefined) breakdown.push({ plugin: plugin.name, weight, raw: raw as number[], normalized: Array.from(buffer.subarray(0, n)) });
    }
    // Scores are integers (int64 upstream), so adding the uniform part last gives the same totals.
    if (uniformTotal !== 0) for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + uniformTotal;
    if (this.scorePlugins.length === 0) totals.fill(1, 0, n);
    return SUCCESS;
  }

  /**
   * The key under which this pod's totals can be kept from pod to pod
   * (BestNodes): every score plugin not skipped has a scoreKey and no
   * normalization, or it is the only one and its normalization keeps the
   * top (normalizeKeepsTop); at least one runs. Undefined otherwise.
   */
  keptScoreKey(state: CycleState, pod: Pod): string | undefined {
    let key = '';
    let running = 0;
    let normalizing = false;
    for (const { plugin } of this.scorePlugins) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      if (plugin.scoreKey === undefined || plugin.uniformScore !== undefined) return undefined;
      if (plugin.normalizeScore !== undefined || plugin.normalizeAll !== undefined) {
        if (plugin.normalizeKeepsTop !== true) return undefined;
        normalizing = true;
      }
      running++;
      key += `${plugin.name}\u0000${plugin.scoreKey(state, pod)}\u0001`;
    }
    return running === 0 || (normalizing && running > 1) ? undefined : key;
  }

  /**
   * The totals of the first `count` of `nodes` into `out`, as runScore sums
   * them for plugins without normalization (batch form where a plugin has
   * one), and the raw scores of a plugin whose normalization keeps the top
   * (keptScoreKey lets it run alone); false when a score is out of 0..100,
   * or a raw score to be normalized is not an integer (runScore reports or
   * normalizes it).
   */
  scoreTotals(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], count: number, out: Float64Array): boolean {
    out.fill(0, 0, count);
    if (this.scoreBuffer.length < count) this.scoreBuffer = new Float64Array(count * 2);
    const buffer = this.scoreBuffer;
    for (const { plugin, weight } of this.scorePlugins) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      if (plugin.scoreAll !== undefined) plugin.scoreAll(state, pod, nodes, count, buffer);
      else for (let i = 0; i < count; i++) buffer[i] = plugin.score(state, pod, nodes[i] as NodeInfo);
      const raw = plugin.normalizeKeepsTop === true && (plugin.normalizeScore !== undefined || plugin.normalizeAll !== undefined);
      for (let i = 0; i < count; i++) {
        const score = buffer[i] as number;
        if (raw ? !Number.isInteger(score) : !(score >= 0 && score <= MAX_NODE_SCORE)) return false;
        out[i] = (out[i] as number) + score * weight;
      }
    }
    return true;
  }

  /**
   * The node the only score plugin that runs scores alone (ScorePlugin.
   * soleScored): runScore would give it the single highest total. Undefined
   * when several plugins run or it cannot tell.
   */
  soleScored(state: CycleState, pod: Pod): NodeInfo | undefined {
    let only: ScorePlugin | undefined;
    for (const { plugin } of this.scorePlugins) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      if (only !== undefined) return undefined;
      only = plugin;
    }
    return only?.soleScored?.(state, pod);
  }

  /** Scores `node` with every plugin not skipped, for what a plugin records in the cycle about the node it scores (FGD's device). */
  scoreAgain(state: CycleState, pod: Pod, node: NodeInfo): void {
    for (const { plugin } of this.scorePlugins) if (!state.skipScorePlugins.has(plugin.name)) plugin.score(state, pod, node);
  }

  /**
   * Filters the first `count` of `nodes` plugin by plugin (each plugin's
   * batch loop where it has one), leaving in `statuses[i]` the first
   * rejection of node i, or undefined for a feasible node — the same
   * verdicts as runFilter node by node. `statuses` must hold undefined in
   * its first `count` entries (the caller clears what it read: clearing all
   * 500 per cycle showed in profiles). Nodes with nominated pods must go
   * through runFilterWithNominatedPods instead. Batch filters must name
   * themselves in the statuses they return.
   */
  runFilterBatch(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>, filters: readonly FilterPlugin[]): void {
    for (const plugin of filters) {
      if (plugin.filterAll !== undefined) {
        plugin.filterAll(state, pod, nodes, count, statuses);
      } else {
        for (let i = 0; i < count; i++) {
          if (statuses[i] !== undefined) continue;
          const status = plugin.filter(state, pod, nodes[i] as NodeInfo);
          if (status.code !== 'Success' && (isRejection(status) || status.code === 'Error')) {
            statuses[i] = status.plugin === undefined ? { ...status, plugin: plugin.name } : status;
          }
        }
      }
    }
  }

  private scratchFor(name: string, n: number): NodeScore[] {
    let list = this.scratch.get(name);
    if (list === undefined) {
      list = [];
      this.scratch.set(name, list);
    }
    while (list.length < n) list.push({ name: '', score: 0 });
    list.length = n;
    return list;
  }

  /** Tells every plugin of the profile that has a podDeleted hook (PodDeletedPlugin) that a bound pod is gone. */
  runPodDeleted(pod: Pod, nodeName: string): void {
    for (const plugin of this.plugins.values()) if (isPodDeletedPlugin(plugin)) plugin.podDeleted(pod, nodeName);
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

  runPreBind(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const plugin of this.preBindPlugins) {
      const status = plugin.preBind(state, pod, nodeName);
      if (status.code === 'Skip') continue;
      if (!isSuccess(status)) return { ...status, plugin: status.plugin ?? plugin.name };
    }
    return SUCCESS;
  }

  runBind(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const plugin of this.bindPlugins) {
      const status = plugin.bind(state, pod, nodeName);
      if (status.code !== 'Skip') return status;
    }
    return { code: 'Error', reasons: ['no bind plugin bound the pod'] };
  }

  runPostBind(state: CycleState, pod: Pod, nodeName: string): void {
    for (const plugin of this.postBindPlugins) plugin.postBind(state, pod, nodeName);
  }
}
