/**
 * End to end: scenarios/petclinic-rollout.yaml, the course's real manifests.
 * 3 replicas with the 25 % defaults resolve to maxSurge ceil(0.75) = 1 and
 * maxUnavailable floor(0.75) = 0 (k/k deployment_util.go ResolveFenceposts),
 * so the rollout
 * replaces one pod at a time, each waiting 2 s to start and then
 * minReadySeconds 10 s to count as available: 3 × (2 s + 10 s) = 36 s.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runObserved } from '../helpers/observe.js';
import { repoScenario } from '../helpers/scenario.js';

const APPLY_MS = 60_000; // at: 1m

describe('petclinic-rollout', () => {
  const { report, samples, store } = runObserved(loadScenario(repoScenario('petclinic-rollout.yaml')));

  it('rolls out 1.0.0 → 1.0.1 in exactly 36 s', () => {
    const rollout = report.summary.rollouts.find((r) => r.revision === 2);
    expect(rollout).toMatchObject({ deployment: 'default/petclinic', startMs: APPLY_MS, durationMs: 36_000 }); // 3 × (2 s + 10 s)
    // the first rollout (from nothing) is one wave: 2 s start-up + 10 s minReadySeconds
    expect(report.summary.rollouts.find((r) => r.revision === 1)?.durationMs).toBe(12_000);
    const images = store.list('Pod').map((p) => p.spec.containers[0]?.image);
    expect(images).toEqual(Array(3).fill('spring2go/spring-petclinic:1.0.1.RELEASE'));
  });

  it('never drops below 3 available replicas and never exceeds 3 + 1 pods once the upgrade starts', () => {
    const after = samples.filter((s) => s.tMs >= APPLY_MS);
    expect(Math.min(...after.map((s) => s.availableReplicas))).toBe(3); // maxUnavailable 0
    expect(Math.max(...after.map((s) => s.nonTerminatingPods))).toBe(4); // maxSurge 1
    expect(report.availability[0]).toMatchObject({ name: 'petclinic', lowestAvailable: 3, timeBelowMinAvailableMs: 0, timeBelowDesiredMs: 0 });
  });

  it('keeps the Service from the included manifest', () => {
    expect(store.get('Service', 'petclinic', 'default')?.spec).toMatchObject({ type: 'NodePort' });
  });
});
