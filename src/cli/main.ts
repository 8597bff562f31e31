/**
 * The kubesim command. A thin shell over the library: it parses arguments,
 * calls loadScenario / runScenario, writes outputs, and maps failures to exit
 * codes. Bad input is printed as `file:line:column: message` without a stack.
 *
 * Each command's module is imported when that command is called, and the
 * failure report when a command failed (report-failure.ts): `--version` and
 * `--help` load this file and the usage text, `validate` the scenario
 * loader, `run` what a run needs.
 */
import { createRequire } from 'node:module';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { commandUsage, USAGE } from './usage.js';

export { commandUsage } from './usage.js';

/** The package's own package.json by name (Node's self-reference through `exports`): right from dist/src/cli/, the bundle in dist/bundle/ and src/. */
function version(): string {
  return (createRequire(import.meta.url)('kubesim/package.json') as { version: string }).version;
}

/** Commands whose own option parser prints their usage for --help. */
const OWN_HELP = new Set(['events', 'describe']);

/** Reports a command's failure (bad input: exit 2 without a stack). */
async function failed(error: unknown): Promise<number> {
  const { reportFailure } = await import('./report-failure.js');
  return reportFailure(error);
}

/** Calls a command once its module is loaded; what it throws or rejects with is reported as a failure. */
function call<M>(load: Promise<M>, command: (module: M) => number | Promise<number>): Promise<number> {
  return load.then(command).catch(failed);
}

export function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const usage = command === undefined || OWN_HELP.has(command) ? undefined : commandUsage(command);
  if (usage !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${usage}\n`);
    return Promise.resolve(EXIT_OK);
  }
  switch (command) {
    case 'run':
      return call(import('./commands/run.js'), ({ runCommand }) => runCommand(rest));
    case 'validate':
      return call(import('./commands/validate.js'), ({ validateCommand }) => validateCommand(rest));
    case 'bench':
      return call(import('./commands/bench.js'), ({ benchCommand }) => benchCommand(rest));
    case 'plan':
      return call(import('./commands/plan.js'), ({ planCommand }) => planCommand(rest));
    case 'history':
      return call(import('./commands/history.js'), ({ historyCommand }) => historyCommand(rest));
    case 'explain':
      return call(import('./commands/explain.js'), ({ explainCommand }) => explainCommand(rest));
    case 'events':
      return call(import('./commands/events.js'), ({ eventsCommand }) => eventsCommand(rest));
    case 'describe':
      return call(import('./commands/describe.js'), ({ describeCommand }) => describeCommand(rest));
    case 'import':
      return call(import('./commands/import.js'), ({ importCommand }) => importCommand(rest));
    case '--version':
    case '-v':
      return call(Promise.resolve(), () => {
        process.stdout.write(`${version()}\n`);
        return EXIT_OK;
      });
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return Promise.resolve(command === undefined ? EXIT_BAD_INPUT : EXIT_OK);
    default:
      return failed(new UsageError(`unknown command "${command}"`));
  }
}
