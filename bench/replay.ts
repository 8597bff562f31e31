/**
 * The full Alibaba GPU 2023 replay (scenarios/alibaba-gpu-replay.yaml:
 * 1,523 nodes, 8,152 pods at their real times) loaded and run RUNS times
 * in one process; prints each run's wall time (load + run + report) and
 * the best. Target: under 2 s.
 * Usage: npm run bench:replay -- [RUNS]
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { benchArguments } from './arguments.js';

const file = fileURLToPath(new URL('../../scenarios/alibaba-gpu-replay.yaml', import.meta.url));
const runs = benchArguments('npm run bench:replay -- [RUNS]', (args) => args.positiveInteger(3, 'RUNS'));
const times: number[] = [];
const cpuTimes: number[] = [];
let summary = '';
for (let i = 0; i < runs; i++) {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const scenario = loadScenario(file);
  const loadedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const { report, stats } = runScenario(scenario);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time (user + system) next to wall time: on a shared machine wall time includes waiting for a core.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  times.push(wallMs);
  cpuTimes.push(cpuMs);
  const trace = report.traces?.[0];
  summary = `nodes=${trace?.nodes} pods=${trace?.pods} scheduled=${trace?.podsScheduled} events=${stats.events}`;
  console.log(`replay run=${i + 1} load_ms=${loadedMs.toFixed(0)} wall_ms=${wallMs.toFixed(0)} cpu_ms=${cpuMs.toFixed(0)} ${summary}`);
}
console.log(`replay ${summary} simulated_days=${(loadScenario(file).durationMs / 86_400_000).toFixed(0)} wall_ms_best=${Math.min(...times).toFixed(0)} cpu_ms_best=${Math.min(...cpuTimes).toFixed(0)} (target < 2000)`);
