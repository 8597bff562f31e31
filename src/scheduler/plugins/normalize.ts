/**
 * DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go):
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

/** DefaultNormalizeScore over the first `n` entries of a score array. */
export function defaultNormalizeScores(maxPriority: number, reverse: boolean, scores: Float64Array, n: number): void {
  let max = 0;
  for (let i = 0; i < n; i++) if ((scores[i] as number) > max) max = scores[i] as number;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) {
    const value = Math.trunc((maxPriority * (scores[i] as number)) / max);
    scores[i] = reverse ? maxPriority - value : value;
  }
}
