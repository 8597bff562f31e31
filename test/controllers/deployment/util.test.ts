/**
 * Deployment arithmetic, table-driven from k/k pkg/controller/deployment/util/
 * deployment_util.go (ResolveFenceposts, MaxSurge, MaxUnavailable,
 * MinAvailable, NewRSNewReplicas) and its deployment_util_test.go tables.
 * Surge rounds up, unavailable rounds down; both 0 → unavailable 1.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../src/api/types/apps.js';
import { maxSurge, maxUnavailable, minAvailable, newRSNewReplicas, resolveFenceposts } from '../../../src/controllers/deployment/util.js';
import { deployment, replicaSet } from '../../helpers/builders.js';

describe('resolveFenceposts (§2, vectors RF-*)', () => {
  // [maxSurge, maxUnavailable, desired, surge, unavailable, arithmetic]
  const table: Array<[number | string | undefined, number | string | undefined, number, number, number, string]> = [
    ['25%', '25%', 10, 3, 2, 'ceil(2.5) = 3, floor(2.5) = 2'],
    ['25%', '25%', 5, 2, 1, 'ceil(1.25) = 2, floor(1.25) = 1'],
    ['25%', '25%', 4, 1, 1, '25 % of 4 = 1 exactly'],
    ['25%', '25%', 3, 1, 0, 'ceil(0.75) = 1, floor(0.75) = 0'],
    ['25%', '25%', 2, 1, 0, 'ceil(0.5) = 1, floor(0.5) = 0'],
    ['25%', '25%', 1, 1, 0, 'ceil(0.25) = 1, floor(0.25) = 0'],
    ['39%', '39%', 10, 4, 3, 'ceil(3.9) = 4, floor(3.9) = 3'],
    ['33%', '33%', 3, 1, 0, 'ceil(0.99) = 1, floor(0.99) = 0'],
    ['10%', '10%', 15, 2, 1, 'ceil(1.5) = 2, floor(1.5) = 1'],
    ['1%', '1%', 10, 1, 0, 'ceil(0.1) = 1, floor(0.1) = 0'],
    ['0%', '1%', 10, 0, 1, 'floor(0.1) = 0 and surge 0: unavailable forced to 1'],
    [0, 0, 10, 0, 1, 'both 0: unavailable forced to 1 (validation forbids this in a Deployment)'],
    [undefined, undefined, 10, 0, 1, 'absent counts as 0; both 0 → 0/1'],
    [5, 3, 3, 5, 3, 'integers are taken as they are, not capped by replicas'],
    ['150%', '100%', 4, 6, 4, 'ceil(6) = 6, floor(4) = 4'],
    ['25%', '25%', 0, 0, 1, 'the raw function on 0 replicas gives 0/1 (vector RF-10)'],
    ['50%', 0, 7, 4, 0, 'ceil(3.5) = 4'],
    [0, '50%', 7, 0, 3, 'floor(3.5) = 3'],
  ];
  it.each(table)('maxSurge %j, maxUnavailable %j on %i → %i/%i (%s)', (surgeIn, unavailableIn, desired, surge, unavailable) => {
    expect(resolveFenceposts(surgeIn, unavailableIn, desired)).toEqual({ surge, unavailable });
  });

  it.each<[number | string, number | string]>([
    ['5', 1], // a string must end in % (a scaled intstr, not the deprecated reading of "5" as 5 %)
    [1, 'oops'],
    [1.5, 1],
  ])('gives no answer for maxSurge %j / maxUnavailable %j', (surgeIn, unavailableIn) => {
    expect(resolveFenceposts(surgeIn, unavailableIn, 10)).toBeUndefined();
  });
});

describe('MaxSurge / MaxUnavailable / MinAvailable of a Deployment (§2)', () => {
  // [replicas, maxSurge, maxUnavailable, MaxSurge, MaxUnavailable, MinAvailable]
  const table: Array<[number, number | string, number | string, number, number, number]> = [
    [10, '25%', '25%', 3, 2, 8], // 10 − 2
    [3, '25%', '25%', 1, 0, 3],
    [0, '25%', '25%', 0, 0, 0], // MaxUnavailable on 0 replicas is 0 (vector MU-11), not the raw 1
    [3, 5, 5, 5, 3, 0], // surge not capped; unavailable capped at replicas: min(5, 3) = 3
    [4, 0, 1, 0, 1, 3],
    [10, 0, 3, 0, 3, 7],
    [1, '1%', '1%', 1, 0, 1], // ceil(0.01) = 1, floor(0.01) = 0
  ];
  it.each(table)('replicas %i, %j/%j → surge %i, unavailable %i, min available %i', (replicas, s, u, surge, unavailable, min) => {
    const d = deployment({ replicas, maxSurge: s, maxUnavailable: u });
    expect(maxSurge(d)).toBe(surge);
    expect(maxUnavailable(d)).toBe(unavailable);
    expect(minAvailable(d)).toBe(min);
  });

  it('gives 0 surge and 0 unavailable for Recreate, so every replica must be available', () => {
    const d = deployment({ replicas: 10, strategy: 'Recreate' });
    expect(maxSurge(d)).toBe(0);
    expect(maxUnavailable(d)).toBe(0);
    expect(minAvailable(d)).toBe(10);
  });
});

describe('newRSNewReplicas (§5.2, vectors NR-*)', () => {
  function sizes(d: Deployment, oldSizes: readonly number[], newSize: number | undefined): number {
    const olds = oldSizes.map((n, i) => replicaSet(`old-${i}`, n, n));
    const newRS = newSize === undefined ? undefined : replicaSet('new', newSize, 0);
    const all: ReplicaSet[] = [...olds, ...(newRS === undefined ? [] : [newRS])];
    return newRSNewReplicas(d, all, newRS);
  }

  // [replicas, maxSurge, maxUnavailable, old RS sizes, new RS size, result, arithmetic]
  const table: Array<[number, number | string, number | string, number[], number | undefined, number, string]> = [
    [10, '25%', '25%', [10], undefined, 3, 'creation: current 10 < maxTotal 13 → 0 + min(3, 10) = 3'],
    [10, '25%', '25%', [8], 3, 5, 'current 11 → 3 + min(13 − 11, 10 − 3) = 5'],
    [10, '25%', '25%', [8], 5, 5, 'current 13 >= 13 → keep 5'],
    [10, '25%', '25%', [3], 5, 10, 'current 8 → 5 + min(5, 5) = 10'],
    [10, '25%', '25%', [4, 5, 0], 2, 4, 'every RS counts, zeros too: current 11 → 2 + min(2, 8) = 4'],
    [4, 0, 1, [4], 0, 0, 'zero surge: current 4 = maxTotal 4 → 0 (TR-03 creates the new RS empty)'],
    [4, 0, 1, [3], 0, 1, 'zero surge after one old pod went: 0 + min(1, 4) = 1'],
    [3, 5, 0, [3], 0, 3, 'a surge above replicas is capped by what the new RS still needs: min(5, 3) = 3'],
    [3, '25%', '25%', [3], 0, 1, 'PetClinic: surge ceil(0.75) = 1 → 0 + min(1, 3) = 1'],
    [1, '25%', '25%', [1], 0, 1, 'TR-05: surge 1 → 1'],
    [10, '25%', '25%', [12], 0, 1, 'current 12 < 13 → 0 + min(1, 10) = 1'],
    [10, '25%', '25%', [14], 0, 0, 'current 14 >= maxTotal 13 (e.g. right after a scale-down of spec.replicas) → keep 0'],
  ];
  it.each(table)('replicas %i, %j/%j, old %j, new %j → %i (%s)', (replicas, s, u, olds, newSize, result) => {
    expect(sizes(deployment({ replicas, maxSurge: s, maxUnavailable: u }), olds, newSize)).toBe(result);
  });

  it('is spec.replicas for Recreate', () => {
    expect(sizes(deployment({ replicas: 7, strategy: 'Recreate' }), [7], 0)).toBe(7);
  });
});
