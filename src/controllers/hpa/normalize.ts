/**
 * From a recommendation to the replica count the HPA sets (k/k
 * pkg/controller/podautoscaler/horizontal.go normalizeDesiredReplicas,
 * normalizeDesiredReplicasWithBehaviors; behavior defaults in
 * pkg/apis/autoscaling/v2/defaults.go).
 *
 * Without `behavior`: the recommendation is the highest one of the last
 * downscale-stabilization window (5 min), capped at max(2 × current, 4)
 * (calculateScaleUpLimit) and clamped to [minReplicas, maxReplicas].
 *
 * With `behavior` (defaults filled in by the API): up-stabilisation takes
 * the lowest recommendation of its window, down-stabilisation the highest
 * of its own, the current count is brought within both; then the policies
 * limit the change against the replica count at the start of each policy's
 * period, computed from the recorded scale events (Pods: start ± value;
 * Percent up: ceil(start × (1 + value/100)); Percent down:
 * floor(start × (1 − value/100))), the largest change winning with
 * selectPolicy Max and the smallest with Min; Disabled blocks the direction.
 */
import type { HPAScalingRules } from '../../api/types/autoscaling.js';

export const SCALE_UP_LIMIT_FACTOR = 2;
export const SCALE_UP_LIMIT_MINIMUM = 4;

interface Recommendation {
  replicas: number;
  atMs: number;
}

interface ScaleEvent {
  change: number;
  atMs: number;
  outdated: boolean;
}

/** calculateScaleUpLimit: max(2 × current, 4). */
export function scaleUpLimit(currentReplicas: number): number {
  return Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM);
}

/** The per-HPA memory the controller keeps between syncs: recommendations and scale events. */
export class HpaHistory {
  private recommendations: Recommendation[] = [];
  private readonly scaleUpEvents: ScaleEvent[] = [];
  private readonly scaleDownEvents: ScaleEvent[] = [];

  /**
   * recordInitialRecommendation: the first sync of an HPA records the
   * current replica count, so a scale-down right after creation is
   * stabilised like any other.
   */
  recordInitial(currentReplicas: number, nowMs: number): void {
    if (this.recommendations.length === 0) this.recommendations.push({ replicas: currentReplicas, atMs: nowMs });
  }

  /** stabilizeRecommendation (no behavior): the max over the window, recording this one. */
  stabilize(recommendation: number, nowMs: number, windowMs: number): number {
    let max = recommendation;
    let oldIndex = -1;
    const cutoff = nowMs - windowMs;
    this.recommendations.forEach((rec, i) => {
      if (rec.atMs < cutoff) oldIndex = i;
      else if (rec.replicas > max) max = rec.replicas;
    });
    this.record(recommendation, nowMs, oldIndex);
    return max;
  }

  /** stabilizeRecommendationWithBehaviors: current brought within [min of up window, max of down window]. */
  stabilizeWithBehavior(recommendation: number, currentReplicas: number, nowMs: number, upWindowMs: number, downWindowMs: number): number {
    let up = recommendation;
    let down = recommendation;
    const upCutoff = nowMs - upWindowMs;
    const downCutoff = nowMs - downWindowMs;
    let oldIndex = -1;
    this.recommendations.forEach((rec, i) => {
      if (rec.atMs > upCutoff) up = Math.min(up, rec.replicas);
      if (rec.atMs > downCutoff) down = Math.max(down, rec.replicas);
      if (rec.atMs < upCutoff && rec.atMs < downCutoff) oldIndex = i;
    });
    this.record(recommendation, nowMs, oldIndex);
    let result = currentReplicas;
    if (result < up) result = up;
    if (result > down) result = down;
    return result;
  }

  private record(replicas: number, atMs: number, oldIndex: number): void {
    if (oldIndex >= 0) this.recommendations[oldIndex] = { replicas, atMs };
    else this.recommendations.push({ replicas, atMs });
  }

  /** storeScaleEvent (with behavior only). */
  storeScaleEvent(previous: number, next: number, nowMs: number, longestUpPeriodMs: number, longestDownPeriodMs: number): void {
    const up = next > previous;
    const events = up ? this.scaleUpEvents : this.scaleDownEvents;
    const longest = up ? longestUpPeriodMs : longestDownPeriodMs;
    for (const event of events) if (event.atMs <= nowMs - longest) event.outdated = true;
    const change = Math.abs(next - previous);
    const reuse = events.find((e) => e.outdated);
    if (reuse !== undefined) {
      reuse.change = change;
      reuse.atMs = nowMs;
      reuse.outdated = false;
    } else {
      events.push({ change, atMs: nowMs, outdated: false });
    }
  }

  /** getReplicasChangePerPeriod. */
  changeInPeriod(up: boolean, periodMs: number, nowMs: number): number {
    const cutoff = nowMs - periodMs;
    return (up ? this.scaleUpEvents : this.scaleDownEvents).filter((e) => e.atMs > cutoff).reduce((sum, e) => sum + e.change, 0);
  }
}

/** convertDesiredReplicasWithRules (no behavior). */
export function clampWithoutBehavior(currentReplicas: number, desired: number, minReplicas: number, maxReplicas: number): number {
  const maximum = Math.min(maxReplicas, scaleUpLimit(currentReplicas));
  if (desired < minReplicas) return minReplicas;
  if (desired > maximum) return maximum;
  return desired;
}

function periodStart(history: HpaHistory, current: number, periodMs: number, nowMs: number): number {
  return current - history.changeInPeriod(true, periodMs, nowMs) + history.changeInPeriod(false, periodMs, nowMs);
}

/** calculateScaleUpLimitWithScalingRules. */
export function scaleUpLimitWithRules(history: HpaHistory, current: number, rules: HPAScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const policy of rules.policies ?? []) {
    const start = periodStart(history, current, policy.periodSeconds * 1000, nowMs);
    const proposed = policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
export function scaleDownLimitWithRules(history: HpaHistory, current: number, rules: HPAScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const policy of rules.policies ?? []) {
    const start = periodStart(history, current, policy.periodSeconds * 1000, nowMs);
    const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate. */
export function clampWithBehavior(history: HpaHistory, current: number, desired: number, minReplicas: number, maxReplicas: number, up: HPAScalingRules, down: HPAScalingRules, nowMs: number): number {
  if (desired > current) {
    const limit = Math.max(scaleUpLimitWithRules(history, current, up, nowMs), current);
    return Math.min(desired, Math.min(maxReplicas, limit));
  }
  if (desired < current) {
    const limit = Math.min(scaleDownLimitWithRules(history, current, down, nowMs), current);
    return Math.max(desired, Math.max(minReplicas, limit));
  }
  return desired;
}

export function longestPeriodMs(rules: HPAScalingRules): number {
  return Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds * 1000));
}
