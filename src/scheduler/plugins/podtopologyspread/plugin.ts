/**
 * PodTopologySpread (podtopologyspread/plugin.go): hard constraints filter
 * (filtering.ts), soft ones and the system defaults score (scoring.ts).
 * Args: defaultConstraints and defaultingType (System by default: the
 * built-in hostname/zone constraints, ScheduleAnyway). Weight 2 by default.
 */
import type { Node } from '../../../api/types/node.js';
import type { Pod, TopologySpreadConstraint } from '../../../api/types/pod.js';
import { ActionType } from '../../framework/cluster-events.js';
import type {
  EnqueueExtensions, FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin,
} from '../../framework/interfaces.js';
import { podInfoOf } from '../../framework/pod-info.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SKIP, SUCCESS } from '../../framework/status.js';
import { stateReader } from '../../framework/state-cache.js';
import type { CompiledSelector } from '../../framework/selectors.js';
import { buildDefaultConstraints, filterConstraints, nodeHasAllKeys, SelectorCache, SYSTEM_DEFAULT_CONSTRAINTS, type SpreadConstraint } from './constraints.js';
import { calPreFilterState, filterNode, PreFilterState, updateWithPod } from './filtering.js';
import { initPreScoreState, normalizeScores, scoreNode, scoreNodes, type PreScoreState } from './scoring.js';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';
const PRE_SCORE_KEY = 'PreScorePodTopologySpread';
const NO_DEFAULT = { selector: undefined, constraints: [] };

export interface PodTopologySpreadArgs {
  readonly defaultConstraints?: readonly TopologySpreadConstraint[];
  readonly defaultingType?: 'System' | 'List';
}

export function validatePodTopologySpreadArgs(args: PodTopologySpreadArgs | undefined): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  // Read from the scenario's YAML: any string may arrive here.
  const type: string = args?.defaultingType ?? 'System';
  if (type !== 'System' && type !== 'List') problems.push(['defaultingType', `Unsupported value: "${type}": supported values: "List", "System"`]);
  if (type === 'System' && (args?.defaultConstraints ?? []).length > 0) {
    problems.push(['defaultConstraints', 'Invalid value: when .defaultingType is "System", .defaultConstraints must be empty']);
  }
  (args?.defaultConstraints ?? []).forEach((c, i) => {
    if (!Number.isInteger(c.maxSkew) || c.maxSkew <= 0) problems.push([`defaultConstraints[${i}].maxSkew`, `Invalid value: ${c.maxSkew}: must be greater than zero`]);
    if (c.topologyKey === '') problems.push([`defaultConstraints[${i}].topologyKey`, 'Required value: can not be empty']);
    if (c.labelSelector !== undefined) problems.push([`defaultConstraints[${i}].labelSelector`, 'Forbidden: constraint must not define a selector, as they deduced for each pod']);
  });
  return problems;
}

