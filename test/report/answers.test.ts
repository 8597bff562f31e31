/** The answers on top of report.html and the terminal summary, on real runs. */
import { describe, expect, it } from 'vitest';
import { failureWindows, reportAnswers } from '../../src/report/text/answers.js';
import type { Report } from '../../src/report/report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

const quickstart = runScenario(loadScenario(repoScenario('quickstart.yaml'))).report;

describe('report answers', () => {
  it('states the quickstart rollout, its availability and the pods in words and numbers', () => {
    const texts = reportAnswers(quickstart).map((a) => a.text);
    expect(texts[0]).toMatch(/^Rollout of default\/web to revision 2 took \d+(\.\d+)?s \(from 2m\)\.$/);
    // 10 replicas, maxUnavailable 25 % → 2: the floor is 8 and the rollout never goes under it.
    expect(texts[1]).toBe('Availability of default/web never below 8/10 (floor 8).');
    // 10 v1 pods, 10 v2 pods and a replacement for each pod evicted from worker-2.
    const created = quickstart.summary.podsCreated;
    expect(created).toBeGreaterThanOrEqual(21);
    expect(texts[2]).toMatch(new RegExp(`^All ${created} pods scheduled; p99 scheduling latency 5ms, p99 start-up \\d`));
  });

  it('puts request failures in the node-failure window from the timeline', () => {
    // With recovery[]: from worker-2's failure at 4m until its workload had its Ready pods back.
    const recovered = quickstart.recovery.find((r) => r.node === 'worker-2')?.recoveredMs as number;
    expect(recovered).toBeGreaterThan(240_000);
    expect(failureWindows(quickstart)).toEqual([{ fromMs: 240_000, toMs: recovered }]);
    // Without it, from the timeline: worker-2 fails at 4m and recovers at 11m.
    expect(failureWindows({ ...quickstart, recovery: [] })).toEqual([{ fromMs: 240_000, toMs: 660_000, node: 'worker-2' }]);
    const series = (errorsAt: (i: number) => number) => Array.from({ length: 90 }, (_, i) => ({ tMs: i * 10_000, rps: 10, errors: errorsAt(i) }));
    const withRequests = (errorsAt: (i: number) => number, failed: number): Report =>
      ({ ...quickstart, requests: [{ service: 'web', total: 9000, failed: { timeout: failed }, failedByDependency: {}, series: series(errorsAt) }] }) as unknown as Report;
    // 36 errors at 4m10s..4m30s: 36 / 9000 = 0.4 %.
    expect(reportAnswers(withRequests((i) => (i >= 25 && i < 28 ? 12 : 0), 36)).find((a) => a.text.includes('requests'))?.text)
      .toBe('0.4% of requests failed (36 of 9,000), all during the node failure.');
    // Half of them at 1m: half during the failure.
    expect(reportAnswers(withRequests((i) => (i === 6 || i === 30 ? 18 : 0), 36)).find((a) => a.text.includes('requests'))?.text)
      .toBe('0.4% of requests failed (36 of 9,000), 50% of them during the node failure.');
  });

  it('sums up many Deployments in one sentence', () => {
    const many = { ...quickstart, summary: { ...quickstart.summary, rollouts: Array.from({ length: 6 }, (_, i) => ({ deployment: `default/d${i}`, revision: 2, startMs: 0, completeMs: (i + 1) * 1000, durationMs: (i + 1) * 1000 })) } } as unknown as Report;
    // Durations 1..6 s: median of six is the third, 3 s.
    expect(reportAnswers(many)[0]?.text).toBe('6 of 6 rollouts completed in 1s to 6s (median 3s; slowest default/d5).');
  });
});
