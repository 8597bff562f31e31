/**
 * Table tests for the Deployment arithmetic of k/k pkg/controller/deployment:
 * util/deployment_util.go, rolling.go, sync.go (scale, cleanupDeployment)
 * and progress.go.
 */
import { describe, expect, it } from 'vitest';
import { historyToDelete } from '../../src/controllers/deployment/cleanup.js';
import { cleanupUnhealthyReplicas, reconcileOldReplicaSets } from '../../src/controllers/deployment/rolling.js';
import { scale } from '../../src/controllers/deployment/scale.js';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut, stuckRequeueMs } from '../../src/controllers/deployment/status.js';
import { maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts } from '../../src/controllers/deployment/util.js';
import { slowStartBatchSizes } from '../../src/controllers/slow-start.js';
import { rsStore } from './helpers.js';
import { deployment } from '../helpers/builders.js';

describe('ResolveFenceposts (§2)', () => {
  it.each([
    // surge = ceil(p × n / 100), unavailable = floor(p × n / 100)
    ['25%', '25%', 10, 3, 2], // ceil 2.5 = 3, floor 2.5 = 2
    ['25%', '25%', 5, 2, 1], // ceil 1.25, floor 1.25
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 3, 1, 0], // floor 0.75 = 0
    ['25%', '25%', 1, 1, 0],
    ['39%', '39%', 10, 4, 3], // ceil 3.9, floor 3.9
    ['33%', '33%', 3, 1, 0], // ceil 0.99, floor 0.99
    ['10%', '10%', 15, 2, 1], // ceil 1.5, floor 1.5
    ['1%', '1%', 10, 1, 0], // ceil 0.1 = 1
    ['0%', '1%', 10, 0, 1], // both 0 → unavailable forced to 1
    [0, 0, 10, 0, 1],
    [5, 0, 3, 5, 0], // an integer surge is never capped by replicas
  ] as const)('maxSurge %s, maxUnavailable %s of %d → %d / %d', (surge, unavailable, desired, wantSurge, wantUnavailable) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual({ surge: wantSurge, unavailable: wantUnavailable });
  });

  it('refuses a string that is not a percentage', () => {
    expect(resolveFenceposts('5', 0, 10)).toBeUndefined();
  });

  it('MaxUnavailable is 0 for 0 replicas and for Recreate (RF-10, MU-11)', () => {
    expect(resolveFenceposts('25%', '25%', 0)).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(deployment({ replicas: 0 }))).toBe(0);
    expect(maxUnavailable(deployment({ replicas: 10, strategy: 'Recreate' }))).toBe(0);
    expect(maxSurge(deployment({ replicas: 10, strategy: 'Recreate' }))).toBe(0);
    expect(maxUnavailable(deployment({ replicas: 2, maxUnavailable: 5, maxSurge: 0 }))).toBe(2); // min(5, replicas)
  });
});

describe('NewRSNewReplicas (§5.2)', () => {
  it.each([
    // replicas, surge, [new, ...old] spec sizes → new size
    [10, '25%', [0, 10], 3], // maxTotal 13, current 10 → +min(3, 10)
    [10, '25%', [3, 8], 5], // current 11 → +min(2, 7)
    [10, '25%', [5, 8], 5], // current 13 = maxTotal → keep
    [10, '25%', [5, 3], 10], // current 8 → +min(5, 5)
    [3, 1, [0, 3], 1],
    [4, 0, [0, 4], 0], // zero surge: created with 0
    [10, '25%', [0, 5, 5], 3], // every ReplicaSet counts, old ones too
  ] as const)('%d replicas, surge %s, sizes %j → %d', (replicas, surge, sizes, want) => {
    const d = deployment({ replicas, maxSurge: surge, maxUnavailable: surge === 0 ? 1 : '25%' });
    const { rs } = rsStore(sizes.map((spec, i) => ({ name: `rs-${i}`, spec, createdMs: i })));
    const all = sizes.map((_, i) => rs(`rs-${i}`));
    expect(newRSNewReplicas(d, all, all[0])).toBe(want);
  });

  it('Recreate always asks for spec.replicas', () => {
    const { rs } = rsStore([{ name: 'new', spec: 0 }, { name: 'old', spec: 3 }]);
    expect(newRSNewReplicas(deployment({ replicas: 3, strategy: 'Recreate' }), [rs('new'), rs('old')], rs('new'))).toBe(3);
  });
});

