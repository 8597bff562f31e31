/**
 * Whether a big run's reports stay usable: runs bench:cluster's scenario
 * (cluster-scenario.ts) as `kubesim run` does (rows streamed, every report
 * written), or takes a report folder a run already wrote, and prints the
 * size of report.html, report.json, pods.jsonl, events.jsonl and csv/,
 * and how long Debian's Chromium takes from navigation to every chart
 * drawn, best of 3 (targets at 150,000 pods: report.html < 10 MB, drawn in
 * < 5 s; issue 16).
 * The run's line gives the peak RSS when the simulation and its report
 * object were done (`sim_peak_rss_mib`) and after the files were written
 * (`peak_rss_mib`): their difference is what writing the reports added.
 * Usage: npm run bench:report-size -- [NODES] [PODS] [MINUTES] [--keep DIR]   (150 4000 10)
 *        npm run bench:report-size -- --dir REPORT_DIR
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSpool, prepareOutputFolder, writeStreamedRunOutputs } from '../src/cli/output.js';
import { runScenarioInto } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { checkPage, chromiumAvailable, CHROMIUM_PATH } from './browser.js';
import { clusterScenario } from './cluster-scenario.js';
import { benchArguments } from './arguments.js';

interface ClusterSize {
  readonly nodes: number;
  readonly pods: number;
  readonly minutes: number;
  /** Where the reports are kept; a temporary folder when undefined. */
  readonly keep: string | undefined;
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);
const sizeOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
const peakRssMiB = (): string => (process.resourceUsage().maxRSS / 1024).toFixed(0);

/** Runs the generated scenario into a temporary folder (kept as `keep` when given); returns the report folder and a clean-up. */
function runCluster({ nodes, pods, minutes, keep }: ClusterSize): { dir: string; cleanup: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-report-size-'));
  const scenarioFile = join(folder, 'cluster.yaml');
  writeFileSync(scenarioFile, clusterScenario(nodes, pods, minutes));
  const dir = keep ?? join(folder, 'reports');
  const started = process.hrtime.bigint();
  const lock = prepareOutputFolder(dir);
  const spool = openSpool(dir);
  try {
    const result = runScenarioInto(loadScenario(scenarioFile), spool);
    const simPeak = peakRssMiB();
    writeStreamedRunOutputs(dir, result, spool);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`report-size run nodes=${nodes} pods=${pods} minutes=${minutes} wall_ms=${wallMs.toFixed(0)} sim_peak_rss_mib=${simPeak} peak_rss_mib=${peakRssMiB()}`);
  } finally {
    spool.remove();
    lock.release();
  }
  return { dir, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

const given = benchArguments('npm run bench:report-size -- [NODES] [PODS] [MINUTES] [--keep DIR] | --dir REPORT_DIR', (args): ClusterSize | { readonly dir: string } => {
  if (args.flag('--dir')) return { dir: args.required('REPORT_DIR') };
  const keep = args.valueOf('--keep', 'a folder');
  return { nodes: args.positiveInteger(150, 'NODES'), pods: args.positiveInteger(4000, 'PODS'), minutes: args.positiveInteger(10, 'MINUTES'), keep };
});
const { dir, cleanup } = 'dir' in given ? { dir: given.dir, cleanup: () => undefined } : runCluster(given);
const htmlPath = join(dir, 'report.html');
const csvBytes = readdirSync(join(dir, 'csv')).reduce((n, f) => n + sizeOf(join(dir, 'csv', f)), 0);
console.log(
  `report-size html_mib=${mib(sizeOf(htmlPath))} (target < 10) json_mib=${mib(sizeOf(join(dir, 'report.json')))} ` +
  `pods_jsonl_mib=${mib(sizeOf(join(dir, 'pods.jsonl')))} events_jsonl_mib=${mib(sizeOf(join(dir, 'events.jsonl')))} csv_mib=${mib(csvBytes)}`,
);
if (!chromiumAvailable()) {
  console.log(`report-size draw: skipped, no Chromium at ${CHROMIUM_PATH}`);
} else {
  const times: number[] = [];
  let charts = 0;
  for (let i = 0; i < 3; i++) {
    const check = await checkPage(htmlPath);
    const failed = check.charts.filter((c) => c.error !== undefined);
    if (check.consoleErrors.length > 0 || failed.length > 0) console.log(`report-size errors: ${JSON.stringify(check.consoleErrors)} ${JSON.stringify(failed)}`);
    times.push(check.renderMs);
    charts = check.charts.length;
  }
  console.log(`report-size charts=${charts} draw_ms_runs=${times.map((t) => t.toFixed(0)).join(',')} draw_ms_best=${Math.min(...times).toFixed(0)} (target < 5000)`);
}
cleanup();
