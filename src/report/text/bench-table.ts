/**
 * The terminal table of a bench: per scenario, per metric and profile the
 * mean with its 95 % CI, and the paired difference against the baseline
 * with its CI and verdict (green better, red worse).
 */
import type { BenchReport } from '../../bench/bench-report.js';
import { metricByKey } from '../../bench/metrics.js';
import { formatDelta, formatInterval, formatMetric } from './format-metric.js';
import type { Cell, Table } from './table.js';

export function benchTables(report: BenchReport): Table[] {
  const bench = report.bench;
  return bench.scenarios.map((scenario) => {
    const rows: Array<Array<string | Cell>> = [];
    for (const key of bench.metrics) {
      const metric = metricByKey(key);
      if (metric === undefined) continue;
      for (const result of report.results.filter((r) => r.scenario === scenario.file)) {
        const m = result.metrics[key];
        const vs = m?.vsBaseline;
        const verdict = result.profile === bench.baseline ? { text: 'baseline', tone: 'dim' as const }
          : vs?.verdict === 'better' ? { text: 'better', tone: 'good' as const }
          : vs?.verdict === 'worse' ? { text: 'worse', tone: 'bad' as const }
          : vs?.verdict === 'no significant difference' ? { text: 'no significant difference' }
          : { text: 'n/a', tone: 'dim' as const };
        rows.push([
          metric.label,
          result.profile,
          formatMetric(m?.mean, metric.unit),
          formatInterval(m?.ci95, metric.unit),
          result.profile === bench.baseline ? '' : formatDelta(vs?.mean, metric.unit),
          result.profile === bench.baseline ? '' : formatInterval(vs?.ci95, metric.unit),
          verdict,
        ]);
      }
    }
    return {
      title: `${scenario.name} (${scenario.file}): ${bench.seeds} seeds, baseline ${bench.baseline}`,
      header: ['Metric', 'profile', 'mean', '95% CI', `Δ vs ${bench.baseline}`, '95% CI of Δ', 'verdict'],
      rows,
    };
  });
}
