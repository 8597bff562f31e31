/**
 * runScenario: the whole pipeline after loading, drawn as in design.md:
 * build the cluster → run the simulation → collect the recording → build the
 * report. Wall-clock figures stay out of the report (they go to run-stats).
 */
import { buildReport, type Report } from '../report/report.js';
import type { EventRecord } from '../metrics/types.js';
import type { Scenario } from '../scenario/model.js';
import { PROGRESS_STEPS, SimulatedCluster, type ClusterOptions } from './cluster.js';

export interface RunResult {
  readonly report: Report;
  readonly events: readonly EventRecord[];
  readonly stats: { readonly wallMs: number; readonly events: number };
}

export function runScenario(scenario: Scenario, options: ClusterOptions = {}): RunResult {
  const started = process.hrtime.bigint();
  const cluster = new SimulatedCluster(scenario, options);
  cluster.run();
  return result(scenario, cluster, started);
}

/**
 * runScenario, awaiting `pause()` between PROGRESS_STEPS slices of the
 * run, so that signal handlers run during a long run (kubesim run cleans
 * up its lock on Ctrl-C). The same events in the same order: the same report.
 */
export async function runScenarioPausing(scenario: Scenario, options: ClusterOptions, pause: () => Promise<void>): Promise<RunResult> {
  const started = process.hrtime.bigint();
  const cluster = new SimulatedCluster(scenario, options);
  const slices = cluster.slices(PROGRESS_STEPS);
  while (slices.next().done !== true) await pause();
  return result(scenario, cluster, started);
}

function result(scenario: Scenario, cluster: SimulatedCluster, started: bigint): RunResult {
  const recording = cluster.recorder.recording(scenario.durationMs);
  const report = buildReport(scenario, recording, scenario.durationMs, cluster.actions);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { report, events: recording.events, stats: { wallMs, events: cluster.sim.eventsProcessed } };
}
