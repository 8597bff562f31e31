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
import { GUARD_METRIC, metricByKey } from './metrics.js';
import { censoredVerdict, estimate, pairedComparison, type Estimate, type PairedComparison } from './stats.js';

export const BENCH_SCHEMA_VERSION = 1;

export interface MetricResult extends Estimate {
  /** Seeds whose value is only a lower bound (censored): the mean is then a lower bound too. */
  readonly lowerBoundSeeds?: number;
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

const lowerBoundCount = (cells: readonly CellResult[], key: string): number => cells.filter((c) => c.lowerBounds?.includes(key) === true).length;

/**
 * A profile that leaves more pods never scheduled than the baseline (mean
 * paired difference above 0) is not "better" on anything else: fewer pods
 * bound makes nodes, allocation and fragmentation look better for free.
 * The bench's `ignoreMetrics` can waive it.
 */
function guardReason(pairs: ReadonlyArray<readonly [CellResult, CellResult]>): string | undefined {
  const diffs = pairs.flatMap(([c, b]) => {
    const x = c.metrics[GUARD_METRIC];
    const y = b.metrics[GUARD_METRIC];
    return typeof x === 'number' && typeof y === 'number' ? [x - y] : [];
  });
  // Cells written before the metric existed cannot show it: say so rather than pass.
  if (diffs.length < pairs.length) return pairs.length === 0 ? undefined : `${GUARD_METRIC} was not measured on every seed`;
  const more = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  if (more <= 0) return undefined;
  return `${more.toLocaleString('en-US', { maximumFractionDigits: 1 })} more pods never scheduled than the baseline`;
}

function comparison(key: string, pairs: ReadonlyArray<readonly [CellResult, CellResult]>, guard: string | undefined): PairedComparison {
  const metric = metricByKey(key);
  const direction = metric?.better ?? 'lower';
  const compared = censoredVerdict(
    pairedComparison(pairs.map(([c, b]) => [c.metrics[key] ?? null, b.metrics[key] ?? null] as const), direction),
    { candidate: lowerBoundCount(pairs.map((p) => p[0]), key), baseline: lowerBoundCount(pairs.map((p) => p[1]), key) },
  );
  if (guard === undefined || key === GUARD_METRIC || compared.verdict !== 'better') return compared;
  return { ...compared, verdict: 'inconclusive', reason: guard };
}

export function buildBenchReport(bench: BenchDefinition | PortableBench, cells: readonly CellResult[], expectedCells: number): BenchReport {
  const sorted = [...cells].sort((a, b) => a.index - b.index);
  const results: ProfileResult[] = [];
  const guarded = !(bench.ignoreMetrics ?? []).includes(GUARD_METRIC);
  for (const scenario of bench.scenarios) {
    const ofScenario = sorted.filter((c) => c.scenario === scenario.file);
    const baseline = new Map(ofScenario.filter((c) => c.profile === bench.baseline).map((c) => [c.seedIndex, c]));
    for (const profile of bench.profiles) {
      const mine = ofScenario.filter((c) => c.profile === profile.name);
      const pairs = mine.flatMap((c) => {
        const b = baseline.get(c.seedIndex);
        return b === undefined ? [] : [[c, b] as const];
      });
      const guard = guarded && profile.name !== bench.baseline ? guardReason(pairs) : undefined;
      const metrics: Record<string, MetricResult> = {};
      for (const key of bench.metrics) {
        const values = mine.flatMap((c) => (typeof c.metrics[key] === 'number' ? [c.metrics[key]] : []));
        const lowerBounds = lowerBoundCount(mine, key);
        const e = { ...estimate(values), ...(lowerBounds === 0 ? {} : { lowerBoundSeeds: lowerBounds }) };
        metrics[key] = profile.name === bench.baseline ? e : { ...e, vsBaseline: comparison(key, pairs, guard) };
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
