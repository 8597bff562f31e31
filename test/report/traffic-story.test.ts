/**
 * Blue-green and canary told as a story: the summary names the selector
 * switch and the share each version served, and report.html charts the
 * requests each version served (it was only in report.json).
 */
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/html/registry.js';
import { runChartContext } from '../../src/report/html/run-report.js';
import { reportAnswers } from '../../src/report/text/answers.js';
import { trafficAnswers } from '../../src/report/text/traffic-answers.js';
import type { Report } from '../../src/report/report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

// 300 requests/s from 30s; blue serves until the switch at 3m, green from then to 8m.
const blueGreen = runScenario(loadScenario(repoScenario('blue-green-traffic.yaml'))).report;

describe('blue-green traffic', () => {
  it('names the selector switch, the ready pods behind the new selector, and each version’s share', () => {
    // Blue: 30s..3m = 150 s, green: 3m..8m = 300 s → 150/450 = 33 % and 67 % (Poisson arrivals, whole percent).
    const answer = reportAnswers(blueGreen).find((a) => a.text.startsWith('Service default/web'));
    expect(answer).toEqual({
      // No request failed; both versions serve the same exponential 15 ms service time, so the same p99.
      text: 'Service default/web switched its selector from app=web,version=blue to app=web,version=green at 3m (6 ready pods behind it then); requests by version: blue 33% (no errors, p99 69 ms), green 67% (no errors, p99 69 ms).',
      tone: 'ok',
    });
  });

  it('warns when the new selector had no ready pod at the switch', () => {
    const early = { ...blueGreen, serviceSelectors: blueGreen.serviceSelectors.map((s) => ({ ...s, bySelector: s.bySelector.map((b) => (b.selector.endsWith('green') ? { ...b, series: [{ tMs: 180_000, readyPods: 0 }, { tMs: 200_000, readyPods: 6 }] } : b)) })) } as Report;
    expect(trafficAnswers(early)[0]?.tone).toBe('warn');
    expect(trafficAnswers(early)[0]?.text).toContain('at 3m (0 ready pods behind it then)');
  });

  it('charts the requests each version served, stacked, for the Service', () => {
    const chart = buildCharts(blueGreen, runChartContext(blueGreen)).find((c) => c.id === 'requests-by-version');
    const rows = (chart?.spec as unknown as { data: { values: Array<{ kind: string; key: string; version: string; requests: number; t: number }> } }).data.values.filter((r) => r.kind === 'series');
    expect([...new Set(rows.map((r) => r.key))]).toEqual(['default/web']);
    expect([...new Set(rows.map((r) => r.version))]).toEqual(['blue', 'green']);
    // Every 10 s window from 0 to 8m (48 windows) plus the end point, per version.
    expect(rows.filter((r) => r.version === 'green')).toHaveLength(49);
    // In the window starting at 4m only green serves: about 300/s × 10 s.
    const at4m = rows.filter((r) => r.t === 4);
    expect(at4m.find((r) => r.version === 'blue')?.requests).toBe(0);
    expect(at4m.find((r) => r.version === 'green')?.requests).toBeGreaterThan(2_500);
  });

  it('gives the share per version of a Service whose selector never changed (a rolling update of labelled pods)', () => {
    const rollout = runScenario(loadScenario(repoScenario('rollout-under-load.yaml'))).report;
    // The node failure's timeouts (to v2 pods on the failed node) count against v2.
    expect(trafficAnswers(rollout).map((a) => a.text)).toEqual([
      expect.stringMatching(/^Requests to default\/web by version: v1 \d+% \(no errors, p99 120 ms\), v2 \d+% \(1\.\d% errors, p99 120 ms\)\.$/),
      expect.stringMatching(/^Share of default\/web's requests by version between the timeline's actions: .*v1 100%; .*v2 100%\.$/),
    ]);
  });
});
