/**
 * TaintToleration (tainttoleration/taint_toleration.go; k8s-scheduler.md §5.2,
 * §6.6). Filter: an untolerated NoSchedule or NoExecute taint rejects the
 * node. Score: the number of untolerated PreferNoSchedule taints, normalized
 * in reverse, so fewer such taints scores higher.
 */
import { firstUntoleratedTaint, taintTolerated } from '../../api/taints.js';
import type { Toleration } from '../../api/types/pod.js';
import type { FilterPlugin, ScorePlugin } from '../framework/interfaces.js';
import { SUCCESS, unresolvable } from '../framework/status.js';
import { defaultNormalizeScore } from './normalize.js';

export const TAINT_TOLERATION = 'TaintToleration';
const DO_NOT_SCHEDULE = new Set(['NoSchedule', 'NoExecute']);

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

function preferNoScheduleTolerations(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => t.effect === undefined || t.effect === '' || t.effect === 'PreferNoSchedule');
}

export function taintToleration(): FilterPlugin & ScorePlugin {
  return {
    name: TAINT_TOLERATION,
    filter(_state, pod, nodeInfo) {
      const taint = firstUntoleratedTaint(nodeInfo.node.spec.taints, pod.spec.tolerations, DO_NOT_SCHEDULE);
      return taint === undefined ? SUCCESS : unresolvable(TAINT_TOLERATION, untoleratedTaintReason(taint.key, taint.value));
    },
    score(_state, pod, nodeInfo) {
      const tolerations = preferNoScheduleTolerations(pod.spec.tolerations);
      let count = 0;
      for (const taint of nodeInfo.node.spec.taints ?? []) {
        if (taint.effect === 'PreferNoSchedule' && !taintTolerated(taint, tolerations)) count++;
      }
      return count;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(100, true, scores);
    },
  };
}
