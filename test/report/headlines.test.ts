/**
 * Headlines that do not mislead: a scale-up is not lost capacity, a rollout
 * undone after its progress deadline keeps the deadline, request failures
 * are dated, and allocation means name their window.
 */
import { describe, expect, it } from 'vitest';
import { busyWindow } from '../../src/metrics/busy-window.js';
import type { DeploymentPoint } from '../../src/metrics/types.js';
import { floorEpisodes } from '../../src/report/text/floor-episodes.js';
import { reportAnswers } from '../../src/report/text/answers.js';
import type { Report } from '../../src/report/report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, runYaml } from '../helpers/scenario.js';

const point = (tMs: number, replicas: number, availableReplicas: number, minAvailable: number): DeploymentPoint =>
  ({ tMs, replicas, statusReplicas: replicas, updatedReplicas: replicas, readyReplicas: availableReplicas, availableReplicas, unavailableReplicas: replicas - availableReplicas, minAvailable });

describe('time under the maxUnavailable floor', () => {
  it('tells a scale-up from capacity lost', () => {
    // 1 → 3 replicas at 10 s: maxUnavailable 25 % of 3 rounds down to 0, floor 3; available 1, 2 (13 s), 3 (15 s).
    // Then a pod is lost at 60 s (3 → 2) and replaced at 70 s.
    const series = [point(0, 1, 1, 1), point(10_000, 3, 1, 3), point(13_000, 3, 2, 3), point(15_000, 3, 3, 3), point(60_000, 3, 2, 3), point(70_000, 3, 3, 3)];
    expect(floorEpisodes(series, 0, 100_000)).toEqual([
      { fromMs: 10_000, toMs: 15_000, fell: false, fromReplicas: 1, toReplicas: 3, allAvailableMs: 15_000 },
      { fromMs: 60_000, toMs: 70_000, fell: true, fromReplicas: 3, toReplicas: 3, allAvailableMs: 70_000 },
    ]);
  });

  it('counts only the final state of an instant', () => {
    // At 5 s two writes: available 0 then back to 1 in the same millisecond — never below the floor for any time.
    expect(floorEpisodes([point(0, 1, 1, 1), point(5_000, 1, 0, 1), point(5_000, 1, 1, 1)], 0, 10_000)).toEqual([]);
  });

  it('says "scale-up from 1 to 3" without the warning, and warns when replicas are lost', () => {
    const yaml = (extra: string) => `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: scale-up }
spec:
  seed: 1
  duration: 2m
  cluster:
    nodePools:
      - { name: worker, count: 2, capacity: { cpu: "4", memory: 8Gi } }
  timing:
    kubelet: { podStartup: 5s }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 1
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: web, image: "web:v1", resources: { requests: { cpu: 100m } } } ] }
  timeline:
    - { at: 30s, action: scale, deployment: web, replicas: 3 }
${extra}`;
    const scaled = runYaml(yaml('')).report;
    // report.json keeps the time below the floor as the Available condition counts it (floor 3 − 0 = 3 while 1 or 2 are available).
    const below = scaled.availability[0]?.timeBelowMinAvailableMs ?? 0;
    expect(below).toBeGreaterThanOrEqual(5_000);
    const answer = reportAnswers(scaled).find((a) => a.text.startsWith('Availability'));
    expect(answer?.text).toBe(`Availability of default/web never below 1/3 (floor 3); scale-up from 1 to 3: new pods available after ${below / 1000}s.`);
    expect(answer?.tone).toBe('ok');
    const lost = runYaml(yaml('    - { at: 1m, action: delete-pod, selector: { app: web }, count: 1, gracePeriodSeconds: 0 }')).report;
    const warned = reportAnswers(lost).find((a) => a.text.startsWith('Availability'));
    expect(warned?.tone).toBe('warn');
    expect(warned?.text).toMatch(/under the maxUnavailable floor \(3\) for [\d.]+s after available replicas fell; scale-up from 1 to 3: new pods available after [\d.]+s\.$/);
  });
});

