/**
 * runScenario: the whole pipeline after loading, drawn as in design.md:
 * build the cluster → run the simulation → collect the recording → build the
 * report. Wall-clock figures stay out of the report (they go to run-stats).
 */
import { buildReport, type Report } from '../report/report.js';
import type { EventRecord } from '../metrics/types.js';
import type { Scenario } from '../scenario/model.js';
import { PROGRESS_STEPS, SimulatedCluster, type ClusterOptions } from './cluster.js';
import { stateDump } from './state-dump.js';

export interface RunOptions extends ClusterOptions {
  /** Also dump the API objects at the end (state-dump.ts; `kubesim run --dump-state`). */
  readonly dumpState?: boolean;
}

export interface RunResult {
  readonly report: Report;
  /** The end state as `kubectl get -o yaml` prints it, when asked for. */
  readonly state?: string;
  readonly events: readonly EventRecord[];
  readonly stats: { readonly wallMs: number; readonly events: number };
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const started = process.hrtime.bigint();
  const cluster = new SimulatedCluster(scenario, options);
  cluster.run();
  return result(scenario, cluster, started, options);
}

/**
 * runScenario, awaiting `pause()` between PROGRESS_STEPS slices of the
 * run, so that signal handlers run during a long run (kubesim run cleans
 * up its lock on Ctrl-C). The same events in the same order: the same report.
 */
export async function runScenarioPausing(scenario: Scenario, options: RunOptions, pause: () => Promise<void>): Promise<RunResult> {
  const started = process.hrtime.bigint();
  const cluster = new SimulatedCluster(scenario, options);
  const slices = cluster.slices(PROGRESS_STEPS);
  while (slices.next().done !== true) await pause();
  return result(scenario, cluster, started, options);
}

function result(scenario: Scenario, cluster: SimulatedCluster, started: bigint, options: RunOptions): RunResult {
  const recording = cluster.recorder.recording(scenario.durationMs);
  const report = buildReport(scenario, recording, scenario.durationMs, cluster.actions);
  const state = options.dumpState === true ? { state: stateDump(cluster.store) } : {};
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { report, events: recording.events, stats: { wallMs, events: cluster.sim.eventsProcessed }, ...state };
}
