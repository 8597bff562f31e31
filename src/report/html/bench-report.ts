/**
 * bench/report.html: per scenario and metric, first the chart the verdict
 * is read from — each profile's paired difference with the baseline (one
 * faint dot per seed, the mean, its 95 % CI, and the zero line) — then
 * each profile's values (dots per seed, mean and CI), then the same table
 * as the terminal. Axes are fitted with a margin around every point drawn,
 * so no point sits clipped on an axis end.
 */
import type { BenchReport, MetricResult } from '../../bench/bench-report.js';
import { metricByKey, type MetricDefinition } from '../../bench/metrics.js';
import { benchTables } from '../text/bench-table.js';
import { base, slug } from './charts/common.js';
import { renderPage } from './page.js';
import { asSpec, type Chart } from './spec-types.js';

const VERDICT_COLOURS = {
  domain: ['baseline', 'better', 'worse', 'no significant difference', 'inconclusive'],
  range: ['#555', '#2a9d3a', '#d62728', '#1f77b4', '#e69f00'],
};

/** Display units: seconds for durations, percent (points, for differences) for shares. */
function display(metric: MetricDefinition, difference: boolean): { scale: number; unit: string } {
  if (metric.unit === 'ms') return { scale: 1 / 1000, unit: ' (s)' };
  if (metric.unit === 'share') return { scale: 100, unit: difference ? ' (pp)' : ' (%)' };
  return { scale: 1, unit: '' };
}

/**
 * An x domain holding every value with 6 % of the span on each side (a
 * unit around a single value), so marks at the extremes are drawn whole.
 */
export function paddedDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const margin = hi > lo ? (hi - lo) * 0.06 : Math.max(Math.abs(lo) * 0.06, 1);
  return [lo - margin, hi + margin];
}

function resultsOf(report: BenchReport, scenario: string, key: string): Array<{ profile: string; m: MetricResult }> {
  return report.results.filter((r) => r.scenario === scenario).flatMap((r) => {
    const m = r.metrics[key];
    return m === undefined ? [] : [{ profile: r.profile, m }];
  });
}

