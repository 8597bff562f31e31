// `npm run bench`: every benchmark with its default size, one after another.
// Each prints its own figures; none asserts anything. Each runs with this
// process's Node flags (the young-generation size the kubesim command uses).
import { spawnSync } from 'node:child_process';

const benches = [
  ['phold', ['dist/bench/phold.js', '1000', '10', '3000000']],
  ['quickstart', ['dist/bench/quickstart.js']],
  ['scheduler', ['dist/bench/scheduler.js', '1000', '10000']],
  ['scheduler anti-affinity', ['dist/bench/scheduler.js', '1000', '10000', '--anti-affinity']],
  ['replay', ['dist/bench/replay.js']],
  ['workers', ['dist/bench/bench-workers.js']],
  ['report-html', ['dist/bench/report-html.js']],
  ['traffic', ['dist/bench/traffic.js']],
  ['cluster', ['dist/bench/cluster.js', '150', '4000', '10']],
];
let failed = false;
for (const [name, args] of benches) {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, [...process.execArgv, ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
