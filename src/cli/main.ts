/**
 * The kubesim command. A thin shell over the library: it parses arguments,
 * calls loadScenario / runScenario, writes outputs, and maps failures to exit
 * codes. Bad input is printed as `file:line:column: message` without a stack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SimulationError } from '../engine/errors.js';
import { describeUserPluginFailure, UserPluginFailure } from '../scheduler/config/user-plugins.js';
import { CellRunError } from '../bench/cell-failure.js';
import { formatDuration } from '../engine/time.js';
import { renderSummary, summaryJson } from '../report/text/run-summary.js';
import { styleFor } from '../report/text/style.js';
import { runScenarioPausing, type StreamedRunResult } from '../runner/run-scenario.js';
import { formatIssue, ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_RUN_FAILED } from './exit-codes.js';
import { explainCommand, ExplainUsageError } from './commands/explain.js';
import { openSpool, OutputError, prepareOutputFolder, RUN_ENTRIES, writeStreamedRunOutputs } from './output.js';
import { outOption, UsageError } from './usage-error.js';
import { progressWanted, runProgress } from './progress.js';
import { BenchInputError } from '../bench/input-error.js';
import { writeAtomic } from '../report/write-atomic.js';
import { heapGuard, HeapLimitError } from './heap-guard.js';

const USAGE = `kubesim: a deterministic simulator of Kubernetes scheduling and rollouts

Usage:
  kubesim run <scenario.yaml> [--seed N] [--out DIR] [--quiet | --json] [--dump-state FILE]
      Run a scenario; write report.json, report.html, csv/, pods.jsonl,
      jobs.jsonl, events.jsonl and run-stats.json to DIR (default: reports/<scenario name>) and print a
      summary (--json: the headline numbers as JSON; --quiet: nothing).
      --dump-state: the objects at the end, as kubectl get -o yaml prints them.
  kubesim validate <scenario.yaml> [--allow-plugins]
      Check a scenario without running it. Plugin files are checked by path
      only, since a plugin is code; --allow-plugins loads them (running their
      code with your rights) to check their exports and the profiles that
      name them.
  kubesim bench <bench.yaml> [--out DIR] [--workers N] [--resume | --force] [--quiet | --json]
      Run scenarios x scheduler profiles x seeds on worker threads; write
      DIR/report.json, report.html and cells.jsonl and print the comparison
      with the baseline (docs/bench.md). Finished cells in DIR are resumed
      (--resume) or moved aside (--force), never overwritten.
  kubesim bench <bench.yaml> --emit-job [--image IMG] [--results-claim PVC] [--parallelism N] [--out FILE]
  kubesim bench <bench.yaml> --index N --out DIR
  kubesim bench merge DIR [--out DIR]
      The same matrix as a Kubernetes Indexed Job, one cell per index, and
      merging its results (docs/distributed.md).
  kubesim plan <plan.yaml> [--out DIR] [--workers N] [--quiet | --json]
      Find the smallest value of a parameter that meets an SLO (docs/plan.md).
  kubesim history <report.json> --deployment NAME [--namespace NS] [--revision N]
      Print a Deployment's rollout history as kubectl rollout history does.
  kubesim events <report dir> [--for KIND/NAME] [--namespace NS] [--since TIME] [--until TIME]
      Print a run's events as kubectl get events --sort-by=.lastTimestamp
      does (+1m20s, type, reason, object, source, message), with pod Ready
      and deletion lines derived from the pod timelines (source kubesim).
      --for deployment/web adds its ReplicaSets and pods; pod/NAME,
      node/NAME and any kind/name work too (docs/report.md).
  kubesim describe <report dir> KIND/NAME [--namespace NS] [--at TIME]
      Print a Deployment, ReplicaSet or pod as kubectl describe does
      (deployment/web: replicas, strategy, pod template, conditions, old
      and new ReplicaSets, events) at the end of the run or at a simulated
      time (docs/report.md).
  kubesim explain <scenario.yaml> --pod NAME [--at TIME]
      Run until the pod's first scheduling attempt at or after TIME and print
      every filter verdict and every score per node (docs/scheduler.md).
  kubesim import <dump.yaml>... [-o scenario.yaml] [--name NAME]
      Turn what \`kubectl get nodes,pods,deployments,... -A -o yaml\` printed
      into a scenario that starts as that cluster is: nodes with their
      allocatable, workloads with their pods running on their nodes at t=0
      (docs/import.md). What was kept, changed and dropped goes to stderr.
  kubesim --help | --version

Exit codes: 0 success, 1 the run failed, 2 bad input (scenario or arguments),
3 plan: no value meets the SLO.
Scenario format: docs/scenarios.md.`;


function version(): string {
  const url = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed expects a non-negative integer, got "${text}"`);
  return seed;
}

/** One turn of the event loop: a signal that came meanwhile is handled (interrupt-cleanup.ts). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function runCommand(args: string[]): Promise<number> {
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
      const guard = heapGuard();
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

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function validateCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'allow-plugins': { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('validate expects exactly one scenario file');
  // A plugin is code: validate checks its path and runs it only when asked to.
  const allowPlugins = values['allow-plugins'];
  const scenario = loadScenario(positionals[0] as string, allowPlugins ? {} : { plugins: 'check' });
  const tracePods = scenario.workloads.reduce((n, w) => n + w.pods.length, 0);
  process.stdout.write(
    `${positionals[0]}: valid: ${counted(scenario.nodes.length, 'node')}, ${counted(scenario.manifests.length, 'object')}, ` +
    `${counted(scenario.timeline.length, 'timeline action')}, ${formatDuration(scenario.durationMs)} simulated` +
    `${scenario.workloads.length === 0 ? '' : `, ${counted(tracePods, 'trace pod')}`}\n`,
  );
  for (const warning of scenario.warnings) process.stdout.write(`warning: ${warning}\n`);
  const plugins = scenario.scheduler.pluginFiles.length;
  if (plugins > 0 && !allowPlugins) {
    process.stdout.write(`note: ${counted(plugins, 'plugin file')} checked by path only (exists, a regular file, .ts or .js): validate does not run plugin code, so the plugins each file exports and the scheduler profiles that name them are checked when the scenario runs, or now with --allow-plugins (which runs the plugin files' code)\n`);
  }
  return EXIT_OK;
}

async function historyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { deployment: { type: 'string' }, namespace: { type: 'string', default: 'default' }, revision: { type: 'string' } },
  });
  if (positionals.length !== 1 || values.deployment === undefined) throw new UsageError('history expects a report.json and --deployment NAME');
  const revision = values.revision === undefined ? undefined : parseSeed(values.revision);
  const { readReport, rolloutHistory } = await import('./history.js');
  let report;
  try {
    report = readReport(positionals[0] as string);
  } catch (error) {
    throw new UsageError(`cannot read ${positionals[0] as string}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = rolloutHistory(report, values.deployment, values.namespace, revision);
  if (!result.ok) {
    process.stderr.write(`error: ${result.message}\n`);
    return EXIT_BAD_INPUT;
  }
  process.stdout.write(result.text);
  return EXIT_OK;
}

/**
 * The usage of one command: its `  kubesim <command>` entries of USAGE
 * with their indented explanations, or undefined for an unknown command.
 */
