import { describe, expect, it } from 'vitest';
import { clampWithBehavior, clampWithoutBehavior, HpaHistory, scaleUpLimit } from '../../src/controllers/hpa/normalize.js';
import { DEFAULT_SCALE_DOWN_RULES, DEFAULT_SCALE_UP_RULES } from '../../src/api/defaults-autoscaling.js';
import type { HPAScalingRules } from '../../src/api/types/autoscaling.js';

const UP = DEFAULT_SCALE_UP_RULES as unknown as HPAScalingRules;
const DOWN = DEFAULT_SCALE_DOWN_RULES as unknown as HPAScalingRules;

describe('HPA without behavior (k/k podautoscaler/horizontal.go normalizeDesiredReplicas)', () => {
  it.each([
    { current: 1, limit: 4 }, // max(2, 4)
    { current: 3, limit: 6 },
    { current: 10, limit: 20 },
  ])('scale-up limit for $current replicas is $limit', ({ current, limit }) => {
    expect(scaleUpLimit(current)).toBe(limit);
  });

  it.each([
    { current: 10, desired: 30, min: 1, max: 25, want: 20 }, // capped by 2 x 10
    { current: 20, desired: 30, min: 1, max: 25, want: 25 }, // capped by maxReplicas
    { current: 5, desired: 1, min: 2, max: 25, want: 2 }, // floored at minReplicas
    { current: 5, desired: 7, min: 2, max: 25, want: 7 },
  ])('current $current, desired $desired in [$min, $max] -> $want', ({ current, desired, min, max, want }) => {
    expect(clampWithoutBehavior(current, desired, min, max)).toBe(want);
  });

  it('scale-down waits for the highest recommendation of the last 5 minutes', () => {
    const history = new HpaHistory();
    const windowMs = 300_000;
    const steps: Array<[number, number, number]> = [
      // [t, recommendation, stabilized]
      [0, 10, 10],
      [15_000, 10, 10],
      [60_000, 5, 10], // 10 from t=0 and 15 s still in the window
      [300_000, 5, 10], // the 15 s sample is still inside [0 s, 300 s]
      [316_000, 5, 5], // both 10s are older than 316 - 300 = 16 s
      [330_000, 4, 5], // 5 from 60 s and later still counts
      [660_000, 4, 4],
    ];
    for (const [t, recommendation, stabilized] of steps) expect(history.stabilize(recommendation, t, windowMs)).toBe(stabilized);
  });
});

describe('HPA default behavior policies (autoscaling/v2 defaults)', () => {
  it('scales up by the larger of 4 pods and 100 % per 15 s', () => {
    const history = new HpaHistory();
    // current 10, no events: max(10 + 4, 10 x 2) = 20
    expect(clampWithBehavior(history, 10, 50, 1, 100, UP, DOWN, 0)).toBe(20);
    history.storeScaleEvent(10, 20, 0, 15_000, 15_000);
    // 10 s later the period started at 20 - 10 = 10 replicas: limit 20, no growth yet
    expect(clampWithBehavior(history, 20, 50, 1, 100, UP, DOWN, 10_000)).toBe(20);
    // 16 s later the event left the 15 s period: start 20 -> max(24, 40) = 40
    expect(clampWithBehavior(history, 20, 50, 1, 100, UP, DOWN, 16_000)).toBe(40);
    // small counts: current 2 -> max(6, 4) = 6
    expect(clampWithBehavior(new HpaHistory(), 2, 50, 1, 100, UP, DOWN, 0)).toBe(6);
  });

  it('scales down by up to 100 % per 15 s (floored at minReplicas)', () => {
    expect(clampWithBehavior(new HpaHistory(), 10, 1, 3, 100, UP, DOWN, 0)).toBe(3);
  });

  it('honours a custom Pods policy and selectPolicy Min', () => {
    const down: HPAScalingRules = { selectPolicy: 'Min', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] };
    const history = new HpaHistory();
    // Min picks the smaller change: max(10 - 1, floor(10 x 0.5)) = 9
    expect(clampWithBehavior(history, 10, 2, 1, 100, UP, down, 0)).toBe(9);
    history.storeScaleEvent(10, 9, 0, 15_000, 60_000);
    // 30 s later the period started at 10: limit 9 again, already there
    expect(clampWithBehavior(history, 9, 2, 1, 100, UP, down, 30_000)).toBe(9);
    expect(clampWithBehavior(history, 9, 2, 1, 100, UP, down, 61_000)).toBe(8);
  });

  it('Disabled blocks the direction', () => {
    expect(clampWithBehavior(new HpaHistory(), 5, 9, 1, 100, { ...UP, selectPolicy: 'Disabled' }, DOWN, 0)).toBe(5);
  });

  it('stabilises up with the lowest and down with the highest recommendation of their windows', () => {
    const history = new HpaHistory();
    // up window 60 s, down window 300 s
    expect(history.stabilizeWithBehavior(8, 4, 0, 60_000, 300_000)).toBe(8);
    // 30 s later a 12: the up window still holds the 8 -> up to min(8, 12) = 8
    expect(history.stabilizeWithBehavior(12, 8, 30_000, 60_000, 300_000)).toBe(8);
    // 100 s, recommendation 3: nothing in the up window (after 40 s), so up = 3; the down window
    // holds 8 and 12, so down = 12; current 8 already lies in [3, 12]: it stays 8
    expect(history.stabilizeWithBehavior(3, 8, 100_000, 60_000, 300_000)).toBe(8);
  });
});

describe('recordInitialRecommendation', () => {
  it('stabilises a scale-down right after the HPA appears against the replicas it found', () => {
    const history = new HpaHistory();
    history.recordInitial(8, 0);
    // first computed recommendation is 2 (no load yet): the 8 recorded at creation wins for 5 minutes
    expect(history.stabilize(2, 15_000, 300_000)).toBe(8);
    expect(history.stabilize(2, 300_000, 300_000)).toBe(8);
    expect(history.stabilize(2, 300_001, 300_000)).toBe(2);
    // later calls do not record again
    history.recordInitial(20, 400_000);
    expect(history.stabilize(2, 400_000, 300_000)).toBe(2);
  });
});
