/**
 * report.json's bound per report: the series kept per object (each
 * Deployment's status and pod counts, each ReplicaSet's, each node's) grow
 * with the number of objects, so a 150,000-pod cluster would write a
 * million points. Their points together are held to REPORT_SERIES_POINTS:
 * each series keeps every change while all fit; otherwise every series
 * longer than an equal share (what the shorter ones leave, shared out) is
 * thinned as a series past its own bound is (metrics/series.ts: the last
 * change per window, the window doubling), and the report's warnings say
 * which. Figures computed from the series (rollouts, availability) are
 * computed before, from every change.
 */
import { sameValues, thinnedTo } from '../metrics/series.js';

interface Timed {
  readonly tMs: number;
}

/** The parts of report.json (report.ts Report) that hold a series per object. */
interface PerObjectSeries {
  readonly deployments: ReadonlyArray<{ readonly series: readonly Timed[]; readonly pods: readonly Timed[] }>;
  readonly replicaSets: ReadonlyArray<{ readonly series: readonly Timed[] }>;
  readonly nodes: ReadonlyArray<{ readonly series: readonly Timed[] }>;
}

export const REPORT_SERIES_POINTS = 160_000;

/** The largest per-series cap with Σ min(length, cap) ≤ budget (Infinity when all fit). */
export function seriesCap(lengths: readonly number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let left = budget;
  for (let i = 0; i < sorted.length; i++) {
    const length = sorted[i] as number;
    const sharing = sorted.length - i;
    if (length * sharing > left) return Math.max(1, Math.floor(left / sharing));
    left -= length;
  }
  return Infinity;
}

/** `report` with its per-object series thinned to REPORT_SERIES_POINTS points in all (the same report when they fit). */
export function withinSeriesBudget<R extends PerObjectSeries>(report: R, budget = REPORT_SERIES_POINTS): R {
  const lengths = [
    ...report.deployments.flatMap((d) => [d.series.length, d.pods.length]),
    ...report.replicaSets.map((rs) => rs.series.length),
    ...report.nodes.map((n) => n.series.length),
  ];
  const cap = seriesCap(lengths, budget);
  if (cap === Infinity) return report;
  // Each object keeps its fields; only its series arrays are replaced by thinned copies.
  return {
    ...report,
    deployments: report.deployments.map((d) => ({ ...d, series: thinnedTo(d.series, cap, sameValues), pods: thinnedTo(d.pods, cap, sameValues) })),
    replicaSets: report.replicaSets.map((rs) => ({ ...rs, series: thinnedTo(rs.series, cap, sameValues) })),
    nodes: report.nodes.map((n) => ({ ...n, series: thinnedTo(n.series, cap, sameValues) })),
  };
}
