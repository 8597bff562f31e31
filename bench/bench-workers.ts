/**
 * `kubesim bench` scaling: 3 scheduling profiles × 20 seeds on the
 * quickstart, once with 1 worker thread and once with 2, in one process;
 * prints both wall times and the ratio (target: 2 workers ≤ 0.6 × 1 worker).
 * Usage: npm run bench:workers -- [SEEDS]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBench } from '../src/bench/bench-spec.js';
import { runBench } from '../src/bench/run-bench.js';

const seeds = Number(process.argv[2] ?? 20);
const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-workers-'));
const quickstart = fileURLToPath(new URL('../../scenarios/quickstart.yaml', import.meta.url));
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
const bench = loadBench(join(folder, 'bench.yaml'));
const wall: Record<number, number> = {};
for (const workers of [1, 2]) {
  const started = process.hrtime.bigint();
  const run = await runBench(bench, { out: join(folder, `w${workers}`), workers, resume: false });
  wall[workers] = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`bench-workers workers=${workers} cells=${run.report.cells.length} wall_ms=${(wall[workers] as number).toFixed(0)}`);
}
const ratio = (wall[2] as number) / (wall[1] as number);
console.log(`bench-workers cells=${3 * seeds} wall_ms_1=${(wall[1] as number).toFixed(0)} wall_ms_2=${(wall[2] as number).toFixed(0)} ratio=${ratio.toFixed(2)} (target <= 0.60)`);
