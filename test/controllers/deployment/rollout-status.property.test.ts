/**
 * Property: the status a Deployment sync writes, built without copying what
 * does not change (src/controllers/deployment/status.ts), equals the one
 * built step by step on copies (plainRolloutStatus in plain-deployment.ts),
 * for any ReplicaSets, new ReplicaSet, stored status and progress deadline,
 * and again in the next sync (same instant and 700 s later) once that status
 * is stored; when nothing changes it is the stored status field for field,
 * with the stored conditions list itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../../../src/api/json-equal.js';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../../src/api/types/apps.js';
import type { DeploymentCondition } from '../../../src/controllers/deployment/conditions.js';
import { rolloutStatus } from '../../../src/controllers/deployment/status.js';
import { plainRolloutStatus } from './plain-deployment.js';

const SEED = Number(process.env.FC_SEED ?? 16_018);
const RUNS = Number(process.env.FC_RUNS ?? 300);
const NOW_MS = 1_000_000;
const MAX_INT32 = 2_147_483_647;

const count = fc.nat(6);

const replicaFailure = fc.record({
  type: fc.constant('ReplicaFailure' as const),
  status: fc.constantFrom('True' as const, 'False' as const),
  reason: fc.constantFrom('FailedCreate', 'FailedDelete'),
  message: fc.constantFrom('quota exceeded', 'forbidden'),
  lastTransitionTime: fc.integer({ min: 0, max: NOW_MS }),
});

const replicaSet = (i: number): fc.Arbitrary<ReplicaSet> =>
  fc.record({ spec: count, replicas: count, ready: count, available: count, terminating: fc.option(count, { nil: undefined }), failure: fc.option(replicaFailure, { nil: undefined }) }).map(
    (r) =>
      ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `web-${i}`, namespace: 'default', uid: `rs-${i}`, creationTimestamp: i },
        spec: { replicas: r.spec, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } },
        status: {
          replicas: r.replicas,
          readyReplicas: r.ready,
          availableReplicas: r.available,
          ...(r.terminating === undefined ? {} : { terminatingReplicas: r.terminating }),
          ...(r.failure === undefined ? {} : { conditions: [r.failure] }),
        },
      }) as unknown as ReplicaSet,
  );

const condition: fc.Arbitrary<DeploymentCondition> = fc.oneof(
  fc.record({
    type: fc.constant('Available' as const),
    status: fc.constantFrom('True' as const, 'False' as const),
    reason: fc.constantFrom('MinimumReplicasAvailable', 'MinimumReplicasUnavailable'),
    message: fc.constant('Deployment has minimum availability.'),
    lastUpdateTime: fc.integer({ min: 0, max: NOW_MS }),
    lastTransitionTime: fc.integer({ min: 0, max: NOW_MS }),
  }),
  fc.record({
    type: fc.constant('Progressing' as const),
    status: fc.constantFrom('True' as const, 'False' as const, 'Unknown' as const),
    reason: fc.constantFrom('NewReplicaSetAvailable', 'ReplicaSetUpdated', 'ProgressDeadlineExceeded', 'NewReplicaSetCreated', 'DeploymentPaused'),
    message: fc.constant('ReplicaSet "web-1" is progressing.'),
    lastUpdateTime: fc.integer({ min: 0, max: NOW_MS }),
    lastTransitionTime: fc.integer({ min: 0, max: NOW_MS }),
  }),
  replicaFailure.map((c) => ({ ...c, lastUpdateTime: c.lastTransitionTime })),
);

const storedStatus: fc.Arbitrary<DeploymentStatus | undefined> = fc.option(
  fc.record(
    {
      observedGeneration: fc.nat(3),
      replicas: count,
      updatedReplicas: count,
      readyReplicas: count,
      availableReplicas: count,
      unavailableReplicas: count,
      terminatingReplicas: count,
      collisionCount: fc.nat(2),
      conditions: fc.uniqueArray(condition, { selector: (c) => c.type, maxLength: 3 }),
    },
    { requiredKeys: ['conditions'] },
  ),
  { nil: undefined },
);

function deployment(replicas: number, maxUnavailable: number | string, deadline: number | undefined, generation: number, status: DeploymentStatus | undefined): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', creationTimestamp: 0, generation },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable } },
      ...(deadline === undefined ? {} : { progressDeadlineSeconds: deadline }),
    },
    ...(status === undefined ? {} : { status }),
  } as unknown as Deployment;
}

describe('Deployment rollout status', () => {
  it('equals the status built step by step on copies, and keeps the stored conditions when nothing changes', () => {
    fc.assert(
      fc.property(
        fc.tuple(replicaSet(0), replicaSet(1), replicaSet(2)),
        fc.nat(3),
        fc.integer({ min: -1, max: 2 }),
        count,
        fc.constantFrom<number | string>(0, 1, '25%'),
        fc.constantFrom(undefined, 600, 5, MAX_INT32),
        fc.integer({ min: 1, max: 3 }),
        storedStatus,
        (rss, rsCount, newIndex, replicas, maxUnavailable, deadline, generation, status) => {
          const allRSs = rss.slice(0, rsCount);
          const newRS = newIndex < 0 ? undefined : allRSs[newIndex];
          const d = deployment(replicas, maxUnavailable, deadline, generation, status);
          const fast = rolloutStatus(allRSs, newRS, d, NOW_MS);
          expect(fast).toEqual(plainRolloutStatus(allRSs, newRS, d, NOW_MS));
          // The next sync, with that status stored and nothing else changed, and a later one.
          const written = deployment(replicas, maxUnavailable, deadline, generation, fast);
          for (const nowMs of [NOW_MS, NOW_MS + 700_000]) {
            const next = rolloutStatus(allRSs, newRS, written, nowMs);
            expect(next).toEqual(plainRolloutStatus(allRSs, newRS, written, nowMs));
            if (jsonEqual(fast, next)) expect(next.conditions).toBe(fast.conditions);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
