/**
 * Trace TR-01 (a hand simulation of k/k pkg/controller/deployment/rolling.go
 * rolloutRolling; the steps are in test/workloads/traces.test.ts) through
 * the real scheduler, ReplicaSet and Deployment controllers and kubelets:
 * 10 replicas, default 25 %/25 %
 * (surge 3, maxUnavailable 2, minAvailable 8), every pod starting in exactly
 * 2 s. With a constant start-up all pods of a step become available together,
 * so the controller takes exactly the five syncs of the hand trace.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/report.js';
import { runObserved } from '../../helpers/observe.js';
import { maxNonTerminatingPods } from '../../helpers/report.js';
import { scenarioFromYaml } from '../../helpers/scenario.js';

const SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: tr-01 }
spec:
  seed: 1
  duration: 3m
  cluster:
    nodePools:
      - { name: worker, count: 4, capacity: { cpu: "8", memory: 32Gi } }
  timing:
    kubelet: { podStartup: 2s }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 10
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - { name: web, image: web:v1, resources: { requests: { cpu: 100m, memory: 128Mi } } }
  timeline:
    - { at: 1m, action: set-image, deployment: web, container: web, image: web:v2 }
`;

describe('TR-01 through the real controllers', () => {
  const { report, pods, events, samples } = runObserved(scenarioFromYaml(SCENARIO));
  const rolloutStartMs = 60_000;

  it('takes the five syncs of the hand trace: v2 0→3, v1 10→8, v2 3→5, v1 8→3, v2 5→10, v1 3→0', () => {
    const scaling = events
      .filter((e) => e.reason === 'ScalingReplicaSet' && e.tMs >= rolloutStartMs)
      .map((e) => e.message.replace(/web-[a-z0-9]+/, (rs) => (rs === oldRS(report) ? 'v1' : 'v2')));
    expect(scaling).toEqual([
      'Scaled up replica set v2 from 0 to 3', // sync 1: NewRSNewReplicas = min(13 − 10, 10) = 3 ...
      'Scaled down replica set v1 from 10 to 8', // ... and 13 − 8 − 3 = 2 removed in the same sync
      'Scaled up replica set v2 from 3 to 5', // sync 2: current 11 → +2
      'Scaled down replica set v1 from 8 to 3', // sync 3: available 13 − 8 = 5
      'Scaled up replica set v2 from 5 to 10', // sync 4: current 8 → +5
      'Scaled down replica set v1 from 3 to 0', // sync 5
    ]);
  });

  it('keeps the ReplicaSets\' spec.replicas at most 13 after every write, the bound upstream enforces', () => {
    // NewRSNewReplicas caps the sum of spec.replicas (GetReplicaCountForReplicaSets),
    // not the pods: 10 + surge 3.
    expect(Math.max(...samples.map((s) => s.replicaSetSpecReplicas))).toBe(13);
  });

  it('never has more than 13 pods that are not terminating, and reaches 13', () => {
    // Upstream does not bound pods directly: the old ReplicaSet's scale-down is
    // written before the new one's next scale-up, and the ReplicaSet
    // controller syncs its keys in the order they were queued, so the old
    // pods are deleted before the new ones beyond 13 − 2 are created.

    // after every store write
    expect(Math.max(...samples.map((s) => s.nonTerminatingPods))).toBe(13); // 10 + surge 3
    // and as report.json's pod records tell it
    expect(maxNonTerminatingPods(pods, rolloutStartMs, report.scenario.durationMs)).toBe(13);
  });

  it('never has fewer than 8 available replicas in the Deployment status after the rollout starts, and dips to exactly 8', () => {
    const during = samples.filter((s) => s.tMs >= rolloutStartMs);
    expect(Math.min(...during.map((s) => s.availableReplicas))).toBe(8); // 10 − maxUnavailable 2
    const series = report.deployments[0]?.series.filter((p) => p.tMs >= rolloutStartMs) ?? [];
    expect(series.map((p) => p.availableReplicas)).toEqual([8, 8, 10]); // at 60 s, 62 s, 64 s
    expect(series.every((p) => p.minAvailable === 8)).toBe(true);
  });

  it('completes: revision 2 with every replica on web:v2, two start-ups after it began', () => {
    const rollout = report.summary.rollouts.find((r) => r.revision === 2);
    expect(rollout?.startMs).toBe(rolloutStartMs);
    // Two waves of 2 s start-ups (3+2 pods, then 5 pods); watch delays are 0
    // and syncs cost nothing, so the rollout takes 4 s plus a few events at
    // the same millisecond at most.
    expect(rollout?.durationMs).toBe(4_000);
    const last = report.deployments[0]?.series.at(-1);
    expect(last).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10, unavailableReplicas: 0 });
    const v1 = report.replicaSets.find((rs) => rs.revision === 1);
    const v2 = report.replicaSets.find((rs) => rs.revision === 2);
    expect(v1?.series.at(-1)).toMatchObject({ specReplicas: 0, replicas: 0 });
    expect(v2?.series.at(-1)).toMatchObject({ specReplicas: 10, replicas: 10, availableReplicas: 10 });
  });
});

function oldRS(report: Report): string | undefined {
  return report.replicaSets.find((rs) => rs.revision === 1)?.name;
}