export function commandUsage(command: string): string | undefined {
  const lines = USAGE.split('\n');
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (line.startsWith('  kubesim ')) inside = line.startsWith(`  kubesim ${command} `) || line === `  kubesim ${command}`;
    else if (!line.startsWith('      ')) inside = false;
    if (inside) out.push(line);
  }
  return out.length === 0 ? undefined : `Usage:\n${out.join('\n')}\n\nExit codes: 0 success, 1 the run failed, 2 bad input (scenario or arguments).`;
}

/** Commands whose own option parser prints their usage for --help. */
const OWN_HELP = new Set(['events', 'describe']);

export function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  const usage = command === undefined || OWN_HELP.has(command) ? undefined : commandUsage(command);
  if (usage !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  try {
    switch (command) {
      case 'run':
        return runCommand(rest).catch(reportFailure);
      case 'validate':
        return validateCommand(rest);
      // Commands other than run and validate load their modules when called: a run does not pay for them.
      case 'bench':
        return import('./commands/bench.js').then(({ benchCommand }) => benchCommand(rest)).catch(reportFailure);
      case 'plan':
        return import('./commands/plan.js').then(({ planCommand }) => planCommand(rest)).catch(reportFailure);
      case 'history':
        return historyCommand(rest).catch(reportFailure);
      case 'explain':
        return explainCommand(rest);
      case 'events':
        return import('./commands/events.js').then(({ eventsCommand }) => eventsCommand(rest)).catch(reportFailure);
      case 'describe':
        return import('./commands/describe.js').then(({ describeCommand }) => describeCommand(rest)).catch(reportFailure);
      case 'import':
        return import('./commands/import.js').then(({ importCommand }) => importCommand(rest)).catch(reportFailure);
      case '--version':
      case '-v':
        process.stdout.write(`${version()}\n`);
        return EXIT_OK;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? EXIT_BAD_INPUT : EXIT_OK;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportFailure(error);
  }
}

/** An error from a file system call (ENOSPC, EACCES, ...): the environment's, not a bug. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function reportFailure(error: unknown): number {
  if (error instanceof ScenarioError) {
    for (const issue of error.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof BenchInputError) {
    process.stderr.write(`kubesim: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof UsageError || error instanceof ExplainUsageError || (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true)) {
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
  if (error instanceof CellRunError && error.userPlugin) {
    process.stderr.write(`kubesim: ${error.message}\n`);
    return EXIT_RUN_FAILED;
  }
  if (error instanceof SimulationError) {
    process.stderr.write(`kubesim: the run failed at t=${formatDuration(error.atMs)}: ${error.message}\n`);
    if (error.cause instanceof Error && error.cause.stack !== undefined) process.stderr.write(`${error.cause.stack}\n`);
    process.stderr.write('This is a bug in kubesim; please report it with the scenario file.\n');
    return EXIT_RUN_FAILED;
  }
  const stack = error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`kubesim: internal error: ${stack}\nThis is a bug in kubesim; please report it with the scenario file.\n`);
  return EXIT_RUN_FAILED;
}
