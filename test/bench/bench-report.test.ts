/**
 * The bench comparison cannot mislead: a profile that leaves more pods
 * never scheduled is not "better" (unless the bench waives it with
 * ignoreMetrics), censored values mark the mean as a lower bound, and the
 * table prints differences of shares in percentage points at a precision
 * that never turns a non-zero difference into 0.
 */
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { loadBench } from '../../src/bench/bench-spec.js';
import { buildBenchReport } from '../../src/bench/bench-report.js';
import type { PortableBench } from '../../src/bench/bench-spec.js';
import type { CellResult } from '../../src/bench/cell.js';
import { benchDifferenceChart, benchMetricChart, paddedDomain, renderBenchHtml } from '../../src/report/html/bench-report.js';
import { benchTables } from '../../src/report/text/bench-table.js';
import { formatEstimate } from '../../src/report/text/format-metric.js';
import { tempFiles } from '../helpers/scenario.js';

const bench = (extra: Partial<PortableBench> = {}): PortableBench => ({
  name: 'b', seed: 1, seeds: 3, baseline: 'default',
  scenarios: [{ file: 's.yaml', name: 's' }],
  profiles: [{ name: 'default' }, { name: 'pack' }],
  metrics: ['nodesUsed', 'fragmentation', 'schedulingP99Ms', 'podsNeverScheduled'],
  ...extra,
});

type Metrics = Record<string, number | null>;
function cells(rows: ReadonlyArray<readonly [string, number, Metrics, string[]?]>): CellResult[] {
  return rows.map(([profile, seedIndex, metrics, lowerBounds], index) => ({
    index, scenario: 's.yaml', profile, seedIndex, seed: seedIndex, reportSha256: '', metrics,
    ...(lowerBounds === undefined ? {} : { lowerBounds }),
  }));
}

// The example in small: pack uses fewer nodes on every seed (a clear "better" on its own)
// but leaves 3, 4 and 5 pods never scheduled where the default profile leaves none.
const packLeavesPods = cells([
  ['default', 0, { nodesUsed: 10, fragmentation: 0.2, schedulingP99Ms: 50, podsNeverScheduled: 0 }],
  ['default', 1, { nodesUsed: 11, fragmentation: 0.21, schedulingP99Ms: 60, podsNeverScheduled: 0 }],
  ['default', 2, { nodesUsed: 12, fragmentation: 0.22, schedulingP99Ms: 55, podsNeverScheduled: 0 }],
  ['pack', 0, { nodesUsed: 8, fragmentation: 0.1, schedulingP99Ms: 300_000, podsNeverScheduled: 3 }, ['schedulingP99Ms']],
  ['pack', 1, { nodesUsed: 9, fragmentation: 0.11, schedulingP99Ms: 310_000, podsNeverScheduled: 4 }, ['schedulingP99Ms']],
  ['pack', 2, { nodesUsed: 10, fragmentation: 0.12, schedulingP99Ms: 320_000, podsNeverScheduled: 5 }, ['schedulingP99Ms']],
]);