describe('reconcileOldReplicaSets and cleanupUnhealthyReplicas (§5.3)', () => {
  it('RO-06: old 8 available 8, new 5 crash-looping → 13 − 8 − 5 = 0, nothing moves', () => {
    const { ctx, rs } = rsStore([{ name: 'old', spec: 8, available: 8, createdMs: 0 }, { name: 'new', spec: 5, available: 0, createdMs: 1 }]);
    const d = deployment({ replicas: 10 });
    expect(reconcileOldReplicaSets(ctx, [rs('old'), rs('new')], [rs('old')], rs('new'), d)).toBe(false);
    expect(rs('old').spec.replicas).toBe(8);
  });

  it('RO-08: after an undo the good RS is new (8, 7 available); 5 crash-looping old replicas: 13 − 8 − 1 = 4 removed as unhealthy', () => {
    const { ctx, rs } = rsStore([{ name: 'bad', spec: 5, available: 0, createdMs: 0 }, { name: 'good', spec: 8, available: 7, createdMs: 1 }]);
    const d = deployment({ replicas: 10 });
    expect(reconcileOldReplicaSets(ctx, [rs('bad'), rs('good')], [rs('bad')], rs('good'), d)).toBe(true);
    // cleanup takes 4 unhealthy; the scale-down step sees available 7 ≤ minAvailable 8 and stops.
    expect(rs('bad').spec.replicas).toBe(1);
  });

  it('cleanupUnhealthyReplicas walks oldest first and stops at the cap', () => {
    const { ctx, rs } = rsStore([
      { name: 'a', spec: 3, available: 1, createdMs: 0 },
      { name: 'b', spec: 4, available: 0, createdMs: 1 },
    ]);
    const result = cleanupUnhealthyReplicas(ctx, [rs('b'), rs('a')], deployment({ replicas: 10 }), 3);
    expect(result.scaledDown).toBe(3); // a gives 2 (3 − 1), b gives 1 (cap)
    expect(rs('a').spec.replicas).toBe(1);
    expect(rs('b').spec.replicas).toBe(3);
  });

  it('scale-down uses statuses from the start of the sync: TR-01 sync 3 removes 13 − 8 = 5 from v1', () => {
    const { ctx, rs } = rsStore([{ name: 'v1', spec: 8, available: 8, createdMs: 0 }, { name: 'v2', spec: 5, available: 5, createdMs: 1 }]);
    expect(reconcileOldReplicaSets(ctx, [rs('v1'), rs('v2')], [rs('v1')], rs('v2'), deployment({ replicas: 10 }))).toBe(true);
    expect(rs('v1').spec.replicas).toBe(3);
  });
});

