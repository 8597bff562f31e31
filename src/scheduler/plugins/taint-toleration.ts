/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
 * Filter: an untolerated NoSchedule or NoExecute taint rejects the
 * node. Score: the number of untolerated PreferNoSchedule taints, normalized
 * in reverse, so fewer such taints scores higher. Weight 3 by default.
 */
import { firstUntoleratedTaint, taintTolerated } from '../../api/taints.js';
import type { Node, Taint } from '../../api/types/node.js';
import type { Pod, Toleration } from '../../api/types/pod.js';
import { ActionType } from '../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin, FrameworkHandle, PreScorePlugin, ScorePlugin } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';
import { JsonKey } from '../framework/filter-verdicts.js';
import { MAX_NODE_SCORE } from '../framework/framework.js';
import { stateReader } from '../framework/state-cache.js';
import { defaultNormalizeScore, defaultNormalizeScores } from './normalize.js';
import type { NodeInfo } from '../framework/node-info.js';

export const TAINT_TOLERATION = 'TaintToleration';
const DO_NOT_SCHEDULE = new Set(['NoSchedule', 'NoExecute']);
const PRE_SCORE_KEY = 'PreScoreTaintToleration';

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

/** Tolerations that can match PreferNoSchedule taints (empty effect or PreferNoSchedule). */
function preferNoScheduleTolerations(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => t.effect === undefined || t.effect === '' || t.effect === 'PreferNoSchedule');
}

function untolerated(node: Node | undefined, pod: Pod): boolean {
  return node === undefined || firstUntoleratedTaint(node.spec.taints, pod.spec.tolerations, DO_NOT_SCHEDULE) !== undefined;
}

export function taintToleration(handle: FrameworkHandle): FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const preScoreState = stateReader<Toleration[]>(PRE_SCORE_KEY);
  const tolerationsKey = new JsonKey();
  return {
    name: TAINT_TOLERATION,
    filter(_state, pod, nodeInfo) {
      const taints = nodeInfo.taints;
      if (taints.length === 0) return SUCCESS;
      const taint = firstUntoleratedTaint(taints, pod.spec.tolerations, DO_NOT_SCHEDULE);
      return taint === undefined ? SUCCESS : unresolvable(TAINT_TOLERATION, untoleratedTaintReason(taint.key, taint.value));
    },
    filterKey: (_state, pod) => tolerationsKey.of(pod.spec.tolerations),
    filterAll(_state, pod, nodes, count, statuses) {
      // No node has a NoSchedule or NoExecute taint: none is rejected.
      if (handle.nodesWithTaintEffect('NoSchedule') === 0 && handle.nodesWithTaintEffect('NoExecute') === 0) return;
      for (let i = 0; i < count; i++) {
        if (statuses[i] !== undefined) continue;
        const taints = (nodes[i] as NodeInfo).taints;
        if (taints.length === 0) continue;
        const taint = firstUntoleratedTaint(taints, pod.spec.tolerations, DO_NOT_SCHEDULE);
        if (taint !== undefined) statuses[i] = unresolvable(TAINT_TOLERATION, untoleratedTaintReason(taint.key, taint.value));
      }
    },
    preScore(state, pod) {
      // Without PreferNoSchedule taints every count is 0 whatever the pod tolerates.
      if (handle.nodesWithTaintEffect('PreferNoSchedule') > 0) state.write(PRE_SCORE_KEY, preferNoScheduleTolerations(pod.spec.tolerations));
      return SUCCESS;
    },
    score(state, _pod, nodeInfo) {
      const taints = nodeInfo.taints;
      if (taints.length === 0) return 0;
      const tolerations = preScoreState(state) ?? [];
      let count = 0;
      for (const taint of taints) {
        if (taint.effect === 'PreferNoSchedule' && !taintTolerated(taint, tolerations)) count++;
      }
      return count;
    },
    scoreAll(state, _pod, nodes, count, out) {
      const tolerations = preScoreState(state) ?? [];
      for (let i = 0; i < count; i++) {
        const taints = (nodes[i] as NodeInfo).taints;
        let n = 0;
        for (let t = 0; t < taints.length; t++) {
          const taint = taints[t] as Taint;
          if (taint.effect === 'PreferNoSchedule' && !taintTolerated(taint, tolerations)) n++;
        }
        out[i] = n;
      }
    },
    uniformScore() {
      // No node has a PreferNoSchedule taint: every count is 0, which DefaultNormalizeScore with reverse makes 100 (plugins/helper/normalize_score.go).
      return handle.nodesWithTaintEffect('PreferNoSchedule') === 0 ? MAX_NODE_SCORE : undefined;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    },
    normalizeAll(_state, _pod, _nodes, count, scores) {
      defaultNormalizeScores(MAX_NODE_SCORE, true, scores, count);
    },
    eventsToRegister() {
      return [
        {
          event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
          hint: (pod, oldObj, newObj) => (untolerated(oldObj as Node | undefined, pod) && !untolerated(newObj as Node, pod) ? 'Queue' : 'QueueSkip'),
        },
        {
          event: { resource: 'UnscheduledPod', actionType: ActionType.UpdatePodToleration },
          hint: (pod, _old, newObj) => ((newObj as Pod).metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip'),
        },
      ];
    },
  };
}
