/**
 * bench/report.json: the bench definition (portable), every cell's result
 * in index order, and per scenario, profile and metric the mean with its
 * 95 % CI and the paired difference against the baseline profile (same
 * scenario, same seed index) with a verdict. Deterministic: nothing in it
 * depends on the machine, the number of workers or the order cells
 * finished in, so a local run and a merged Kubernetes Job give the same
 * bytes.
 */
import { portableBench, type BenchDefinition, type PortableBench } from './bench-spec.js';
import type { CellResult } from './cell.js';
import { metricByKey } from './metrics.js';
import { estimate, pairedComparison, type Estimate, type PairedComparison } from './stats.js';

export const BENCH_SCHEMA_VERSION = 1;

export interface MetricResult extends Estimate {
  /** Against the baseline; absent for the baseline itself. */
  readonly vsBaseline?: PairedComparison;
}

export interface ProfileResult {
  readonly scenario: string;
  readonly profile: string;
  readonly metrics: Readonly<Record<string, MetricResult>>;
}

export interface BenchReport {
  readonly schemaVersion: number;
  readonly kind: 'BenchReport';
  readonly bench: PortableBench;
  readonly complete: boolean;
  readonly cells: readonly CellResult[];
  readonly results: readonly ProfileResult[];
}

export function buildBenchReport(bench: BenchDefinition | PortableBench, cells: readonly CellResult[], expectedCells: number): BenchReport {
  const sorted = [...cells].sort((a, b) => a.index - b.index);
  const results: ProfileResult[] = [];
  for (const scenario of bench.scenarios) {
    const ofScenario = sorted.filter((c) => c.scenario === scenario.file);
    const baseline = new Map(ofScenario.filter((c) => c.profile === bench.baseline).map((c) => [c.seedIndex, c]));
    for (const profile of bench.profiles) {
      const mine = ofScenario.filter((c) => c.profile === profile.name);
      const metrics: Record<string, MetricResult> = {};
      for (const key of bench.metrics) {
        const values = mine.flatMap((c) => (typeof c.metrics[key] === 'number' ? [c.metrics[key] as number] : []));
        const e = estimate(values);
        if (profile.name === bench.baseline) {
          metrics[key] = e;
          continue;
        }
        const pairs = mine.flatMap((c) => {
          const b = baseline.get(c.seedIndex);
          return b === undefined ? [] : [[c.metrics[key] ?? null, b.metrics[key] ?? null] as const];
        });
        metrics[key] = { ...e, vsBaseline: pairedComparison(pairs, metricByKey(key)?.better ?? 'lower') };
      }
      results.push({ scenario: scenario.file, profile: profile.name, metrics });
    }
  }
  return {
    schemaVersion: BENCH_SCHEMA_VERSION,
    kind: 'BenchReport',
    bench: portableBench(bench),
    complete: sorted.length === expectedCells,
    cells: sorted,
    results,
  };
}
