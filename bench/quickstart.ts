/**
 * Whole-run benchmark: loads and runs scenarios/quickstart.yaml several times
 * in one process and prints the wall time of each run (median last).
 * Usage: node dist/bench/quickstart.js [RUNS]
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { benchArguments } from './arguments.js';

const scenarioFile = fileURLToPath(new URL('../../scenarios/quickstart.yaml', import.meta.url));
const runs = benchArguments('node dist/bench/quickstart.js [RUNS]', (args) => args.positiveInteger(7, 'RUNS'));
const times: number[] = [];
let events = 0;
for (let i = 0; i < runs; i++) {
  const started = process.hrtime.bigint();
  const result = runScenario(loadScenario(scenarioFile));
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  events = result.stats.events;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
console.log(`quickstart runs=${runs} events=${events} wall_ms_min=${(times[0] ?? 0).toFixed(1)} wall_ms_median=${median.toFixed(1)} (load + run, first run includes JIT warm-up)`);
