/**
 * One cell of a bench or plan matrix: a scenario, a scheduler profile, a
 * seed and optionally a varied parameter, run to a report and reduced to
 * its metrics. Tasks and results are plain data so they cross worker
 * threads, and a result depends on nothing but its task: the same task run
 * in a worker thread, in-process or as a Kubernetes Job index gives the
 * same bytes (reportSha256 is the digest of the run's report.json).
 */
import { createHash } from 'node:crypto';
import { MemoryRows, type RowSink, type RunRows } from '../metrics/row-sink.js';
import type { PodRecord } from '../metrics/types.js';
import type { Report } from '../report/report.js';
import { runScenarioInto, runScenarioPausing } from '../runner/run-scenario.js';
import type { Scenario } from '../scenario/model.js';
import { loadScenario } from '../scenario/load.js';
import { readGpuCurve, type GpuCurve } from './gpu-curve.js';
import { GUARD_METRIC, readLowerBounds, readMetrics } from './metrics.js';
import { patchedScheduler, type SchedulerOverride } from './scheduler-profile.js';
import { applyVariation, type Variation } from './variation.js';
import { readWorkloadMetrics, type ScopedMetric } from './workload-metrics.js';

export interface CellTask {
  readonly index: number;
  /** Absolute path of the scenario file. */
  readonly scenarioPath: string;
  /** The scenario as named in the bench file (stable across machines). */
  readonly scenario: string;
  readonly profile: string;
  readonly scheduler?: SchedulerOverride;
  /** Absolute paths of the profile's user plugin files. */
  readonly pluginFiles?: readonly string[];
  readonly seedIndex: number;
  readonly seed: number;
  readonly metrics: readonly string[];
  /** Metrics of one workload (a plan's scoped SLO objectives), stored under their keys. */
  readonly scopedMetrics?: readonly ScopedMetric[];
  readonly variation?: Variation;
}

export interface CellResult {
  readonly index: number;
  readonly scenario: string;
  readonly profile: string;
  readonly seedIndex: number;
  readonly seed: number;
  readonly value?: number | string;
  readonly reportSha256: string;
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Metrics whose value is only a lower bound (a percentile reaching censored values); absent when none. */
  readonly lowerBounds?: readonly string[];
  /** GPU allocation and fragmentation against arrived workload (gpu-curves.ts); absent without GPU nodes. */
  readonly gpuCurve?: GpuCurve;
}

/** The task's scenario with its variation applied and its profile's scheduler. */
function cellScenario(task: CellTask): Scenario {
  const variation = task.variation;
  const scenario = loadScenario(task.scenarioPath, {
    seed: task.seed,
    ...(variation === undefined ? {} : { transform: (input) => applyVariation(input, variation) }),
  });
  const scheduler = patchedScheduler(scenario.scheduler, task.scheduler, task.pluginFiles);
  // The bench and plan loaders check every override against its scenario, so this is a bug, not bad input.
  if (typeof scheduler === 'string') throw new Error(scheduler);
  return { ...scenario, scheduler };
}

/** Rows a cell does not read, dropped as they come. */
const DROPPED: RowSink<unknown> = { write: () => undefined };

/**
 * A cell's rows: its metrics read the pod timelines (workload-metrics.ts)
 * and the report, which the recorders build without the rows, so Jobs and
 * Events are not kept (the FGD cell of seed 42 makes 12,067 Events; none is read).
 */
function cellRows(): RunRows & { readonly pods: MemoryRows<PodRecord> } {
  return { pods: new MemoryRows<PodRecord>(), jobs: DROPPED, events: DROPPED };
}

export function runCell(task: CellTask): CellResult {
  const rows = cellRows();
  const { report } = runScenarioInto(cellScenario(task), rows);
  return cellResult(task, report, rows.pods.rows);
}

/**
 * runCell, awaiting `pause()` between slices of the run (runScenarioPausing)
 * so that the thread's event loop turns meanwhile: a cell run on the main
 * thread (pool.ts, inProcessRunner) leaves Ctrl-C's clean-up and the
 * progress bar working, and `pause` may stop the run by throwing (the heap
 * guard). The same report, so the same result.
 */
export async function runCellPausing(task: CellTask, pause: (simulatedMs: number) => Promise<void>): Promise<CellResult> {
  const rows = cellRows();
  const { report } = await runScenarioPausing(cellScenario(task), rows, {}, pause);
  return cellResult(task, report, rows.pods.rows);
}

function cellResult(task: CellTask, report: Report, pods: readonly PodRecord[]): CellResult {
  const variation = task.variation;
  // The guard metric is always read: it decides whether "better" may stand (bench-report.ts).
  const keys = task.metrics.includes(GUARD_METRIC) ? task.metrics : [...task.metrics, GUARD_METRIC];
  const workload = readWorkloadMetrics(report, pods, task.scopedMetrics ?? []);
  const lowerBounds = [...readLowerBounds(report, keys), ...workload.lowerBounds];
  const gpuCurve = readGpuCurve(report);
  return {
    index: task.index,
    scenario: task.scenario,
    profile: task.profile,
    seedIndex: task.seedIndex,
    seed: task.seed,
    ...(variation === undefined ? {} : { value: variation.value }),
    reportSha256: createHash('sha256').update(JSON.stringify(report)).digest('hex'),
    metrics: { ...readMetrics(report, keys), ...workload.values },
    ...(lowerBounds.length === 0 ? {} : { lowerBounds }),
    ...(gpuCurve === undefined ? {} : { gpuCurve }),
  };
}
