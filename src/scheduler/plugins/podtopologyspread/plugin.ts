/**
 * PodTopologySpread (podtopologyspread/plugin.go): hard constraints filter
 * (filtering.ts), soft ones and the system defaults score (pre-score.ts,
 * scoring.ts); which constraints a pod has is pod-constraints.ts, the
 * queueing hints are queueing-hints.ts.
 * Args: defaultConstraints and defaultingType (System by default: the
 * built-in hostname/zone constraints, ScheduleAnyway). Weight 2 by default.
 */
import type { TopologySpreadConstraint } from '../../../api/types/pod.js';
import { ActionType } from '../../framework/cluster-events.js';
import type {
  EnqueueExtensions, FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin,
} from '../../framework/interfaces.js';
import { podInfoOf } from '../../framework/pod-info.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SKIP, SUCCESS } from '../../framework/status.js';
import { stateReader } from '../../framework/state-cache.js';
import { SYSTEM_DEFAULT_CONSTRAINTS } from './constraints.js';
import { calPreFilterState, filterNode, PreFilterState, updateWithPod } from './filtering.js';
import { PodConstraints } from './pod-constraints.js';
import { isSchedulingHintForNodeEvent, isSchedulingHintForPodEvent } from './queueing-hints.js';
import { initPreScoreState, PresenceFlags, type PreScoreState } from './pre-score.js';
import { normalizeScores, scoreNode, scoreNodes } from './scoring.js';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';
const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

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
  const podConstraints = new PodConstraints(defaults, handle.listers);
  const presence = new PresenceFlags();
  const preFilterState = stateReader<PreFilterState>(PRE_FILTER_KEY);
  const preScoreState = stateReader<PreScoreState>(PRE_SCORE_KEY);
  return {
    name: POD_TOPOLOGY_SPREAD,
    preFilter(state, pod) {
      const constraints = podConstraints.forPod(pod, 'DoNotSchedule');
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
      const constraints = podConstraints.forPod(pod, 'ScheduleAnyway');
      if (constraints.length === 0) return SKIP;
      // Only explicit (or List-defaulted) constraints require every topology key on a node.
      const requireAll = (pod.spec.topologySpreadConstraints ?? []).length > 0 || !systemDefaulted;
      state.write(PRE_SCORE_KEY, initPreScoreState(handle, pod, constraints, nodes, requireAll, presence));
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
          // UpdatePodToleration: a pending pod whose constraint honours node taints (nodeTaintsPolicy: Honor) may fit once it
          // tolerates one; upstream registers it whenever queueing hints are on, as here (podtopologyspread/plugin.go EventsToRegister).
          event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodToleration | ActionType.Delete },
          hint: (pod, oldObj, newObj) => isSchedulingHintForPodEvent(pod, oldObj, newObj, () => podConstraints.forPod(pod, 'DoNotSchedule')),
        },
        {
          event: { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
          hint: (pod, oldObj, newObj) => isSchedulingHintForNodeEvent(oldObj, newObj, podConstraints.forPod(pod, 'DoNotSchedule')),
        },
      ];
    },
  };
}
