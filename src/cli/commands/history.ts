/** `kubesim history <report.json> --deployment NAME`: a Deployment's rollout history (../history.ts). */
import { parseArgs } from 'node:util';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.js';
import { readReport, rolloutHistory } from '../history.js';
import { parseSeed, UsageError } from '../usage-error.js';

export function historyCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { deployment: { type: 'string' }, namespace: { type: 'string', default: 'default' }, revision: { type: 'string' } },
  });
  if (positionals.length !== 1 || values.deployment === undefined) throw new UsageError('history expects a report.json and --deployment NAME');
  const revision = values.revision === undefined ? undefined : parseSeed(values.revision);
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
