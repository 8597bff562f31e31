/** `kubesim plan`: find the smallest parameter value that meets an SLO and write the plan report. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPlan } from '../../bench/plan-spec.js';
import { runPlan, writePlanReport } from '../../bench/run-plan.js';
import { planAnswers, planTable } from '../../report/text/plan-table.js';
import { styleFor } from '../../report/text/style.js';
import { renderTable } from '../../report/text/table.js';
import { EXIT_OK } from '../exit-codes.js';
import { prepareOutputFolder } from '../output.js';
import { outOption, UsageError } from '../usage-error.js';

export async function planCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, workers: { type: 'string' }, quiet: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('plan expects exactly one plan file');
  outOption(values.out);
  const plan = loadPlan(positionals[0] as string);
  const workers = values.workers === undefined ? plan.workers ?? availableParallelism() : Number(values.workers);
  if (!Number.isSafeInteger(workers) || workers < 1) throw new UsageError(`--workers expects a positive integer, got "${values.workers}"`);
  const folder = values.out ?? join('reports', plan.name);
  prepareOutputFolder(folder);
  const verbose = values.quiet !== true && values.json !== true;
  const style = styleFor(process.stderr);
  const report = await runPlan(plan, {
    workers,
    onPoint: (p) => {
      if (verbose) process.stderr.write(`${style.dim('plan')} ${plan.parameter.kind}=${String(p.value)}: ${p.passed ? style.good('meets the SLO') : style.bad('misses the SLO')}\n`);
    },
  });
  const outputs = writePlanReport(folder, report);
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify({ chosen: report.chosen, points: report.points.map(({ runs: _runs, ...p }) => p), outputs }, null, 2)}\n`);
  } else if (values.quiet !== true) {
    const out = styleFor(process.stdout);
    const lines = [...planAnswers(report).map((a) => `${a.tone === 'warn' ? out.warn('!') : out.good('•')} ${a.text}`), '', ...renderTable(planTable(report), out), '', out.dim(`Reports: ${outputs.join(', ')}`)];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT_OK;
}
