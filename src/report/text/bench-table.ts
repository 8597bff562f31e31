/**
 * The terminal table of a bench: per scenario, per metric and profile the
 * mean with its 95 % CI, and the paired difference against the baseline
 * with its CI, effect size and verdict (green better, red worse). Shares
 * are in %, their differences in percentage points (pp); precision follows
 * each interval (format-metric.ts formatEstimate).
 */
import type { BenchReport } from '../../bench/bench-report.js';
import { metricByKey } from '../../bench/metrics.js';
import type { PairedComparison } from '../../bench/stats.js';
import { formatEstimate } from './format-metric.js';
import type { Cell, Table } from './table.js';

function verdictCell(vs: PairedComparison | undefined): Cell {
  switch (vs?.verdict) {
    case 'better': return { text: 'better', tone: 'good' };
    case 'worse': return { text: 'worse', tone: 'bad' };
    case 'no significant difference': return { text: 'no significant difference' };
    case 'inconclusive': return { text: `inconclusive: ${vs.reason ?? ''}`, tone: 'warn' };
    default: return { text: 'n/a', tone: 'dim' };
  }
}

/** Cohen's d_av to two decimals; n/a when the runs do not vary. */
export function effectSizeText(d: number | null | undefined): string {
  if (d === null || d === undefined) return 'n/a';
  const text = Math.abs(d).toFixed(2);
  return Number(text) === 0 ? '0.00' : `${d < 0 ? '-' : '+'}${text}`;
}

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
        const isBaseline = result.profile === bench.baseline;
        const value = formatEstimate(m?.mean, m?.ci95, metric.unit, 'value', (m?.lowerBoundSeeds ?? 0) > 0);
        const delta = formatEstimate(vs?.mean, vs?.ci95, metric.unit, 'difference');
        rows.push([
          metric.label,
          result.profile,
          value.mean,
          value.interval,
          isBaseline ? '' : delta.mean,
          isBaseline ? '' : delta.interval,
          isBaseline ? '' : effectSizeText(vs?.effectSize),
          isBaseline ? { text: 'baseline', tone: 'dim' } : verdictCell(vs),
        ]);
      }
    }
    return {
      title: `${scenario.name} (${scenario.file}): ${bench.seeds} seeds, baseline ${bench.baseline}`,
      header: ['Metric', 'profile', 'mean', '95% CI', `Δ vs ${bench.baseline}`, '95% CI of Δ', 'effect size d', 'verdict'],
      rows,
    };
  });
}
