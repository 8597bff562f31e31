/**
 * `kubesim bench` scaling: 3 scheduling profiles × 20 seeds on the
 * quickstart, once with 1 worker thread and once with 2, in one process;
 * prints both wall times and the ratio (target: 2 workers ≤ 0.6 × 1 worker),
 * and the process CPU time of each run: cores_used above 1 with one worker
 * is V8 compiling (TurboFan) and collecting on background threads, work
 * each worker thread repeats for itself and that competes with the cells
 * when there are only two cores.
 * Usage: npm run bench:workers -- [SEEDS] [SCENARIO]
 * (SCENARIO defaults to scenarios/quickstart.yaml.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadBench } from '../src/bench/bench-spec.js';
import { runBench } from '../src/bench/run-bench.js';
import { benchArguments } from './arguments.js';

const [seeds, scenario] = benchArguments('npm run bench:workers -- [SEEDS] [SCENARIO]', (args) => [args.positiveInteger(20, 'SEEDS'), args.optionalFile('SCENARIO')] as const);
const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-workers-'));
const quickstart = scenario === undefined ? fileURLToPath(new URL('../../scenarios/quickstart.yaml', import.meta.url)) : resolve(scenario);
writeFileSync(join(folder, 'bench.yaml'), `
apiVersion: kubesim/v1
kind: Bench
metadata: { name: workers }
spec:
  seed: 1
  seeds: ${seeds}
  scenarios: [ ${JSON.stringify(relative(folder, quickstart))} ]
  baseline: LeastAllocated
  profiles:
    - { name: LeastAllocated, scheduler: { scoringStrategy: { type: LeastAllocated } } }
    - { name: MostAllocated, scheduler: { scoringStrategy: { type: MostAllocated } } }
    - { name: FirstFit, scheduler: { score: { disabled: [ { name: "*" } ] } } }
`);
/**
 * Calibration: the same pure CPU loop on 1 thread and on 2 threads at once.
 * On an idle 2-core machine the ratio is about 1.0; when other processes
 * hold the cores it rises, and no worker pool can scale past it.
 */
async function loopMs(threads: number): Promise<number> {
  const code = 'let x = 0; for (let i = 0; i < 3e8; i++) x += i % 7; require("node:worker_threads").parentPort.postMessage(x);';
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: threads }, () => new Promise<void>((done) => {
    const worker = new Worker(code, { eval: true });
    worker.on('message', () => void worker.terminate().then(() => done()));
  })));
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const one = await loopMs(1);
const two = await loopMs(2);
console.log(`bench-workers calibration cpu_loop_ms_1_thread=${one.toFixed(0)} cpu_loop_ms_2_threads=${two.toFixed(0)} (2 threads / 1 thread = ${(two / one).toFixed(2)}; about 1.0 when 2 cores are free)`);

const bench = loadBench(join(folder, 'bench.yaml'));
const wall: Record<number, number> = {};
for (const workers of [1, 2]) {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const run = await runBench(bench, { benchFile: join(folder, 'bench.yaml'), out: join(folder, `w${workers}`), workers, resume: false });
  wall[workers] = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`bench-workers workers=${workers} cells=${run.report.cells.length} wall_ms=${(wall[workers]).toFixed(0)} cpu_ms=${cpuMs.toFixed(0)} cores_used=${(cpuMs / (wall[workers])).toFixed(2)}`);
}
const ratio = (wall[2] as number) / (wall[1] as number);
console.log(`bench-workers scenario=${relative(process.cwd(), quickstart)} cells=${3 * seeds} wall_ms_1=${(wall[1] as number).toFixed(0)} wall_ms_2=${(wall[2] as number).toFixed(0)} ratio=${ratio.toFixed(2)} (target <= 0.60)`);
