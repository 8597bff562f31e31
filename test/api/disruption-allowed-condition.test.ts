/**
 * The DisruptionAllowed condition of a PodDisruptionBudget's status, as
 * k8s.io/component-helpers apps/poddisruptionbudget
 * UpdateDisruptionAllowedCondition sets it through apimachinery
 * meta.SetStatusCondition: True/SufficientPods when disruptionsAllowed > 0,
 * else False/InsufficientPods; reason and message always the new ones,
 * lastTransitionTime moved only when the status flips.
 */
import { describe, expect, it } from 'vitest';
import { withDisruptionAllowedCondition } from '../../src/api/eviction.js';
import type { Condition } from '../../src/api/types/meta.js';

interface Row {
  readonly name: string;
  readonly before: readonly Condition[];
  readonly disruptionsAllowed: number;
  /** The conditions after, as "type status reason lastTransitionTime", at now = 5000 ms. */
  readonly after: readonly string[];
}

const rows: Row[] = [
  { name: 'no condition yet, 2 allowed', before: [], disruptionsAllowed: 2, after: ['DisruptionAllowed True SufficientPods 5000'] },
  { name: 'no condition yet, none allowed', before: [], disruptionsAllowed: 0, after: ['DisruptionAllowed False InsufficientPods 5000'] },
  {
    name: 'True since 1000, still allowed: time kept',
    before: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', lastTransitionTime: 1000 }],
    disruptionsAllowed: 1,
    after: ['DisruptionAllowed True SufficientPods 1000'],
  },
  {
    name: 'True since 1000, none allowed now: flips at 5000',
    before: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', lastTransitionTime: 1000 }],
    disruptionsAllowed: 0,
    after: ['DisruptionAllowed False InsufficientPods 5000'],
  },
  {
    // The controller's failSafe set False/SyncFailed at 1000; a later sync computes 0 allowed: still False, so the
    // time stays 1000 and the reason becomes InsufficientPods (the old code kept SyncFailed and its message).
    name: 'False/SyncFailed since 1000, a sync with none allowed: reason replaced, time kept',
    before: [{ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'found no controllers', lastTransitionTime: 1000 }],
    disruptionsAllowed: 0,
    after: ['DisruptionAllowed False InsufficientPods 1000 ""'],
  },
  {
    name: 'another condition type is left where it is',
    before: [
      { type: 'Other', status: 'True', lastTransitionTime: 10 },
      { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: 1000 },
    ],
    disruptionsAllowed: 3,
    after: ['Other True undefined 10', 'DisruptionAllowed True SufficientPods 5000'],
  },
];

function describeCondition(c: Condition, withMessage: boolean): string {
  const text = `${c.type} ${c.status} ${String(c.reason)} ${String(c.lastTransitionTime)}`;
  return withMessage ? `${text} ${JSON.stringify(c.message)}` : text;
}

describe('withDisruptionAllowedCondition (UpdateDisruptionAllowedCondition)', () => {
  it.each(rows)('$name', ({ before, disruptionsAllowed, after }) => {
    const status = { disruptionsAllowed, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, conditions: before };
    const conditions = withDisruptionAllowedCondition(status, 5000).conditions ?? [];
    expect(conditions.map((c, i) => describeCondition(c, after[i]?.endsWith('""') === true))).toEqual(after);
  });
});
