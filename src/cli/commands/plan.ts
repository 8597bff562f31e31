/**
 * `kubesim plan`: find the smallest parameter value that meets an SLO and
 * write the plan report; a progress bar with an ETA on a terminal; exit 3
 * when no value meets the SLO.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { RunsEta } from '../../bench/eta.js';
import { loadPlan } from '../../bench/plan-spec.js';
import { loadedPluginsLine, planPluginFiles } from '../../bench/plugin-files.js';
import { PLAN_ENTRIES, runPlan, writePlanReport } from '../../bench/run-plan.js';
import { planAnswers, planTable } from '../../report/text/plan-table.js';
import { styleFor } from '../../report/text/style.js';
import { renderTable } from '../../report/text/table.js';
import { formatDuration } from '../../engine/time.js';
import { EXIT_OK, EXIT_PLAN_UNMET } from '../exit-codes.js';
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
  const pluginsLine = loadedPluginsLine(planPluginFiles(plan));
  if (pluginsLine !== undefined && !values.quiet && !values.json) process.stderr.write(pluginsLine);
  const workers = values.workers === undefined ? plan.workers ?? availableParallelism() : Number(values.workers);
  if (!Number.isSafeInteger(workers) || workers < 1) throw new UsageError(`--workers expects a positive integer, got "${values.workers}"`);
  const folder = values.out ?? join('reports', plan.name);
  const lock = prepareOutputFolder(folder, PLAN_ENTRIES);
  const verbose = !values.quiet && !values.json;
  // The bar redraws in place, so only on a terminal; elsewhere each evaluated value gets a line on stderr.
  const bar = verbose && process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: 'plan {bar} {value}/{total} runs | ETA {etaText} | {last}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let last = '';
  // The bar's own ETA says 0s before any run has finished; RunsEta says "unknown" then, and counts down between runs.
  const eta = new RunsEta(Date.now());
  const etaText = (): string => {
    const ms = eta.remainingMs(Date.now());
    const seconds = ms === null ? null : Math.round(ms / 1000);
    return seconds === null ? 'unknown' : seconds === 0 ? '0s' : formatDuration(seconds * 1000);
  };
  const countDown = bar === undefined ? undefined : setInterval(() => bar.update({ etaText: etaText(), last }), 1000).unref();
  const style = styleFor(process.stderr);
  let report: Awaited<ReturnType<typeof runPlan>>;
  let outputs: string[];
  try {
    report = await runPlan(plan, {
      workers,
      onRun: (done, atMost) => {
        if (bar === undefined) return;
        eta.update(done, atMost, Date.now());
        if (done === 0) bar.start(atMost, 0, { etaText: etaText(), last });
        bar.setTotal(atMost);
        bar.update(done, { etaText: etaText(), last });
      },
      onPoint: (p) => {
        last = `${plan.parameter.kind}=${String(p.value)}: ${p.seedsPassed}/${plan.seeds} seeds passed`;
        if (verbose && bar === undefined) process.stderr.write(`${style.dim('plan')} ${last}, ${p.passed ? style.good('meets the SLO') : style.bad('misses the SLO')}\n`);
      },
    });
    clearInterval(countDown);
    bar?.stop();
    outputs = writePlanReport(folder, report);
  } finally {
    clearInterval(countDown);
    lock.release();
  }
  if (values.json) {
    const { chosen, assumedMonotone, monotonicity, bestFailure } = report;
    process.stdout.write(`${JSON.stringify({ chosen, assumedMonotone, monotonicity, bestFailure, points: report.points.map(({ runs: _runs, ...p }) => p), outputs }, null, 2)}\n`);
  } else if (!values.quiet) {
    const out = styleFor(process.stdout);
    const lines = [...planAnswers(report).map((a) => `${a.tone === 'warn' ? out.warn('!') : out.good('•')} ${a.text}`), '', ...renderTable(planTable(report), out), '', out.dim(`Reports: ${outputs.join(', ')}`)];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.chosen === null ? EXIT_PLAN_UNMET : EXIT_OK;
}
