/**
 * `kubesim run <scenario.yaml>`: loads the scenario, runs it in slices (so
 * that a signal or the heap guard can stop it between two), and writes the
 * reports into the output folder as one unit (output.ts).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderSummary, summaryJson } from '../../report/text/run-summary.js';
import { styleFor } from '../../report/text/style.js';
import { writeAtomic } from '../../report/write-atomic.js';
import { runScenarioPausing, type StreamedRunResult } from '../../runner/run-scenario.js';
import { loadScenario } from '../../scenario/load.js';
import { EXIT_OK } from '../exit-codes.js';
import { isFileSystemError } from '../file-system-error.js';
import { heapGuard } from '../heap-guard.js';
import { openSpool, OutputError, prepareOutputFolder, RUN_ENTRIES, writeStreamedRunOutputs } from '../output.js';
import { progressWanted, runProgress } from '../progress.js';
import { outOption, parseSeed, UsageError } from '../usage-error.js';

/** One turn of the event loop: a signal that came meanwhile is handled (interrupt-cleanup.ts). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { seed: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, 'dump-state': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('run expects exactly one scenario file');
  const dumpTo = values['dump-state'];
  if (dumpTo === '') throw new UsageError('--dump-state expects a file path, got an empty string');
  const seed = parseSeed(values.seed);
  const out = outOption(values.out);
  const scenario = loadScenario(positionals[0] as string, seed === undefined ? {} : { seed });
  const folder = out ?? join('reports', scenario.name);
  if (!values.quiet) for (const warning of scenario.warnings) process.stderr.write(`warning: ${warning}\n`);
  // Ctrl-C (SIGINT) or SIGTERM releases the lock and removes the temporary folder, then ends the run as killed by the signal.
  const lock = prepareOutputFolder(folder, RUN_ENTRIES);
  let result: StreamedRunResult;
  let outputs: string[];
  try {
    // Pod timelines, Jobs and Events are appended to files as the run goes (run-spool.ts).
    const spool = openSpool(folder);
    try {
      const progress = progressWanted(process.stderr.isTTY, values.quiet, values.json) ? runProgress(process.stderr, { durationMs: scenario.durationMs }) : undefined;
      // Stops the run with a message before V8's heap limit would abort the process (heap-guard.ts).
      const guard = heapGuard('kubesim run');
      try {
        const onProgress = progress === undefined ? {} : { onProgress: (simulatedMs: number, events: number) => progress.update(simulatedMs, events) };
        const pause = (simulatedMs: number): Promise<void> => {
          guard.check(simulatedMs);
          return nextTurn();
        };
        result = await runScenarioPausing(scenario, spool, { ...onProgress, dumpState: dumpTo !== undefined }, pause);
      } finally {
        guard.stop();
        progress?.finish();
      }
      try {
        outputs = writeStreamedRunOutputs(folder, result, spool);
        if (dumpTo !== undefined && result.state !== undefined) {
          writeAtomic(dumpTo, result.state);
          outputs.push(dumpTo);
        }
      } catch (error) {
        if (!isFileSystemError(error)) throw error;
        throw new OutputError(`the run finished, but its reports could not be written to ${folder}: ${error.message}`, { cause: error });
      }
    } finally {
      spool.remove();
    }
    // A signal that came while the reports were written still ends the run as killed by it (the new folder is complete).
    await nextTurn();
  } finally {
    lock.release();
  }
  if (values.json) process.stdout.write(summaryJson(result.report, outputs));
  else if (!values.quiet) process.stdout.write(renderSummary(result.report, result.stats, outputs, styleFor(process.stdout)));
  return EXIT_OK;
}
