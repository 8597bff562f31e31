/**
 * rolloutReports (src/report/rollouts.ts) against its plain reference
 * (plain-rollouts.ts, which scanned each series from the start for every
 * instant): on random Deployments — rollouts complete, rolled back, paused
 * or running at the end, pod and status series with repeated instants,
 * points before the first rollout and after the window, a deletion — both
 * give the same figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeploymentPodsPoint, DeploymentRecord } from '../../src/metrics/types.js';
import { rolloutReports } from '../../src/report/rollouts.js';
import { rolloutReports as plainRolloutReports } from './plain-rollouts.js';

/** Times that rise, sometimes repeating (several writes in one millisecond). */
const rising = (maxLength: number): fc.Arbitrary<number[]> => fc.array(fc.integer({ min: 0, max: 40 }), { maxLength }).map((steps) => {
  let t = 0;
  return steps.map((step) => (t += step % 5 === 0 ? 0 : step));
});

const podsPoint = (tMs: number): fc.Arbitrary<DeploymentPodsPoint> =>
  fc.record({ pods: fc.nat(6), podsIncludingTerminating: fc.nat(8), available: fc.nat(6) }).map((p) => ({ tMs, ...p }));
const podsSeries = rising(30).chain((times) => fc.tuple(...times.map(podsPoint)));

const deploymentRecord = fc.record({
  seriesTimes: rising(30),
  replicas: fc.array(fc.nat(6), { minLength: 30, maxLength: 30 }),
  rollouts: fc.array(fc.record({
    startMs: fc.nat(600), completeAfter: fc.option(fc.nat(300), { nil: undefined }), revision: fc.option(fc.nat(4), { nil: undefined }), rolledBack: fc.boolean(), paused: fc.boolean(),
  }), { maxLength: 4 }),
  deletedMs: fc.option(fc.nat(900), { nil: undefined }),
}).map(({ seriesTimes, replicas, rollouts, deletedMs }): DeploymentRecord => ({
  name: 'web', namespace: 'default', createdMs: 0, states: [],
  ...(deletedMs === undefined ? {} : { deletedMs }),
  series: seriesTimes.map((tMs, i) => ({ tMs, replicas: replicas[i] ?? 0, statusReplicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, minAvailable: 0 })),
  rollouts: [...rollouts].sort((a, b) => a.startMs - b.startMs).map((r) => ({
    startMs: r.startMs, strategy: 'RollingUpdate' as const, rolledBack: r.rolledBack, paused: r.paused,
    ...(r.completeAfter === undefined ? {} : { completeMs: r.startMs + r.completeAfter }),
    ...(r.revision === undefined ? {} : { revision: r.revision }),
  })),
}));

describe('rolloutReports = plain reference', () => {
  it('reports the same rollouts', () => {
    fc.assert(fc.property(deploymentRecord, podsSeries, fc.integer({ min: 0, max: 1000 }), (record, pods, endMs) => {
      expect(rolloutReports(record, pods, endMs)).toEqual(plainRolloutReports(record, pods, endMs));
    }), { numRuns: 2000 });
  });
});
