/**
 * A whole cluster through a rollout, as `kubesim run` does it (load, run,
 * every report written): NODES nodes of 32 cores / 128 GiB in three zones;
 * PODS / 400 Deployments of 400 replicas in four request shapes (100m/256Mi,
 * 250m/512Mi, 500m/1Gi, 1/2Gi in turn); at half of MINUTES every
 * Deployment's image changes; 30 s later one node fails. Prints wall ms,
 * process CPU ms (steadier than wall time on a shared machine), simulation
 * events, events/s, peak RSS, the live heap (the largest old generation
 * left by a full GC, as the heap guard reads it), µs per pod (wall time per
 * requested pod) and CPU µs per pod created.
 * Usage: npm run bench:cluster -- [NODES] [PODS] [MINUTES]   (150 4000 10)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FullGcReader } from '../src/cli/heap-guard.js';
import { boundHeapGrowth } from '../src/cli/heap-growth.js';
import { openSpool, prepareOutputFolder, writeStreamedRunOutputs } from '../src/cli/output.js';
import { progressWanted, runProgress } from '../src/cli/progress.js';
import { cleanupOnInterrupt } from '../src/report/interrupt-cleanup.js';
import { runScenarioPausing } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { clusterScenario } from './cluster-scenario.js';
import { benchArguments } from './arguments.js';

const [nodes, pods, minutes] = benchArguments('npm run bench:cluster -- [NODES] [PODS] [MINUTES]', (args) => [
  args.positiveInteger(150, 'NODES'),
  args.positiveInteger(4000, 'PODS'),
  args.positiveInteger(10, 'MINUTES'),
] as const);
boundHeapGrowth(); // as bin/kubesim.js does
const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-cluster-'));
const removeFolder = (): void => rmSync(folder, { recursive: true, force: true });
const keepUntilDone = cleanupOnInterrupt(removeFolder);
const scenarioFile = join(folder, 'cluster.yaml');
writeFileSync(scenarioFile, clusterScenario(nodes, pods, minutes));
const out = join(folder, 'reports');
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
const scenario = loadScenario(scenarioFile);
const lock = prepareOutputFolder(out);
const spool = openSpool(out);
// As `kubesim run`: the run pauses for a turn of the event loop now and
// then, so SIGINT/SIGTERM (a `timeout` around a 5,000-node run) stop it
// instead of waiting for the whole simulation; a terminal gets the progress line.
const progress = progressWanted(process.stderr.isTTY, false, false) ? runProgress(process.stderr, { durationMs: scenario.durationMs }) : undefined;
// The live heap: the largest old generation left by a full GC, read between slices (each slice's last full GC).
const fullGcs = new FullGcReader();
let liveBytes: number | undefined;
const readLive = (): void => {
  const last = fullGcs.take();
  if (last !== undefined) liveBytes = Math.max(liveBytes ?? 0, last);
};
const nextTurn = (): Promise<void> => {
  readLive();
  return new Promise((resolve) => setImmediate(resolve));
};
const result = await runScenarioPausing(scenario, spool, progress === undefined ? {} : { onProgress: (simulatedMs, events) => progress.update(simulatedMs, events) }, nextTurn);
readLive();
fullGcs.stop();
progress?.finish();
writeStreamedRunOutputs(out, result, spool);
spool.remove();
lock.release();
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const podsCreated = result.report.summary.podsCreated;
console.log(
  `cluster nodes=${nodes} pods=${pods} minutes=${minutes} wall_ms=${wallMs.toFixed(0)} cpu_ms=${cpuMs.toFixed(0)} events=${result.stats.events} ` +
  `events_per_s=${((result.stats.events * 1000) / wallMs).toFixed(0)} peak_rss_mib=${peakRssMiB.toFixed(0)} ` +
  `live_heap_mib=${liveBytes === undefined ? 'n/a (no full GC)' : (liveBytes / 2 ** 20).toFixed(0)} ` +
  `pods_created=${podsCreated} us_per_pod=${((wallMs * 1000) / pods).toFixed(1)} ` +
  // CPU per pod created (replacements included): the figure to compare across sizes on a shared machine.
  `cpu_us_per_pod_created=${podsCreated > 0 ? ((cpuMs * 1000) / podsCreated).toFixed(0) : 'n/a'}`,
);
keepUntilDone();
removeFolder();
