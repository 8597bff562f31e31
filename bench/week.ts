/**
 * Memory that follows live objects (issue 16): scenarios/week-of-cronjobs.yaml
 * run for DAYS days (default 7) as `kubesim run` does (reports written), in
 * a process of its own started with the Node flags of bin/kubesim.js's first
 * line (what a user's `npx kubesim` runs). The peak RSS at 1 day and at DAYS
 * days are read in that same process: the kernel's high-water mark
 * (getrusage maxRSS) when the simulated clock passes 1 day and when the
 * simulation ends, then again after the reports are written. Two separate
 * processes of 1 and 7 days compared two GC histories (V8 grows the young
 * generation and settles its old-generation limit over the first
 * collections), so the 1-day peak moved by 20 % from run to run and the
 * ratio with it (1.18x, 1.40x). The old generation that survived each full
 * GC (v8.GCProfiler) is printed too, largest by day 1 and over the run: the
 * live heap, which GC timing does not move.
 * Usage: npm run bench:week -- [DAYS] [RUNS]   (7 1; with RUNS > 1, the run with the lowest final peak)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FullGcReader } from '../src/cli/heap-guard.js';
import { boundHeapGrowth } from '../src/cli/heap-growth.js';
import { openSpool, prepareOutputFolder, RUN_ENTRIES, writeStreamedRunOutputs } from '../src/cli/output.js';
import { runScenarioPausing } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { benchArguments } from './arguments.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;
const MiB = 1024 * 1024;

/** The flags after `node` in bin/kubesim.js's `#!/usr/bin/env -S node ...` line. */
function binNodeFlags(): string[] {
  const first = readFileSync(join(root, 'bin', 'kubesim.js'), 'utf8').split('\n')[0] ?? '';
  const words = first.replace(/^#!\S*\s*(-S\s+)?/, '').split(/\s+/).filter((w) => w !== '');
  return words[0] === 'node' ? words.slice(1) : [];
}

interface Measured {
  /** maxRSS when the simulated clock first passed 1 day. */
  readonly peakRssMiB1d: number;
  /** maxRSS when the simulation ended. */
  readonly peakRssMiBEnd: number;
  /** maxRSS after the reports were written. */
  readonly peakRssMiBReports: number;
  /** The largest old generation after a full GC by day 1, and over the whole simulation (undefined: no full GC yet). */
  readonly liveMiB1d: number | undefined;
  readonly liveMiBEnd: number | undefined;
  readonly cpuMs: number;
}

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

if (process.argv[2] === '--child') {
  // One run as `kubesim run` does it (bin/kubesim.js's heap growth policy, the pausing run, every report written); the parent reads the last line.
  boundHeapGrowth();
  const out = process.argv[4] as string;
  const scenario = loadScenario(process.argv[3] as string);
  const lock = prepareOutputFolder(out, RUN_ENTRIES);
  const spool = openSpool(out);
  const fullGcs = new FullGcReader();
  let live: number | undefined;
  let atOneDay: { rss: number; live: number | undefined } | undefined;
  const pause = (simulatedMs: number): Promise<void> => {
    // The last full GC of each slice: full GCs come seldom at this heap size, and the largest survivor set is what the peak follows.
    const last = fullGcs.take();
    if (last !== undefined) live = Math.max(live ?? 0, last);
    if (atOneDay === undefined && simulatedMs >= DAY_MS) atOneDay = { rss: maxRssMiB(), live };
    return new Promise((resolve) => setImmediate(resolve));
  };
  const result = await runScenarioPausing(scenario, spool, {}, pause);
  const last = fullGcs.take();
  fullGcs.stop();
  if (last !== undefined) live = Math.max(live ?? 0, last);
  const peakRssMiBEnd = maxRssMiB();
  writeStreamedRunOutputs(out, result, spool);
  spool.remove();
  lock.release();
  const usage = process.resourceUsage();
  const liveBy1d = atOneDay === undefined ? live : atOneDay.live;
  const measured: Measured = {
    peakRssMiB1d: atOneDay?.rss ?? peakRssMiBEnd,
    peakRssMiBEnd,
    peakRssMiBReports: usage.maxRSS / 1024,
    liveMiB1d: liveBy1d === undefined ? undefined : liveBy1d / MiB,
    liveMiBEnd: live === undefined ? undefined : live / MiB,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} else {
  const [days, runs] = benchArguments('npm run bench:week -- [DAYS] [RUNS]', (args) => [args.positiveInteger(7, 'DAYS'), args.positiveInteger(1, 'RUNS')] as const);
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-week-'));
  try {
    const scenario = readFileSync(join(root, 'scenarios', 'week-of-cronjobs.yaml'), 'utf8');
    if (!/^ {2}duration: 7d$/m.test(scenario)) throw new Error('scenarios/week-of-cronjobs.yaml has no "  duration: 7d" line to change');
    const flags = binNodeFlags();
    const file = join(folder, `week-${days}d.yaml`);
    writeFileSync(file, scenario.replace(/^ {2}duration: 7d$/m, `  duration: ${days}d`));
    let best: Measured | undefined;
    for (let i = 0; i < runs; i++) {
      const child = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child', file, join(folder, 'out')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (child.status !== 0) throw new Error(`the ${days}-day run failed (exit ${child.status ?? child.signal ?? '?'})`);
      const measured = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as Measured;
      if (best === undefined || measured.peakRssMiBReports < best.peakRssMiBReports) best = measured;
    }
    const m = best as Measured;
    const mib = (value: number | undefined): string => (value === undefined ? 'n/a (no full GC)' : value.toFixed(0));
    console.log(
      `week node_flags="${flags.join(' ')}" days=${days} runs=${runs} ` +
      `peak_rss_mib_at_1d=${mib(m.peakRssMiB1d)} peak_rss_mib_at_${days}d=${mib(m.peakRssMiBEnd)} peak_rss_mib_with_reports=${mib(m.peakRssMiBReports)} ` +
      `live_heap_mib_by_1d=${mib(m.liveMiB1d)} live_heap_mib_by_${days}d=${mib(m.liveMiBEnd)} cpu_ms=${m.cpuMs.toFixed(0)} ` +
      `ratio=${(m.peakRssMiBEnd / m.peakRssMiB1d).toFixed(2)} (target <= 1.2) ratio_with_reports=${(m.peakRssMiBReports / m.peakRssMiB1d).toFixed(2)}`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
