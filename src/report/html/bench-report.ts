/**
 * bench/report.html: per scenario and metric, the mean of each profile
 * with its 95 % CI as an error bar and every seed's value as a dot, then
 * the same table as the terminal.
 */
import type { BenchReport } from '../../bench/bench-report.js';
import { metricByKey } from '../../bench/metrics.js';
import { benchTables } from '../text/bench-table.js';
import { base, slug } from './charts/common.js';
import { renderPage } from './page.js';
import { asSpec, type Chart } from './spec-types.js';

export function benchMetricChart(report: BenchReport, scenario: string, key: string): Chart | undefined {
  const metric = metricByKey(key);
  if (metric === undefined) return undefined;
  const scale = metric.unit === 'ms' ? 1 / 1000 : metric.unit === 'share' ? 100 : 1;
  const unitTitle = metric.unit === 'ms' ? ' (s)' : metric.unit === 'share' ? ' (%)' : '';
  const seeds = report.cells.filter((c) => c.scenario === scenario && typeof c.metrics[key] === 'number')
    .map((c) => ({ profile: c.profile, seed: c.seedIndex, value: (c.metrics[key] as number) * scale }));
  if (seeds.length === 0) return undefined;
  const means = report.results.filter((r) => r.scenario === scenario).flatMap((r) => {
    const m = r.metrics[key];
    if (m?.mean === null || m?.mean === undefined) return [];
    return [{ profile: r.profile, mean: m.mean * scale, lo: (m.ci95?.[0] ?? m.mean) * scale, hi: (m.ci95?.[1] ?? m.mean) * scale, verdict: m.vsBaseline?.verdict ?? 'baseline' }];
  });
  const order = report.bench.profiles.map((p) => p.name);
  const y = { field: 'profile', type: 'nominal', sort: order, title: null };
  return {
    id: `bench-${slug(scenario)}-${slug(key)}`,
    title: `${metric.label}${unitTitle}`,
    caption: `${metric.better === 'lower' ? 'Lower' : 'Higher'} is better. Dots: one per seed; bar: 95% confidence interval of the mean; diamond: mean.`,
    spec: asSpec({
      ...base(Math.max(60, order.length * 34)),
      layer: [
        { data: { values: seeds }, mark: { type: 'circle', opacity: 0.35, size: 30 }, encoding: { y: { ...y, scale: { paddingOuter: 0.3 } }, x: { field: 'value', type: 'quantitative', title: `${metric.label}${unitTitle}`, scale: { zero: false } }, yOffset: { field: 'seed', type: 'quantitative', scale: { range: [-8, 8] }, legend: null }, tooltip: [{ field: 'profile' }, { field: 'seed' }, { field: 'value', format: '.4~f' }] } },
        { data: { values: means }, mark: { type: 'rule', strokeWidth: 2.5, color: '#333' }, encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
        { data: { values: means }, mark: { type: 'point', shape: 'diamond', filled: true, size: 110 }, encoding: { y, x: { field: 'mean', type: 'quantitative' }, color: { field: 'verdict', type: 'nominal', title: 'vs baseline', scale: { domain: ['baseline', 'better', 'worse', 'no significant difference'], range: ['#555', '#2a9d3a', '#d62728', '#1f77b4'] }, legend: { orient: 'bottom' } }, tooltip: [{ field: 'profile' }, { field: 'mean', format: '.4~f' }, { field: 'lo', title: 'CI low', format: '.4~f' }, { field: 'hi', title: 'CI high', format: '.4~f' }, { field: 'verdict' }] } },
      ],
    }),
  };
}

export function renderBenchHtml(report: BenchReport): string {
  const bench = report.bench;
  return renderPage({
    title: `kubesim bench: ${bench.name}`,
    subtitle: `${bench.description === undefined ? '' : `${bench.description} — `}${bench.profiles.length} profiles × ${bench.scenarios.length} scenario(s) × ${bench.seeds} seeds, bench seed ${bench.seed}, baseline ${bench.baseline}${report.complete ? '' : ' — INCOMPLETE: some cells have not run'}`,
    answers: [],
    sections: bench.scenarios.map((s) => ({
      heading: `${s.name} (${s.file})`,
      charts: bench.metrics.flatMap((key) => benchMetricChart(report, s.file, key) ?? []),
      note: 'Metrics a run does not have (no traffic, no rollout) are n/a and have no chart.',
    })),
    tables: benchTables(report),
  });
}