describe('proportional scaling (§7)', () => {
  it('TR-09 / PS-18: 10 → 20 with new 5, old 3 sized against 13 gives new 19, old 6', () => {
    const stamped = { 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13' };
    const { ctx, rs } = rsStore([
      { name: 'v1', spec: 3, createdMs: 0, annotations: stamped },
      { name: 'v2', spec: 5, createdMs: 1, annotations: stamped },
    ]);
    // allowed 20 + 5 = 25, toAdd 17; v2: round(5 × 25 / 13) − 5 = 5, v1: round(3 × 25 / 13) − 3 = 3; leftover 9 → v2.
    scale(ctx, deployment({ replicas: 20 }), rs('v2'), [rs('v1')]);
    expect(rs('v2').spec.replicas).toBe(19);
    expect(rs('v1').spec.replicas).toBe(6);
    expect(rs('v1').metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('25');
  });

  it('scaling down takes from the largest, ties oldest first: 20 → 10 from new 12 / old 13 sized against 25', () => {
    const stamped = { 'deployment.kubernetes.io/desired-replicas': '20', 'deployment.kubernetes.io/max-replicas': '25' };
    const { ctx, rs } = rsStore([
      { name: 'old', spec: 13, createdMs: 0, annotations: stamped },
      { name: 'new', spec: 12, createdMs: 1, annotations: stamped },
    ]);
    // allowed 10 + 3 = 13, toAdd −12; old: round(13 × 13 / 25) − 13 = −6, new: round(12 × 13 / 25) − 12 = −6.
    scale(ctx, deployment({ replicas: 10 }), rs('new'), [rs('old')]);
    expect(rs('old').spec.replicas).toBe(7);
    expect(rs('new').spec.replicas).toBe(6);
  });

  it('a single active ReplicaSet simply takes spec.replicas', () => {
    const { ctx, rs } = rsStore([{ name: 'only', spec: 4 }, { name: 'idle', spec: 0, createdMs: 1 }]);
    scale(ctx, deployment({ replicas: 7 }), rs('only'), [rs('idle')]);
    expect(rs('only').spec.replicas).toBe(7);
  });
});

describe('slow start (§13.2)', () => {
  it.each([
    [10, [1, 2, 4, 3]],
    [500, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
    [1, [1]],
    [0, []],
  ] as const)('%d creates go in batches %j', (count, batches) => {
    expect(slowStartBatchSizes(count)).toEqual(batches);
  });
});

describe('DeploymentComplete / Progressing / TimedOut and the stuck requeue (§11)', () => {
  const d = deployment({ replicas: 3 });
  it('complete needs updated = replicas = available = spec and the generation observed', () => {
    expect(deploymentComplete(d, { updatedReplicas: 3, replicas: 3, availableReplicas: 3, observedGeneration: 1 })).toBe(true);
    expect(deploymentComplete(d, { updatedReplicas: 3, replicas: 4, availableReplicas: 3, observedGeneration: 1 })).toBe(false);
    expect(deploymentComplete(d, { updatedReplicas: 3, replicas: 3, availableReplicas: 3, observedGeneration: 0 })).toBe(false);
  });

  it('progress is more updated, fewer old, more ready or more available than stored', () => {
    const stored = { ...d, status: { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 } };
    expect(deploymentProgressing(stored, { replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(stored, { replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(true); // old 3 → 2
    expect(deploymentProgressing(stored, { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(false);
  });

  it('times out strictly after lastUpdateTime + progressDeadlineSeconds, and requeues at deadline + 1 s', () => {
    const status = { conditions: [{ type: 'Progressing' as const, status: 'True' as const, reason: 'ReplicaSetUpdated', lastUpdateTime: 1_000 }] };
    const stored = { ...d, status };
    expect(deploymentTimedOut(stored, status, 601_000)).toBe(false); // 1 s + 600 s is not before 601 s
    expect(deploymentTimedOut(stored, status, 601_001)).toBe(true);
    expect(stuckRequeueMs(stored, { replicas: 4, updatedReplicas: 1, availableReplicas: 3 }, 11_000)).toBe(591_000); // 590 s left + 1 s
    expect(stuckRequeueMs(stored, { replicas: 4, updatedReplicas: 1, availableReplicas: 3 }, 600_500)).toBe(0); // under a second: at once
  });
});

describe('revision history cleanup (§12)', () => {
  it('deletes only among the oldest `count − limit` by revision, skipping (not replacing) one still running', () => {
    const { rs } = rsStore([
      { name: 'r1', spec: 0, replicas: 0, revision: 1 },
      { name: 'r2', spec: 1, replicas: 1, revision: 2 },
      { name: 'r3', spec: 0, replicas: 0, revision: 3 },
      { name: 'r4', spec: 0, replicas: 0, revision: 4 },
    ]);
    const d = deployment({ replicas: 3, revisionHistoryLimit: 2 });
    // 4 old − limit 2 = 2 candidates: r1 (deleted) and r2 (running, skipped); r3 is not considered.
    expect(historyToDelete([rs('r4'), rs('r3'), rs('r2'), rs('r1')], d).map((r) => r.metadata.name)).toEqual(['r1']);
  });
});
