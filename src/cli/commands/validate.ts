/** `kubesim validate <scenario.yaml>`: loads a scenario without running it and says what it holds. */
import { parseArgs } from 'node:util';
import { formatDuration } from '../../engine/time.js';
import { loadScenario } from '../../scenario/load.js';
import { EXIT_OK } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function validateCommand(args: string[]): number {
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
