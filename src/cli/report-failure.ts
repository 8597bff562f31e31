/**
 * How a failed command ends: bad input (a scenario error with its
 * file:line:column, a wrong command line) exits 2 without a stack; a run
 * that failed exits 1; anything else is reported as a bug in kubesim.
 * Loaded only when a command failed: a command that succeeds does not load
 * the modules of every error it could have raised (main.ts).
 */
import { SimulationError } from '../engine/errors.js';
import { describeUserPluginFailure, UserPluginFailure } from '../scheduler/config/user-plugins.js';
import { CellRunError } from '../bench/cell-failure.js';
import { BenchInputError } from '../bench/input-error.js';
import { formatDuration } from '../engine/time.js';
import { formatIssue, ScenarioError } from '../scenario/errors.js';
import { EXIT_BAD_INPUT, EXIT_RUN_FAILED } from './exit-codes.js';
import { isFileSystemError } from './file-system-error.js';
import { HeapLimitError } from './heap-guard.js';
import { OutputError } from './output.js';
import { sourceStack } from './source-stack.js';
import { UsageError } from './usage-error.js';
import { USAGE } from './usage.js';

export function reportFailure(error: unknown): number {
  if (error instanceof ScenarioError) {
    for (const issue of error.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof BenchInputError) {
    process.stderr.write(`kubesim: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof UsageError || (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true)) {
    process.stderr.write(`kubesim: ${error.message}\n\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof OutputError) {
    process.stderr.write(`kubesim: ${error.message}\n`);
    return error.cause === undefined ? EXIT_BAD_INPUT : EXIT_RUN_FAILED;
  }
  if (isFileSystemError(error) || error instanceof HeapLimitError) {
    process.stderr.write(`kubesim: ${error.message}\n`);
    return EXIT_RUN_FAILED;
  }
  // A user plugin that threw: say so, and where in its file, without blaming kubesim.
  if (error instanceof SimulationError && error.cause instanceof UserPluginFailure) {
    process.stderr.write(`kubesim: the run failed at t=${formatDuration(error.atMs)}: ${describeUserPluginFailure(error.cause)}\n`);
    return EXIT_RUN_FAILED;
  }
  if (error instanceof CellRunError && error.badInput) {
    process.stderr.write(`kubesim: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  // A user plugin that threw, or a one-cell bench the heap guard stopped: the message says it all, no stack.
  if (error instanceof CellRunError && (error.userPlugin || error.heapLimit)) {
    process.stderr.write(`kubesim: ${error.message}\n`);
    return EXIT_RUN_FAILED;
  }
  if (error instanceof SimulationError) {
    process.stderr.write(`kubesim: the run failed at t=${formatDuration(error.atMs)}: ${error.message}\n`);
    if (error.cause instanceof Error && error.cause.stack !== undefined) process.stderr.write(`${sourceStack(error.cause.stack)}\n`);
    process.stderr.write('This is a bug in kubesim; please report it with the scenario file.\n');
    return EXIT_RUN_FAILED;
  }
  const stack = error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`kubesim: internal error: ${sourceStack(stack)}\nThis is a bug in kubesim; please report it with the scenario file.\n`);
  return EXIT_RUN_FAILED;
}