export function benchMetricChart(report: BenchReport, scenario: string, key: string): Chart | undefined {
  const metric = metricByKey(key);
  if (metric === undefined) return undefined;
  const { scale, unit } = display(metric, false);
  const seeds = report.cells.filter((c) => c.scenario === scenario && typeof c.metrics[key] === 'number')
    .map((c) => ({ profile: c.profile, seed: c.seedIndex, value: (c.metrics[key] as number) * scale }));
  if (seeds.length === 0) return undefined;
  const means = resultsOf(report, scenario, key).flatMap(({ profile, m }) => {
    if (m.mean === null) return [];
    return [{ profile, mean: m.mean * scale, lo: (m.ci95?.[0] ?? m.mean) * scale, hi: (m.ci95?.[1] ?? m.mean) * scale, verdict: m.vsBaseline?.verdict ?? 'baseline' }];
  });
  const order = report.bench.profiles.map((p) => p.name);
  const y = { field: 'profile', type: 'nominal', sort: order, title: null };
  const x = { type: 'quantitative', scale: { domain: paddedDomain([...seeds.map((s) => s.value), ...means.flatMap((m) => [m.lo, m.hi])]), nice: false, zero: false } };
  return {
    id: `bench-${slug(scenario)}-${slug(key)}`,
    title: `${metric.label}${unit}`,
    caption: `${metric.better === 'lower' ? 'Lower' : 'Higher'} is better. Dots: one per seed; bar: 95% confidence interval of the mean; diamond: mean.`,
    spec: asSpec({
      ...base(Math.max(60, order.length * 34)),
      layer: [
        { data: { values: seeds }, mark: { type: 'circle', opacity: 0.35, size: 30 }, encoding: { y: { ...y, scale: { paddingOuter: 0.3 } }, x: { ...x, field: 'value', title: `${metric.label}${unit}` }, yOffset: { field: 'seed', type: 'quantitative', scale: { range: [-8, 8] }, legend: null }, tooltip: [{ field: 'profile' }, { field: 'seed' }, { field: 'value', format: '.4~f' }] } },
        { data: { values: means }, mark: { type: 'rule', strokeWidth: 2.5, color: '#333' }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
        { data: { values: means }, mark: { type: 'point', shape: 'diamond', filled: true, size: 110 }, encoding: { y, x: { ...x, field: 'mean' }, color: { field: 'verdict', type: 'nominal', title: 'vs baseline', scale: VERDICT_COLOURS, legend: { orient: 'bottom' } }, tooltip: [{ field: 'profile' }, { field: 'mean', format: '.4~f' }, { field: 'lo', title: 'CI low', format: '.4~f' }, { field: 'hi', title: 'CI high', format: '.4~f' }, { field: 'verdict' }] } },
      ],
    }),
  };
}

/**
 * Each profile's paired differences with the baseline: per seed, the mean
 * difference and its 95 % interval against the zero line. The verdict is
 * this interval: it is better or worse where it does not cross zero.
 */
export function benchDifferenceChart(report: BenchReport, scenario: string, key: string): Chart | undefined {
  const metric = metricByKey(key);
  if (metric === undefined) return undefined;
  const { scale, unit } = display(metric, true);
  const baseline = report.bench.baseline;
  const baselineCells = new Map(report.cells.filter((c) => c.scenario === scenario && c.profile === baseline).map((c) => [c.seedIndex, c.metrics[key]]));
  const seeds = report.cells.filter((c) => c.scenario === scenario && c.profile !== baseline).flatMap((c) => {
    const mine = c.metrics[key];
    const theirs = baselineCells.get(c.seedIndex);
    return typeof mine === 'number' && typeof theirs === 'number' ? [{ profile: c.profile, seed: c.seedIndex, difference: (mine - theirs) * scale }] : [];
  });
  const intervals = resultsOf(report, scenario, key).flatMap(({ profile, m }) => {
    const vs = m.vsBaseline;
    if (vs === undefined || vs.mean === null) return [];
    const lo = (vs.ci95?.[0] ?? vs.mean) * scale;
    const hi = (vs.ci95?.[1] ?? vs.mean) * scale;
    return [{ profile, mean: vs.mean * scale, lo, hi, verdict: vs.verdict ?? 'n/a', effectSize: vs.effectSize, reason: vs.reason ?? '' }];
  });
  if (intervals.length === 0) return undefined;
  const order = report.bench.profiles.map((p) => p.name).filter((p) => p !== baseline);
  const y = { field: 'profile', type: 'nominal', sort: order, title: null };
  const x = { type: 'quantitative', scale: { domain: paddedDomain([0, ...seeds.map((s) => s.difference), ...intervals.flatMap((i) => [i.lo, i.hi])]), nice: false, zero: false } };
  const better = metric.better === 'lower' ? 'left of' : 'right of';
  return {
    id: `bench-diff-${slug(scenario)}-${slug(key)}`,
    title: `${metric.label}: difference vs ${baseline}${unit}`,
    caption: `Paired on each seed (profile − ${baseline}). Dots: one per seed; bar: 95% confidence interval of the mean difference; diamond: mean. Better is ${better} the zero line; an interval crossing it is no significant difference.`,
    spec: asSpec({
      ...base(Math.max(60, order.length * 34)),
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: { ...x, field: 'zero' } } },
        { data: { values: seeds }, mark: { type: 'circle', opacity: 0.35, size: 30 }, encoding: { y: { ...y, scale: { paddingOuter: 0.3 } }, x: { ...x, field: 'difference', title: `${metric.label}, \u0394 vs ${baseline}${unit}` }, yOffset: { field: 'seed', type: 'quantitative', scale: { range: [-8, 8] }, legend: null }, tooltip: [{ field: 'profile' }, { field: 'seed' }, { field: 'difference', format: '.4~f' }] } },
        { data: { values: intervals }, mark: { type: 'rule', strokeWidth: 2.5, color: '#333' }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
        { data: { values: intervals }, mark: { type: 'point', shape: 'diamond', filled: true, size: 110 }, encoding: { y, x: { ...x, field: 'mean' }, color: { field: 'verdict', type: 'nominal', title: 'verdict', scale: VERDICT_COLOURS, legend: { orient: 'bottom' } }, tooltip: [{ field: 'profile' }, { field: 'mean', title: 'mean difference', format: '.4~f' }, { field: 'lo', title: 'CI low', format: '.4~f' }, { field: 'hi', title: 'CI high', format: '.4~f' }, { field: 'effectSize', title: 'effect size d', format: '.2f' }, { field: 'verdict' }, { field: 'reason' }] } },
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
      charts: bench.metrics.flatMap((key) => [benchDifferenceChart(report, s.file, key), benchMetricChart(report, s.file, key)].flatMap((c) => c ?? [])),
      note: 'Metrics a run does not have (no traffic, no rollout) are n/a and have no chart.',
    })),
    tables: benchTables(report),
  });
}
