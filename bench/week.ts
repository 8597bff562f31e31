/**
 * Memory that follows live objects (issue 16): scenarios/week-of-cronjobs.yaml
 * run as `kubesim run` at 1 day and at DAYS days (default 7), each in a
 * process of its own started with the Node flags of bin/kubesim.js's first
 * line (what a user's `npx kubesim` runs), printing each run's peak RSS,
 * CPU time and the ratio (target: at most 1.2). A run is the CLI's main()
 * with its reports written; RSS is the process's maxRSS (getrusage).
 * Usage: npm run bench:week -- [DAYS] [RUNS]   (7 1; with RUNS > 1, the lowest peak of each)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boundHeapGrowth } from '../src/cli/heap-growth.js';
import { main } from '../src/cli/main.js';
import { benchArguments } from './arguments.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The flags after `node` in bin/kubesim.js's `#!/usr/bin/env -S node ...` line. */
function binNodeFlags(): string[] {
  const first = readFileSync(join(root, 'bin', 'kubesim.js'), 'utf8').split('\n')[0] ?? '';
  const words = first.replace(/^#!\S*\s*(-S\s+)?/, '').split(/\s+/).filter((w) => w !== '');
  return words[0] === 'node' ? words.slice(1) : [];
}

interface Measured {
  readonly exit: number;
  readonly peakRssMiB: number;
  readonly cpuMs: number;
}

if (process.argv[2] === '--child') {
  // One run as the CLI does it (bin/kubesim.js's heap growth policy too); the parent reads the last line.
  boundHeapGrowth();
  const exit = await main(['run', process.argv[3] as string, '--out', process.argv[4] as string, '--quiet']);
  const usage = process.resourceUsage();
  const measured: Measured = { exit, peakRssMiB: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} else {
  const [days, runs] = benchArguments('npm run bench:week -- [DAYS] [RUNS]', (args) => [args.positiveInteger(7, 'DAYS'), args.positiveInteger(1, 'RUNS')] as const);
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-week-'));
  try {
    const scenario = readFileSync(join(root, 'scenarios', 'week-of-cronjobs.yaml'), 'utf8');
    if (!/^ {2}duration: 7d$/m.test(scenario)) throw new Error('scenarios/week-of-cronjobs.yaml has no "  duration: 7d" line to change');
    const flags = binNodeFlags();
    const measure = (d: number): Measured => {
      const file = join(folder, `week-${d}d.yaml`);
      writeFileSync(file, scenario.replace(/^ {2}duration: 7d$/m, `  duration: ${d}d`));
      let best: Measured | undefined;
      for (let i = 0; i < runs; i++) {
        const child = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child', file, join(folder, `out-${d}d`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        const measured = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as Measured;
        if (child.status !== 0 || measured.exit !== 0) throw new Error(`the ${d}-day run failed (exit ${child.status ?? child.signal ?? '?'})`);
        if (best === undefined || measured.peakRssMiB < best.peakRssMiB) best = measured;
      }
      return best as Measured;
    };
    const oneDay = measure(1);
    const longer = measure(days);
    console.log(
      `week node_flags="${flags.join(' ')}" runs=${runs} ` +
      `peak_rss_mib_1d=${oneDay.peakRssMiB.toFixed(0)} cpu_ms_1d=${oneDay.cpuMs.toFixed(0)} ` +
      `peak_rss_mib_${days}d=${longer.peakRssMiB.toFixed(0)} cpu_ms_${days}d=${longer.cpuMs.toFixed(0)} ` +
      `ratio=${(longer.peakRssMiB / oneDay.peakRssMiB).toFixed(2)} (target <= 1.2)`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
