/**
 * DefaultNormalizeScore (helper/normalize_score.go; k8s-scheduler.md §6.1):
 * scale to maxPriority by the largest raw score (integer division); with
 * `reverse`, subtract from maxPriority. All-zero scores become maxPriority
 * when reversed and stay zero otherwise.
 */
import type { NodeScore } from '../framework/interfaces.js';

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let value = Math.trunc((maxPriority * s.score) / max);
    if (reverse) value = maxPriority - value;
    s.score = value;
  }
}
