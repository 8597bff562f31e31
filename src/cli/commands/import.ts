/**
 * `kubesim import <dump.yaml>... [-o scenario.yaml] [--name NAME]`: turns
 * what `kubectl get ... -A -o yaml` printed into a scenario that starts as
 * the cluster is (docs/import.md). The summary of what was kept, changed and
 * dropped goes to stderr; the scenario to the file (written atomically), or
 * to stdout without -o. A written scenario is then loaded as `kubesim
 * validate` would, so a problem shows now, at its line, not at the first run.
 */
import { parseArgs } from 'node:util';
import { importDump } from '../../import/import-dump.js';
import { importSummary } from '../../import/import-report.js';
import { readDump } from '../../import/read-dump.js';
import { scenarioName, scenarioYaml } from '../../import/write-scenario.js';
import { writeAtomic } from '../../report/write-atomic.js';
import { ScenarioError } from '../../scenario/errors.js';
import { loadScenario } from '../../scenario/load.js';
import { EXIT_OK } from '../exit-codes.js';
import { outOption, UsageError } from '../usage-error.js';

export function importCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, name: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('import expects one or more dump files (kubectl get ... -A -o yaml > dump.yaml)');
  const out = outOption(values.out);
  const name = values.name ?? scenarioName(out ?? 'imported-cluster');
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) throw new UsageError(`--name expects a lowercase RFC 1123 name (a-z, 0-9, '-'), got "${name}"`);
  const { manifests, log } = importDump(readDump(positionals));
  const summary = importSummary(log, positionals);
  const text = scenarioYaml(name, positionals, manifests, summary);
  process.stderr.write(`${summary.join('\n')}\n`);
  if (out === undefined) {
    process.stdout.write(text);
    return EXIT_OK;
  }
  writeAtomic(out, text);
  try {
    loadScenario(out, { plugins: 'check' });
  } catch (error) {
    if (error instanceof ScenarioError) process.stderr.write(`kubesim: wrote ${out}, but it does not load as it is; fix what these lines name:\n`);
    throw error;
  }
  process.stderr.write(`wrote ${out}: run it with \`kubesim run ${out}\`\n`);
  return EXIT_OK;
}
