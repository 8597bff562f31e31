/**
 * Traffic benchmarks: wall time of scenarios/rollout-under-load.yaml
 * (500 requests/s for 19 minutes through a rolling update and a node
 * failure), and of the same cluster at 500 requests/s for one simulated
 * hour (1.8 M requests). Prints figures; asserts nothing.
 * Usage: node dist/bench/traffic.js [RUNS]
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/model.js';
import { benchArguments } from './arguments.js';

const scenarioFile = fileURLToPath(new URL('../../scenarios/rollout-under-load.yaml', import.meta.url));
const runs = benchArguments('node dist/bench/traffic.js [RUNS]', (args) => args.positiveInteger(5, 'RUNS'));

function measure(label: string, make: () => Scenario): void {
  const times: number[] = [];
  let events = 0;
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = runScenario(make());
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    events = result.stats.events;
    requests = result.report.requests.reduce((sum, r) => sum + r.total, 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const perRequestUs = requests === 0 ? 0 : (median * 1000) / requests;
  console.log(`${label} runs=${runs} requests=${requests} events=${events} wall_ms_min=${(times[0] ?? 0).toFixed(0)} wall_ms_median=${median.toFixed(0)} us_per_request=${perRequestUs.toFixed(2)}`);
}

measure('rollout-under-load', () => loadScenario(scenarioFile));
// The same cluster and traffic for a whole hour, with the rollout and the failure.
measure('rollout-under-load-1h', () => ({ ...loadScenario(scenarioFile), durationMs: 3_600_000 }));