describe('a rollout that hit its progress deadline', () => {
  // scenarios/stuck-rollout.yaml (progressDeadlineSeconds 60, web:v2 never Ready) undone at 4m.
  const undone = (() => {
    const scenario = loadScenario(repoScenario('stuck-rollout.yaml'));
    return runScenario({ ...scenario, durationMs: 360_000, timeline: [...scenario.timeline, { ...(scenario.timeline[0] as (typeof scenario.timeline)[number]), atMs: 240_000, action: 'rollout-undo', description: 'rollout undo deployment/web' }] }).report;
  });

  it('keeps deadlineExceededMs when it was then rolled back, and only on that rollout', () => {
    const report = undone();
    // Revision 2 starts at 1m; its last progress is at about 1m1s; 60 s later (strictly after) → 2m1s.
    expect(report.summary.rollouts.map((r) => [r.revision, r.outcome, r.deadlineExceededMs, r.rolledBackMs])).toEqual([
      [1, 'complete', null, null],
      [2, 'rolledBack', 121_000, 240_000],
      // The undo's own rollout starts while the old ProgressDeadlineExceeded condition is still on the object: not its deadline.
      [3, 'complete', null, null],
    ]);
    expect(reportAnswers(report)[0]?.text).toBe('Rollout of default/web to revision 2 started at 1m, hit its progress deadline at 2m1s, then rolled back at 4m.');
  });

  it('says when the deadline was hit when the rollout is left stuck', () => {
    const report = runScenario(loadScenario(repoScenario('stuck-rollout.yaml'))).report;
    expect(report.summary.rollouts[1]?.deadlineExceededMs).toBe(121_000);
    expect(reportAnswers(report)[0]?.text).toBe('Rollout of default/web to revision 2 started at 1m, hit its progress deadline at 2m1s and did not complete by the end (progressDeadlineExceeded).');
  });
});

describe('dated request failures', () => {
  const base = runScenario(loadScenario(repoScenario('quickstart.yaml'))).report;
  const withRequests = (errors: number[], firstReadyMs: number, causes: Record<string, number>): Report => ({
    ...base,
    recovery: [],
    timeline: [],
    services: [{ namespace: 'default', name: 'web', series: [{ tMs: 0, readyEndpoints: 0, notReadyEndpoints: 3 }, { tMs: firstReadyMs, readyEndpoints: 3, notReadyEndpoints: 0 }] }],
    requests: [{ service: 'default/web', total: 20_000, served: 20_000 - errors.reduce((a, b) => a + b, 0), failed: errors.reduce((a, b) => a + b, 0), failedByCause: causes, failedByDependency: {}, windowMs: 10_000, series: errors.map((e, i) => ({ tMs: i * 10_000, rps: 22, served: 220 - e, errors: e, p99: 10 })) }],
  }) as unknown as Report;
  const requestText = (r: Report) => reportAnswers(r).find((a) => a.text.includes('requests failed'))?.text;

  it('says all failures came in the first 10 s, before any pod was Ready', () => {
    // 43 of 20,000 = 0.215 % → "0.2%"; every one in window [0, 10 s), no endpoint Ready until 8 s.
    const errors = [43, ...Array.from({ length: 89 }, () => 0)];
    expect(requestText(withRequests(errors, 8_000, { noEndpoints: 43 }))).toBe('0.2% of requests failed (43 of 20,000), all 43 in the first 10s, before any pod was Ready.');
  });

  it('gives the span of the failures otherwise', () => {
    // Timeouts in the windows at 2m10s and 2m20s: all between 2m10s and 2m30s.
    const errors = Array.from({ length: 90 }, (_, i) => (i === 13 || i === 14 ? 10 : 0));
    expect(requestText(withRequests(errors, 8_000, { timeout: 20 }))).toBe('0.1% of requests failed (20 of 20,000), all 20 between 2m10s and 2m30s.');
  });
});

describe('allocation means name their window', () => {
  it('finds the window in which the cluster had work', () => {
    // GPU share 0.01 for 6 samples then 0.4, 0.8, 0.2 (peak 0.8, a quarter is 0.2): busy from sample 6 to the end (100 s).
    const series = [0, 10, 20, 30, 40, 50, 60, 70, 80].map((t, i) => ({ tMs: t * 1000, gpuShare: i < 6 ? 0.01 : [0.4, 0.8, 0.2][i - 6] as number, cpuShare: 0.1 }));
    const busy = busyWindow(series, 'gpuShare', 100_000, ['gpuShare', 'cpuShare']);
    expect(busy?.fromMs).toBe(60_000);
    expect(busy?.toMs).toBe(100_000);
    // (0.4 + 0.8 + 0.2) / 3 = 0.4667.
    expect(busy?.mean.gpuShare).toBeCloseTo(1.4 / 3, 10);
    expect(busyWindow(series.map((p) => ({ ...p, gpuShare: 0 })), 'gpuShare', 100_000, ['gpuShare'])).toBeNull();
  });

  it('states the whole run as the window when the cluster was busy throughout', () => {
    const quickstart = runScenario(loadScenario(repoScenario('quickstart.yaml'))).report;
    expect(reportAnswers(quickstart).at(-1)?.text).toMatch(/^Mean CPU allocation [\d.]+%, [\d.]+ nodes in use on average, fragmentation [\d.]+% over the whole run \(15m, time-weighted\)\.$/);
  });
});
