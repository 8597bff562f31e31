/**
 * Running a bench matrix: every cell on the worker pool, each finished
 * cell appended to <out>/cells.jsonl at once (so a crash loses no finished
 * cell), `resume` skipping cells already there, and bench/report.json,
 * report.html and curves.csv swapped in together at the end. Progress goes to a callback (the CLI
 * draws a cli-progress bar with it).
 */
import { join } from 'node:path';
import { renderBenchHtml } from '../report/html/bench-report.js';
import { replaceReports } from '../report/report-folder.js';
import { buildBenchReport, type BenchReport } from './bench-report.js';
import { benchCells, portableBench, type BenchDefinition } from './bench-spec.js';
import type { CellResult, CellTask } from './cell.js';
import { BenchEta } from './eta.js';
import { forEachLimited, inProcessRunner, threadRunner, type CellRunner } from './pool.js';
import { CellRunError } from './cell-failure.js';
import { curvesCsv, CURVES_FILE } from './gpu-curves.js';
import { matrixInputs } from './matrix-digest.js';
import { openResults } from './results-file.js';

export { BenchResumeError } from './results-file.js';

export const CELLS_FILE = 'cells.jsonl';

export interface BenchRunOptions {
  /** The bench file: its folder anchors the input files' digest (matrix-digest.ts). */
  readonly benchFile: string;
  readonly out: string;
  readonly workers: number;
  readonly resume: boolean;
  /** Move finished cells that cannot be resumed aside instead of refusing (results-file.ts). */
  readonly force?: boolean;
  /** What happened to an existing cells.jsonl (a torn line dropped, the file moved aside). */
  readonly onNotice?: (message: string) => void;
  /**
   * Called after each finished cell (and once at the start with the cells
   * resumed), with the time left (eta.ts) for the progress display.
   */
  readonly onProgress?: (done: number, total: number, last?: CellResult, eta?: BenchEta) => void;
  /** Wall clock for the ETA only (default performance.now). */
  readonly nowMs?: () => number;
  /** Defaults to a pool of `workers` threads. */
  readonly runner?: CellRunner;
}

export interface BenchRun {
  readonly report: BenchReport;
  readonly resumed: number;
  readonly ran: number;
  readonly outputs: readonly string[];
}

export async function runBench(bench: BenchDefinition, options: BenchRunOptions): Promise<BenchRun> {
  const tasks = benchCells(bench);
  const cellsPath = join(options.out, CELLS_FILE);
  const { writer, finished: previous } = openResults(cellsPath, matrixInputs(bench, options.benchFile), {
    resume: options.resume,
    force: options.force === true,
    onNotice: options.onNotice ?? (() => {}),
  });
  const finished = new Map(previous.filter((c) => c.index < tasks.length).map((c) => [c.index, c]));
  // Seed-major, so the first cells cover every scenario and profile and the ETA learns each one's cost early.
  const todo = tasks.filter((t) => !finished.has(t.index)).sort((a, b) => a.seedIndex - b.seedIndex || a.index - b.index);
  const workers = Math.max(1, Math.min(options.workers, todo.length));
  // One cell runs on this thread (pool.ts, inProcessRunner): no thread to start, no modules or trace files to load again.
  const runner = todo.length === 0 ? undefined : options.runner ?? (todo.length === 1 ? inProcessRunner() : threadRunner(workers));
  const now = options.nowMs ?? (() => performance.now());
  const eta = new BenchEta(todo.map((t) => ({ index: t.index, group: etaGroup(t) })), workers);
  options.onProgress?.(finished.size, tasks.length, undefined, eta);
  // Every cell settles before anything closes: a failing cell must not cost
  // the cells still running their results, and the first failure is rethrown.
  const failures: unknown[] = [];
  try {
    await forEachLimited(todo, workers, (task) => {
      eta.started(task.index, now());
      return (runner as CellRunner).run(task).then((cell) => {
        writer.write(cell);
        finished.set(cell.index, cell);
        eta.finished(cell.index, now());
        options.onProgress?.(finished.size, tasks.length, cell, eta);
      }, (error: unknown) => {
        eta.finished(task.index, now());
        const message = `cell ${task.index} (${task.scenario}, ${task.profile}, seed #${task.seedIndex}) failed: ${error instanceof Error ? error.message : String(error)}`;
        failures.push(error instanceof CellRunError ? new CellRunError(message, error.userPlugin, error.badInput, error.heapLimit) : new Error(message, { cause: error }));
      });
    });
  } finally {
    // A cell line that cannot be written (a full disk) stops the bench: nothing else is kept.
    writer.close();
    await runner?.close();
  }
  if (failures.length > 0) throw failures[0];
  const report = buildBenchReport(bench, [...finished.values()], tasks.length);
  const outputs = writeBenchReport(options.out, report);
  return { report, resumed: previous.length, ran: todo.length, outputs: [cellsPath, ...outputs] };
}

function etaGroup(task: CellTask): string {
  return `${task.scenario}\u0000${task.profile}`;
}

export function benchReportJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** What a bench writes at the end, replaced as one unit; the rest of its folder (cells.jsonl, a Job's index folders) is kept. */
export const BENCH_REPORT_ENTRIES = ['report.json', 'report.html', CURVES_FILE] as const;

/**
 * Swaps in report.json, report.html and (when some cell has a GPU curve)
 * curves.csv together (report-folder.ts): never a new report.json beside
 * an older report.html or a curves.csv of another bench. Returns their paths.
 */
export function writeBenchReport(folder: string, report: BenchReport): string[] {
  const curves = curvesCsv(report.cells);
  const files = [
    { name: 'report.json', data: benchReportJson(report) },
    { name: 'report.html', data: renderBenchHtml(report) },
    ...(curves === undefined ? [] : [{ name: CURVES_FILE, data: curves }]),
  ];
  replaceReports(folder, files, BENCH_REPORT_ENTRIES);
  return files.map((file) => join(folder, file.name));
}

/** One cell for a Kubernetes Job index: its result with the bench it belongs to. */
export interface BenchCellFile {
  readonly schemaVersion: number;
  readonly kind: 'BenchCell';
  readonly matrix: string;
  readonly bench: ReturnType<typeof portableBench>;
  readonly cell: CellResult;
}
