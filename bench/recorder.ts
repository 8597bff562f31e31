/**
 * The metrics recorder alone: runs the bench:cluster scenario once while
 * keeping every store change and Event the recorder was handed (stored
 * objects are never mutated, so keeping them keeps each change as it was),
 * then hands the same sequence to fresh recorders REPEATS times and prints
 * the CPU ns per store change, best of the repeats. It checks that each
 * replay records exactly what the run recorded. With RECORDER_MODULE (the
 * path of another build's dist/src/metrics/recorder.js) the replays use that
 * build's recorder: an A/B of the recorder on the same changes. Run with
 * --expose-gc, it also prints the heap the recorder retains at the run's
 * peak of live pods (the calls replayed up to there, garbage collected,
 * less the heap once the recorder is dropped) and that per live pod.
 * Usage: node [--expose-gc] dist/bench/recorder.js [NODES] [PODS] [MINUTES] [REPEATS] [RECORDER_MODULE]   (150 4000 10 5)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { KubeEvent } from '../src/api/types/core.js';
import type { StoreChange, StoreObserver } from '../src/api/watch.js';
import { Recorder } from '../src/metrics/recorder.js';
import { memoryRows, type MemoryRunRows } from '../src/metrics/row-sink.js';
import { SimulatedCluster } from '../src/runner/cluster.js';
import { loadScenario } from '../src/scenario/load.js';
import { clusterScenario } from './cluster-scenario.js';
import { benchArguments } from './arguments.js';

type Call = { readonly change: StoreChange; readonly atMs: number } | { readonly event: KubeEvent; readonly atMs: number };
type RecorderClass = new (rows: MemoryRunRows, keptNamespaces: ReadonlySet<string>, durationMs: number) => Recorder;

const [nodes, pods, minutes, repeats, recorderModule] = benchArguments('node dist/bench/recorder.js [NODES] [PODS] [MINUTES] [REPEATS] [RECORDER_MODULE]', (args) => [
  args.positiveInteger(150, 'NODES'),
  args.positiveInteger(4000, 'PODS'),
  args.positiveInteger(10, 'MINUTES'),
  args.positiveInteger(5, 'REPEATS'),
  args.optionalFile('RECORDER_MODULE'),
] as const);
const RecorderUnderTest: RecorderClass = recorderModule === undefined ? Recorder : ((await import(pathToFileURL(recorderModule).href)) as { Recorder: RecorderClass }).Recorder;

const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-recorder-'));
const scenarioFile = join(folder, 'cluster.yaml');
writeFileSync(scenarioFile, clusterScenario(nodes, pods, minutes));
const scenario = loadScenario(scenarioFile);
rmSync(folder, { recursive: true, force: true });
const calls: Call[] = [];
// The cluster attaches its recorder before it creates the scenario's objects: the capture is attached with it.
const attach = Object.getOwnPropertyDescriptor(Recorder.prototype, 'attach') as PropertyDescriptor;
Recorder.prototype.attach = function attachAndCapture(this: Recorder, store): void {
  (attach.value as Recorder['attach']).call(this, store);
  store.observe({
    onChange: (change, atMs) => calls.push({ change, atMs }),
    onEvent: (event, atMs) => calls.push({ event, atMs }),
  });
};
const cluster = new SimulatedCluster(scenario);
Object.defineProperty(Recorder.prototype, 'attach', attach);
cluster.run();
const keptNamespaces = new Set(scenario.workloads.map((w) => w.namespace));

/** A recording with its Maps and Sets as entries, for comparing two. */
function comparable(recorder: Recorder, rows: MemoryRunRows): unknown {
  const recording = recorder.recording(scenario.durationMs);
  return JSON.parse(JSON.stringify({ recording, rows }, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value))) as unknown;
}

function replay(upTo = calls.length): { cpuNs: number; recorder: Recorder; rows: MemoryRunRows } {
  const rows = memoryRows();
  const recorder = new RecorderUnderTest(rows, keptNamespaces, scenario.durationMs);
  let observer: StoreObserver = {};
  recorder.attach({ observe: (o: StoreObserver) => { observer = o; } } as unknown as Parameters<Recorder['attach']>[0]);
  const started = process.cpuUsage();
  for (let i = 0; i < upTo; i++) {
    const call = calls[i] as Call;
    if ('change' in call) observer.onChange?.(call.change, call.atMs);
    else observer.onEvent?.(call.event, call.atMs);
  }
  const cpu = process.cpuUsage(started);
  return { cpuNs: (cpu.user + cpu.system) * 1000, recorder, rows };
}

const expected = comparable(cluster.recorder, (cluster.recorder.rows as MemoryRunRows));
let best = Infinity;
for (let i = 0; i < repeats; i++) {
  const { cpuNs, recorder, rows } = replay();
  if (!isDeepStrictEqual(comparable(recorder, rows), expected)) throw new Error('a replay recorded something else than the run');
  best = Math.min(best, cpuNs);
}
const changes = calls.filter((c) => 'change' in c).length;

/** The call after which the most pods are live, and how many. */
function livePodsPeak(): { index: number; pods: number } {
  let live = 0, peak = { index: 0, pods: 0 };
  calls.forEach((call, i) => {
    if (!('change' in call) || call.change.object.kind !== 'Pod' || call.change.type === 'MODIFIED') return;
    live += call.change.type === 'ADDED' ? 1 : -1;
    if (live > peak.pods) peak = { index: i + 1, pods: live };
  });
  return peak;
}

/** Heap the recorder retains at the peak of live pods (with --expose-gc; '' without). */
function retainedAtPeak(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return '';
  const peak = livePodsPeak();
  const holder: { replayed?: unknown } = { replayed: replay(peak.index) };
  gc();
  const withRecorder = process.memoryUsage().heapUsed;
  holder.replayed = undefined;
  gc();
  const retained = withRecorder - process.memoryUsage().heapUsed;
  return ` peak_live_pods=${peak.pods} retained_kib=${(retained / 1024).toFixed(0)} bytes_per_live_pod=${(retained / peak.pods).toFixed(0)}`;
}
const retained = retainedAtPeak();
console.log(
  `recorder nodes=${nodes} pods=${pods} minutes=${minutes} changes=${changes} events=${calls.length - changes} ` +
  `best_cpu_ms=${(best / 1e6).toFixed(0)} ns_per_call=${(best / calls.length).toFixed(0)}${retained}${recorderModule === undefined ? '' : ` recorder=${recorderModule}`}`,
);
