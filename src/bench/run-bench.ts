/**
 * Running a bench matrix: every cell on the worker pool, each finished
 * cell appended to <out>/cells.jsonl at once (so a crash loses no finished
 * cell), `resume` skipping cells already there, and bench/report.json and
 * report.html written at the end. Progress goes to a callback (the CLI
 * draws a cli-progress bar with it).
 */
import { join } from 'node:path';
import { renderBenchHtml } from '../report/html/bench-report.js';
import { writeAtomic } from '../report/write-atomic.js';
import { buildBenchReport, type BenchReport } from './bench-report.js';
import { benchCells, matrixId, portableBench, type BenchDefinition } from './bench-spec.js';
import type { CellResult } from './cell.js';
import { threadRunner, type CellRunner } from './pool.js';
import { CellRunError } from './cell-failure.js';
import { writeCurves } from './gpu-curves.js';
import { CellWriter, readCells } from './results-file.js';

export const CELLS_FILE = 'cells.jsonl';

export class BenchResumeError extends Error {}

export interface BenchRunOptions {
  readonly out: string;
  readonly workers: number;
  readonly resume: boolean;
  /** Called after each finished cell (and once at the start with the cells resumed). */
  readonly onProgress?: (done: number, total: number, last?: CellResult) => void;
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
  const matrix = matrixId(bench);
  const cellsPath = join(options.out, CELLS_FILE);
  const previous = options.resume ? readCells(cellsPath, matrix) : { cells: [], foreign: 0 };
  if (previous.foreign > 0) {
    throw new BenchResumeError(`${cellsPath} holds ${previous.foreign} result(s) of a different bench; use another --out or delete the file`);
  }
  const finished = new Map(previous.cells.filter((c) => c.index < tasks.length).map((c) => [c.index, c]));
  const todo = tasks.filter((t) => !finished.has(t.index));
  const writer = new CellWriter(cellsPath, matrix, options.resume);
  const runner = todo.length === 0 ? undefined : options.runner ?? threadRunner(Math.max(1, Math.min(options.workers, todo.length)));
  options.onProgress?.(finished.size, tasks.length);
  // Every cell settles before anything closes: a failing cell must not cost
  // the cells still running their results, and the first failure is rethrown.
  const failures: unknown[] = [];
  await Promise.all(todo.map((task) => (runner as CellRunner).run(task).then((cell) => {
    writer.write(cell);
    finished.set(cell.index, cell);
    options.onProgress?.(finished.size, tasks.length, cell);
  }, (error: unknown) => {
    const message = `cell ${task.index} (${task.scenario}, ${task.profile}, seed #${task.seedIndex}) failed: ${error instanceof Error ? error.message : String(error)}`;
    failures.push(error instanceof CellRunError ? new CellRunError(message, error.userPlugin) : new Error(message, { cause: error }));
  })));
  writer.close();
  await runner?.close();
  if (failures.length > 0) throw failures[0];
  const report = buildBenchReport(bench, [...finished.values()], tasks.length);
  const outputs = writeBenchReport(options.out, report);
  const curves = writeCurves(options.out, [...finished.values()]);
  return { report, resumed: previous.cells.length, ran: todo.length, outputs: [cellsPath, ...outputs, ...(curves === undefined ? [] : [curves])] };
}

export function benchReportJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function writeBenchReport(folder: string, report: BenchReport): string[] {
  const json = join(folder, 'report.json');
  const html = join(folder, 'report.html');
  writeAtomic(json, benchReportJson(report));
  writeAtomic(html, renderBenchHtml(report));
  return [json, html];
}

/** One cell for a Kubernetes Job index: its result with the bench it belongs to. */
export interface BenchCellFile {
  readonly schemaVersion: number;
  readonly kind: 'BenchCell';
  readonly matrix: string;
  readonly bench: ReturnType<typeof portableBench>;
  readonly cell: CellResult;
}