export function podTopologySpread(args: PodTopologySpreadArgs | undefined, handle: FrameworkHandle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const problems = validatePodTopologySpreadArgs(args);
  if (problems.length > 0) throw new Error(problems.map(([f, m]) => `${f}: ${m}`).join('; '));
  const systemDefaulted = (args?.defaultingType ?? 'System') === 'System';
  const defaults = systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args?.defaultConstraints ?? [];
  const selectors = new SelectorCache();
  const preFilterState = stateReader<PreFilterState>(PRE_FILTER_KEY);
  const preScoreState = stateReader<PreScoreState>(PRE_SCORE_KEY);
  // Default constraints per default selector (shared by all pods of a ReplicaSet), rebuilt when listers change.
  const byDefaultSelector = new Map<string, SpreadConstraint[]>();
  let generation = -1;
  // The system defaults are all ScheduleAnyway: PreFilter needs no default selector.
  const anyDefault = {
    DoNotSchedule: defaults.some((c) => c.whenUnsatisfiable === 'DoNotSchedule'),
    ScheduleAnyway: defaults.some((c) => c.whenUnsatisfiable === 'ScheduleAnyway'),
  };
  // The last default selector and its constraints per action: no key string for the next pod of the same ReplicaSet.
  const lastDefault: Record<'DoNotSchedule' | 'ScheduleAnyway', { selector: CompiledSelector | undefined; constraints: SpreadConstraint[] }> = {
    DoNotSchedule: NO_DEFAULT,
    ScheduleAnyway: NO_DEFAULT,
  };
  const build = (pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] => {
    const own = pod.spec.topologySpreadConstraints ?? [];
    if (own.length > 0) return filterConstraints(own, pod.metadata.labels ?? {}, action);
    if (!anyDefault[action]) return [];
    if (handle.listers.generation() !== generation) {
      generation = handle.listers.generation();
      byDefaultSelector.clear();
      lastDefault.DoNotSchedule = NO_DEFAULT;
      lastDefault.ScheduleAnyway = NO_DEFAULT;
    }
    const selector = selectors.get(pod, handle.listers);
    const lastBuilt = lastDefault[action];
    if (lastBuilt.selector === selector) return lastBuilt.constraints;
    const key = `${action}|${selector.key}`;
    let built = byDefaultSelector.get(key);
    if (built === undefined) {
      built = buildDefaultConstraints(pod, defaults, action, handle.listers, selectors);
      byDefaultSelector.set(key, built);
    }
    lastDefault[action] = { selector, constraints: built };
    return built;
  };
  // PreFilter, PreScore and the queueing hints ask about the same pod in a row.
  const last = {
    DoNotSchedule: { pod: undefined as Pod | undefined, generation: -1, constraints: [] as SpreadConstraint[] },
    ScheduleAnyway: { pod: undefined as Pod | undefined, generation: -1, constraints: [] as SpreadConstraint[] },
  };
  const constraintsFor = (pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] => {
    const memo = last[action];
    if (memo.pod !== pod || memo.generation !== handle.listers.generation()) {
      memo.constraints = build(pod, action);
      memo.pod = pod;
      memo.generation = handle.listers.generation();
    }
    return memo.constraints;
  };
  return {
    name: POD_TOPOLOGY_SPREAD,
    preFilter(state, pod) {
      const constraints = constraintsFor(pod, 'DoNotSchedule');
      if (constraints.length === 0) return { status: SKIP };
      state.write(PRE_FILTER_KEY, calPreFilterState(handle, pod, constraints));
      return { status: SUCCESS };
    },
    addPod(state, podToSchedule, podToAdd, nodeInfo) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (s !== undefined) updateWithPod(s, podToAdd, podToSchedule, nodeInfo.node, 1);
      return SUCCESS;
    },
    removePod(state, podToSchedule, podToRemove, nodeInfo) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (s !== undefined) updateWithPod(s, podToRemove, podToSchedule, nodeInfo.node, -1);
      return SUCCESS;
    },
    filter(state, pod, nodeInfo) {
      const s = preFilterState(state);
      if (s === undefined || s.constraints.length === 0) return SUCCESS;
      return filterNode(s, pod, podInfoOf(pod).labels, nodeInfo, POD_TOPOLOGY_SPREAD);
    },
    preScore(state, pod, nodes) {
      if (handle.nodeInfos().length === 0) return SKIP;
      const constraints = constraintsFor(pod, 'ScheduleAnyway');
      if (constraints.length === 0) return SKIP;
      // Only explicit (or List-defaulted) constraints require every topology key on a node.
      const requireAll = (pod.spec.topologySpreadConstraints ?? []).length > 0 || !systemDefaulted;
      state.write(PRE_SCORE_KEY, initPreScoreState(handle, pod, constraints, nodes, requireAll));
      return SUCCESS;
    },
    score(state, _pod, nodeInfo) {
      const s = preScoreState(state);
      return s === undefined ? 0 : scoreNode(s, nodeInfo);
    },
    scoreAll(state, _pod, nodes, count, out) {
      const s = preScoreState(state);
      if (s === undefined) out.fill(0, 0, count);
      else scoreNodes(s, nodes, count, out);
    },
    normalizeScore(state, _pod, scores) {
      const s = preScoreState(state);
      if (s === undefined) return;
      const byName = new Map(handle.nodeInfos().map((n) => [n.name, n] as const));
      const nodes = scores.map((x) => byName.get(x.name) as NodeInfo);
      const values = Float64Array.from(scores.map((x) => x.score));
      normalizeScores(s, nodes, scores.length, values);
      scores.forEach((x, i) => (x.score = values[i] as number));
    },
    normalizeAll(state, _pod, nodes, count, scores) {
      const s = preScoreState(state);
      if (s !== undefined) normalizeScores(s, nodes, count, scores);
    },
    eventsToRegister() {
      return [
        {
          event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
          hint: (pod, oldObj, newObj) => {
            const original = oldObj as Pod | undefined;
            const modified = newObj as Pod | undefined;
            const involved = (p: Pod): boolean => p.metadata.uid === pod.metadata.uid || ((p.spec.nodeName ?? '') !== '' && p.metadata.namespace === pod.metadata.namespace);
            if ((modified !== undefined && !involved(modified)) || (original !== undefined && !involved(original))) return 'QueueSkip';
            const constraints = constraintsFor(pod, 'DoNotSchedule');
            if (original !== undefined && modified !== undefined) {
              if (modified.metadata.uid === pod.metadata.uid) return 'Queue';
              return constraints.some((c) => c.selector.matches(original.metadata.labels) !== c.selector.matches(modified.metadata.labels)) ? 'Queue' : 'QueueSkip';
            }
            const labels = (original ?? modified)?.metadata.labels;
            return constraints.some((c) => c.selector.matches(labels)) ? 'Queue' : 'QueueSkip';
          },
        },
        {
          event: { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
          hint: (pod, oldObj, newObj) => {
            const constraints = constraintsFor(pod, 'DoNotSchedule');
            const original = oldObj as Node | undefined;
            const modified = newObj as Node | undefined;
            const matching = (n: Node | undefined): boolean => n !== undefined && nodeHasAllKeys(n.metadata.labels ?? {}, constraints);
            if (original !== undefined && modified !== undefined) {
              if (matching(original) !== matching(modified)) return 'Queue';
              const keysChanged = constraints.some((c) => original.metadata.labels?.[c.topologyKey] !== modified.metadata.labels?.[c.topologyKey]);
              const taintsChanged = JSON.stringify(original.spec.taints ?? []) !== JSON.stringify(modified.spec.taints ?? []);
              return matching(modified) && (keysChanged || taintsChanged) ? 'Queue' : 'QueueSkip';
            }
            return matching(modified ?? original) ? 'Queue' : 'QueueSkip';
          },
        },
      ];
    },
  };
}
