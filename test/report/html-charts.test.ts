/**
 * report.html's chart specs: every chart the registry builds for real runs
 * compiles with vega-lite, absent sections are skipped, an unknown section
 * with a series gets generic charts, and the page inlines its libraries.
 */
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { buildCharts } from '../../src/report/html/registry.js';
import { genericTables } from '../../src/report/html/generic-tables.js';
import { renderRunHtml, runChartContext } from '../../src/report/html/run-report.js';
import { cdfPoints } from '../../src/metrics/cdf.js';
import { alignSteps, meanOver, pointsPerSeries, thinSteps } from '../../src/report/html/series-rows.js';
import { bucketMeans } from '../../src/report/html/charts/node-heatmap.js';
import { timeAxisFor } from '../../src/report/html/time-axis.js';
import type { Report } from '../../src/report/report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

const quickstart = runScenario(loadScenario(repoScenario('quickstart.yaml'))).report;

describe('chart registry', () => {
  it('builds the core charts for the quickstart and every one compiles with vega-lite', () => {
    const charts = buildCharts(quickstart, runChartContext(quickstart));
    expect(charts.map((c) => c.id)).toEqual(['replicas', 'availability', 'pods-pending', 'allocation-shares', 'allocation-nodes-used', 'node-allocation', 'latency-cdf']);
    for (const chart of charts) {
      const compiled = compile(chart.spec);
      expect(compiled.spec.marks?.length ?? 0, chart.id).toBeGreaterThan(0);
    }
  });

  it('skips absent sections instead of failing', () => {
    const { allocation: _allocation, startupPhases: _phases, ...withoutOptional } = quickstart;
    const noPods = { latencyCdf: { schedulingMs: [], startupMs: [] }, pendingPods: { bucketMs: 1000, series: [] } };
    const empty = { ...withoutOptional, ...noPods, deployments: [], replicaSets: [], nodes: [], requests: [], services: [], hpa: [], recovery: [] } as unknown as Report;
    expect(buildCharts(empty, runChartContext(empty))).toEqual([]);
  });

  it('charts an unknown section with a series without new code, one chart per numeric field', () => {
    const hpa = [{ name: 'web', namespace: 'default', series: [{ tMs: 0, currentReplicas: 2, desiredReplicas: 4 }, { tMs: 60_000, currentReplicas: 4, desiredReplicas: 4 }] }];
    const report = { ...quickstart, hpa } as unknown as Report;
    const charts = buildCharts(report, runChartContext(report)).filter((c) => c.id.startsWith('hpa-'));
    expect(charts.map((c) => c.title)).toEqual(['hpa: currentReplicas', 'hpa: desiredReplicas']);
    expect(charts.map((c) => c.caption)).toEqual(['default/web', 'default/web']);
    for (const chart of charts) expect(() => compile(chart.spec)).not.toThrow();
  });

  it('lists an unknown flat section as a table of its scalar fields', () => {
    const disruptions = [{ node: 'worker-2', failedMs: 240_000, notReadyMs: 290_000, lost: { podSeconds: 1200.5 }, pods: ['a'] }];
    expect(genericTables({ ...quickstart, disruptions })).toEqual([
      { title: 'disruptions', header: ['node', 'failedMs', 'notReadyMs', 'lost.podSeconds'], rows: [['worker-2', '240000', '290000', '1200.5']] },
    ]);
  });

  it('draws request rate, errors and p99 first for a requests section', () => {
    const requests = [{ service: 'web', total: 1000, served: 996, failed: { refused: 4 }, series: [{ tMs: 0, p99Ms: 20, errors: 0, rps: 50 }, { tMs: 10_000, p99Ms: 35, errors: 4, rps: 50 }] }];
    const report = { ...quickstart, requests } as unknown as Report;
    const ids = buildCharts(report, runChartContext(report)).filter((c) => c.id.startsWith('requests-')).map((c) => c.id);
    expect(ids).toEqual(['requests-rps', 'requests-errors', 'requests-p99ms']);
  });

  it('inlines vega and vega-lite and references nothing on the network', () => {
    const html = renderRunHtml(quickstart);
    expect(html).toContain('vegaLite');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
  });
});

describe('series helpers', () => {
  it('aligns step series on the union of their change times', () => {
    // a: 2 from 0, 0 from 30; b: 0 until 10, then 3 → at 0, 10, 30, 40(end).
    const { times, values } = alignSteps([[{ tMs: 0, value: 2 }, { tMs: 30, value: 0 }], [{ tMs: 10, value: 3 }]], 40);
    expect(times).toEqual([0, 10, 30, 40]);
    expect(values).toEqual([[2, 2, 0, 0], [0, 3, 3, 3]]);
  });

  it('thins a CDF but keeps its last point', () => {
    const points = cdfPoints(Array.from({ length: 1000 }, (_, i) => 1000 - i), 100);
    expect(points.length).toBe(101);
    expect(points[0]).toEqual({ value: 1, share: 0.001 });
    expect(points.at(-1)).toEqual({ value: 1000, share: 1 });
  });

  it('takes time-weighted means of a step series', () => {
    // 0 on [0,10), 4 on [10,20), 1 from 20: over [0,40) → (0·10 + 4·10 + 1·20)/40 = 1.5.
    expect(meanOver([{ tMs: 0, value: 0 }, { tMs: 10, value: 4 }, { tMs: 20, value: 1 }], 0, 40)).toBe(1.5);
  });

  it('buckets node shares by time weight', () => {
    // cpu 1 on [0,25), 0 after; two buckets of 50 → 0.5 and 0.
    expect(bucketMeans([{ tMs: 0, cpu: 1, memory: 0.5 }, { tMs: 25, cpu: 0, memory: 0.5 }], 100, 2)).toEqual([{ cpu: 0.5, memory: 0.5 }, { cpu: 0, memory: 0.5 }]);
  });

  it('keeps distinct milliseconds distinct on every time scale', () => {
    for (const duration of [60_000, 86_400_000, 40 * 86_400_000]) {
      const axis = timeAxisFor(duration);
      expect(axis.toUnit(120_001)).not.toBe(axis.toUnit(120_002));
    }
  });
});

describe('thinning step series for charts', () => {
  it('keeps short series whole and draws long ones through each slice’s lowest and last point', () => {
    const short = [{ tMs: 0, v: 3 }, { tMs: 10, v: 1 }];
    expect(thinSteps(short, 100, 4, (p) => p.v)).toEqual(short);
    // 8 points over [0, 100) with room for 4: 2 slices of 50 ms.
    // Slice 0 (0..49): 5, 2, 4, 6 → lowest 2 (t=10), last 6 (t=30). Slice 1: 7, 1, 3, 8 → lowest 1 (t=60), last 8 (t=90).
    const long = [[0, 5], [10, 2], [20, 4], [30, 6], [50, 7], [60, 1], [70, 3], [90, 8]].map(([tMs, v]) => ({ tMs: tMs as number, v: v as number }));
    expect(thinSteps(long, 100, 4, (p) => p.v)).toEqual([{ tMs: 10, v: 2 }, { tMs: 30, v: 6 }, { tMs: 60, v: 1 }, { tMs: 90, v: 8 }]);
  });

  it('splits the page’s point budget between the series, with a floor of 20 each', () => {
    // 20,000 points: 10 series → 2,000 each; 3,000 series → 6, raised to 20.
    expect(pointsPerSeries(10)).toBe(2_000);
    expect(pointsPerSeries(3_000)).toBe(20);
  });
});