describe('a profile that leaves more pods never scheduled', () => {
  const pack = (r = buildBenchReport(bench(), packLeavesPods, 6)) => r.results.find((x) => x.profile === 'pack')?.metrics;

  it('is not "better" on nodes or fragmentation: those verdicts become inconclusive, with the reason', () => {
    const m = pack();
    // nodes: diffs −2, −2, −2 → interval [−2, −2] excludes 0; alone it would say better
    expect(m?.nodesUsed?.vsBaseline?.verdict).toBe('inconclusive');
    // mean paired difference (3 + 4 + 5) / 3 = 4
    expect(m?.nodesUsed?.vsBaseline?.reason).toBe('4 more pods never scheduled than the baseline');
    expect(m?.fragmentation?.vsBaseline?.verdict).toBe('inconclusive');
    // and it is worse on the never-scheduled count itself (diffs 3, 4, 5: [1.52, 6.48])
    expect(m?.podsNeverScheduled?.vsBaseline?.verdict).toBe('worse');
  });

  it('is still "worse" where it is worse: its censored p99 is only a lower bound and already higher', () => {
    const m = pack();
    expect(m?.schedulingP99Ms?.lowerBoundSeeds).toBe(3);
    expect(m?.schedulingP99Ms?.vsBaseline?.verdict).toBe('worse');
  });

  it('can be called better when the bench names podsNeverScheduled in ignoreMetrics', () => {
    const m = pack(buildBenchReport(bench({ ignoreMetrics: ['podsNeverScheduled'] }), packLeavesPods, 6));
    expect(m?.nodesUsed?.vsBaseline?.verdict).toBe('better');
    expect(m?.nodesUsed?.vsBaseline?.reason).toBeUndefined();
  });

  it('is judged even when the bench does not list podsNeverScheduled (cells always measure it)', () => {
    const m = pack(buildBenchReport(bench({ metrics: ['nodesUsed'] }), packLeavesPods, 6));
    expect(m?.nodesUsed?.vsBaseline?.verdict).toBe('inconclusive');
  });

  it('says so in the table, with "> " on a censored mean and differences of shares in pp', () => {
    const [table] = benchTables(buildBenchReport(bench(), packLeavesPods, 6));
    const row = (metric: string, profile: string) => table?.rows.find((r) => r[0] === metric && r[1] === profile)?.map((c) => (typeof c === 'string' ? c : c.text));
    expect(table?.header).toEqual(['Metric', 'profile', 'mean', '95% CI', 'Δ vs default', '95% CI of Δ', 'effect size d', 'verdict']);
    // fragmentation: pack − default = −0.10 on every seed → −10.0 pp [−10.0, −10.0]
    expect(row('fragmentation', 'pack')).toEqual(['fragmentation', 'pack', '11.0%', '[8.5%, 13.5%]', '-10.0 pp', '[-10.0, -10.0] pp', '-10.00', 'inconclusive: 4 more pods never scheduled than the baseline']);
    expect(row('scheduling latency p99', 'pack')?.[2]).toBe('> 5m10s');
  });
});

describe('precision follows the interval', () => {
  it.each([
    // the "fragmentation −0.0% [0.0%, 0.0%]": a −0.017 point difference, half-width 0.004 → 3 decimals
    [-0.00017, [-0.00021, -0.00013], 'share', 'difference', '-0.017 pp', '[-0.021, -0.013] pp'],
    // a wide interval keeps the default one decimal
    [0.05, [0.01, 0.09], 'share', 'difference', '+5.0 pp', '[1.0, 9.0] pp'],
    // a tiny mean inside a wide interval still shows its first significant digit: 0.0004 points → 4 decimals
    [0.000004, [-0.01, 0.01], 'share', 'difference', '+0.0004 pp', '[-1.0000, 1.0000] pp'],
    ['value', [0.45, 0.46], 'share', 'value', '45.5%', '[45.0%, 46.0%]'],
    // sub-millisecond latency differences are not "0ms"
    [0.3, [0.1, 0.5], 'ms', 'difference', '+0.3ms', '[0.1ms, 0.5ms]'],
    [-2500, [-4000, -1000], 'ms', 'difference', '-2.5s', '[-4s, -1s]'],
    [0, [0, 0], 'count', 'difference', '0', '[0, 0]'],
    [1.5, [0.2, 2.8], 'count', 'difference', '+1.50', '[0.20, 2.80]'],
  ] as const)('%s %j %s %s → %s %s', (mean, ci, unit, kind, meanText, intervalText) => {
    const m = mean === 'value' ? 0.455 : mean;
    expect(formatEstimate(m, ci, unit, kind)).toEqual({ mean: meanText, interval: intervalText });
  });
});

