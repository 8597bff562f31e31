/**
 * `kubesim bench`: run a bench matrix on worker threads (with a progress
 * bar on a terminal), one cell of it (`--index`, what a Kubernetes Job
 * index runs), emit the Indexed Job (`--emit-job`), or merge a Job's
 * results (`kubesim bench merge DIR`).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { benchCells, loadBench, portableBench } from '../../bench/bench-spec.js';
import { matrixInputs } from '../../bench/matrix-digest.js';
import { benchPluginFiles, loadedPluginsLine } from '../../bench/plugin-files.js';
import { BENCH_SCHEMA_VERSION } from '../../bench/bench-report.js';
import { runCell } from '../../bench/cell.js';
import { emitJob } from '../../bench/job.js';
import { mergeCellFiles } from '../../bench/merge.js';
import { runBench, writeBenchReport, type BenchCellFile } from '../../bench/run-bench.js';
import type { BenchEta } from '../../bench/eta.js';
import { formatDuration } from '../../engine/time.js';
import { benchTables } from '../../report/text/bench-table.js';
import { styleFor } from '../../report/text/style.js';
import { renderTable } from '../../report/text/table.js';
import { writeAtomic } from '../../report/write-atomic.js';
import type { BenchReport } from '../../bench/bench-report.js';
import { EXIT_OK, EXIT_RUN_FAILED } from '../exit-codes.js';
import { prepareOutputFolder } from '../output.js';
import { outOption, UsageError } from '../usage-error.js';

function integerFlag(text: string | undefined, flag: string, min: 0 | 1): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${flag} expects a ${min === 0 ? 'non-negative' : 'positive'} integer, got "${text}"`);
  return value;
}

export function printBenchReport(report: BenchReport, outputs: readonly string[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ bench: report.bench, complete: report.complete, results: report.results, outputs }, null, 2)}\n`);
    return;
  }
  const style = styleFor(process.stdout);
  const lines: string[] = [];
  for (const table of benchTables(report)) lines.push(style.bold(table.title ?? ''), ...renderTable(table, style), '');
  if (!report.complete) lines.push(style.warn(`incomplete: ${report.cells.length} of ${report.bench.scenarios.length * report.bench.profiles.length * report.bench.seeds} cells have results`), '');
  lines.push(style.dim(`Reports: ${outputs.join(', ')}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

function mergeCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, quiet: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('bench merge expects exactly one folder');
  outOption(values.out);
  const folder = positionals[0] as string;
  const merged = mergeCellFiles(folder);
  const out = values.out ?? folder;
  const lock = prepareOutputFolder(out);
  let outputs: string[];
  try {
    outputs = writeBenchReport(out, merged.report);
  } finally {
    lock.release();
  }
  if (!values.quiet) printBenchReport(merged.report, outputs, values.json);
  if (merged.missing.length === 0) return EXIT_OK;
  // The report is written, marked incomplete; the exit code says the Job is not done.
  const shown = `${merged.missing.slice(0, 20).join(', ')}${merged.missing.length > 20 ? ', …' : ''}`;
  process.stderr.write(`kubesim: ${merged.missing.length} index(es) have no report.json in ${folder}: ${shown}; the merged report is marked incomplete\n`);
  return EXIT_RUN_FAILED;
}

export async function benchCommand(args: string[]): Promise<number> {
  if (args[0] === 'merge') return mergeCommand(args.slice(1));
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' }, workers: { type: 'string' }, resume: { type: 'boolean', default: false }, force: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
      index: { type: 'string' }, 'emit-job': { type: 'boolean', default: false },
      image: { type: 'string' }, 'results-claim': { type: 'string' }, parallelism: { type: 'string' }, namespace: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('bench expects exactly one bench file (or: bench merge DIR)');
  outOption(values.out);
  const file = positionals[0] as string;
  const bench = loadBench(file);
  const pluginsLine = loadedPluginsLine(benchPluginFiles(bench));
  if (pluginsLine !== undefined && !values.quiet && !values.json && !values['emit-job']) process.stderr.write(pluginsLine);

  if (values['emit-job']) {
    const manifest = emitJob(bench, {
      benchFile: file,
      image: values.image ?? 'kubesim:latest',
      resultsClaim: values['results-claim'] ?? 'kubesim-bench-results',
      parallelism: integerFlag(values.parallelism, '--parallelism', 1) ?? 10,
      ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
    });
    if (values.out === undefined) process.stdout.write(manifest);
    else writeAtomic(values.out, manifest);
    return EXIT_OK;
  }

  const index = integerFlag(values.index, '--index', 0);
  if (index !== undefined) {
    const task = benchCells(bench)[index];
    if (task === undefined) throw new UsageError(`--index ${index} is past the last cell (${benchCells(bench).length - 1})`);
    const out: BenchCellFile = { schemaVersion: BENCH_SCHEMA_VERSION, kind: 'BenchCell', matrix: matrixInputs(bench, file).matrix, bench: portableBench(bench), cell: runCell(task) };
    const path = join(values.out ?? join('reports', bench.name, String(index)), 'report.json');
    writeAtomic(path, `${JSON.stringify(out, null, 2)}\n`);
    if (!values.quiet) process.stdout.write(`cell ${index} (${task.scenario}, ${task.profile}, seed #${task.seedIndex}): ${path}\n`);
    return EXIT_OK;
  }

  const workers = integerFlag(values.workers, '--workers', 1) ?? bench.workers ?? availableParallelism();
  const showBar = !values.quiet && !values.json && process.stderr.isTTY;
  // The ETA is bench/eta.ts's (per scenario and profile, smoothed), not cli-progress's recent rate.
  const bar = showBar ? new cliProgress.SingleBar({ stream: process.stderr, format: 'bench {bar} {value}/{total} cells | {percentage}% | ETA {etaText} | {last}', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  let started = false;
  let eta: BenchEta | undefined;
  const etaText = (): string => {
    const ms = eta?.remainingMs(performance.now());
    return ms === null || ms === undefined ? '…' : formatDuration(Math.round(ms / 1000) * 1000) || '0s';
  };
  const ticker = bar === undefined ? undefined : setInterval(() => started && bar.update({ etaText: etaText() }), 1000);
  ticker?.unref();
  const folder = values.out ?? join('reports', bench.name);
  // cells.jsonl grows in place in the folder; the reports are swapped in together at the end, under the lock (report-folder.ts).
  const lock = prepareOutputFolder(folder);
  const run = await runBench(bench, {
    benchFile: file,
    out: folder,
    workers,
    resume: values.resume,
    force: values.force,
    onNotice: (message) => process.stderr.write(`kubesim: ${message}\n`),
    onProgress: (done, total, last, progress) => {
      if (bar === undefined) return;
      eta = progress;
      const label = last === undefined ? '' : `${last.profile} seed #${last.seedIndex}`;
      if (!started) {
        bar.start(total, done, { last: label, etaText: etaText() });
        started = true;
      } else bar.update(done, { last: label, etaText: etaText() });
    },
  }).finally(() => {
    clearInterval(ticker);
    lock.release();
  });
  bar?.stop();
  if (!values.quiet) {
    if (run.resumed > 0 && !values.json) process.stdout.write(`resumed: ${run.resumed} cell(s) already done, ${run.ran} run now\n`);
    printBenchReport(run.report, run.outputs, values.json);
  }
  return EXIT_OK;
}