describe('ignoreMetrics in a bench file', () => {
  const scenario = 'apiVersion: kubesim/v1\nkind: Scenario\nmetadata: { name: s }\nspec:\n  duration: 1m\n  cluster: { nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 16Gi } } ] }\n';
  const benchYaml = (ignore: string) => `apiVersion: kubesim/v1\nkind: Bench\nmetadata: { name: b }\nspec:\n  seeds: 2\n  scenarios: [ s.yaml ]\n  profiles: [ { name: a }, { name: b } ]\n  ignoreMetrics: ${ignore}\n`;

  it('accepts podsNeverScheduled and keeps it in the report\'s bench', () => {
    const folder = tempFiles({ 's.yaml': scenario, 'bench.yaml': benchYaml('[ podsNeverScheduled ]') });
    expect(loadBench(join(folder, 'bench.yaml')).ignoreMetrics).toEqual(['podsNeverScheduled']);
  });

  it('refuses any other metric at its line, saying what it can name', () => {
    const folder = tempFiles({ 's.yaml': scenario, 'bench.yaml': benchYaml('[ nodesUsed ]') });
    expect(() => loadBench(join(folder, 'bench.yaml'))).toThrow(/bench\.yaml:8:20: spec\.ignoreMetrics\[0\]: expected "podsNeverScheduled", got the string "nodesUsed"/);
  });
});

function renderBenchCharts(report: ReturnType<typeof buildBenchReport>) {
  return report.bench.metrics.flatMap((key) => [benchDifferenceChart(report, 's.yaml', key), benchMetricChart(report, 's.yaml', key)].flatMap((c) => c ?? []));
}

describe('report.html: the paired differences the verdicts rest on', () => {
  const report = buildBenchReport(bench(), packLeavesPods, 6);
  type Layer = { data: { values: Array<Record<string, number | string>> }; mark: { type: string }; encoding: { x: { field: string; scale?: { domain: [number, number] } } } };
  const layers = (id: string) => ((renderBenchCharts(report).find((c) => c.id === id)?.spec as unknown as { layer: Layer[] }).layer);

  it('has one difference chart per metric, before its value chart, and every chart compiles', () => {
    const ids = renderBenchCharts(report).map((c) => c.id);
    expect(ids).toEqual(['nodesUsed', 'fragmentation', 'schedulingP99Ms', 'podsNeverScheduled'].flatMap((k) => [`bench-diff-s-yaml-${k.toLowerCase()}`, `bench-s-yaml-${k.toLowerCase()}`]));
    for (const chart of renderBenchCharts(report)) expect(() => compile(chart.spec), chart.id).not.toThrow();
    // the page shows them in that order
    const page = renderBenchHtml(report);
    const at = ids.map((id) => page.indexOf(`id="figure-${id}"`));
    expect(at.every((i, n) => i > (at[n - 1] ?? -1))).toBe(true);
  });

  it('draws the zero line, the mean difference and its interval in display units (pp for shares)', () => {
    const l = layers('bench-diff-s-yaml-fragmentation');
    expect(l[0]?.data.values).toEqual([{ zero: 0 }]);
    expect(l[0]?.mark.type).toBe('rule');
    // fragmentation pack − default = −0.10 on each seed → −10 pp
    const interval = l[3]?.data.values[0];
    expect(interval?.profile).toBe('pack');
    expect(interval?.mean as number).toBeCloseTo(-10, 9);
    expect(interval?.verdict).toBe('inconclusive');
  });

  it('fits every point inside the axis with a margin (no clipped points at the ends)', () => {
    for (const chart of renderBenchCharts(report)) {
      const spec = chart.spec as unknown as { layer: Layer[] };
      for (const layer of spec.layer) {
        const [lo, hi] = layer.encoding.x.scale?.domain ?? [Number.NaN, Number.NaN];
        for (const row of layer.data.values) {
          for (const field of [layer.encoding.x.field, 'lo', 'hi']) {
            const v = row[field];
            if (typeof v !== 'number') continue;
            expect(v, `${chart.id} ${field}`).toBeGreaterThan(lo);
            expect(v, `${chart.id} ${field}`).toBeLessThan(hi);
          }
        }
      }
    }
  });

  it('pads a single value by a unit around it', () => {
    expect(paddedDomain([5])).toEqual([4, 6]);
    // span 10 → 0.6 on each side
    expect(paddedDomain([0, 10])).toEqual([-0.6, 10.6]);
  });
});
