/**
 * runScenario: the whole pipeline after loading, drawn as in design.md:
 * build the cluster → run the simulation → collect the recording → build the
 * report. Wall-clock figures stay out of the report (they go to run-stats).
 * Pod timelines, Jobs and Events are rows beside the report: kept in memory by
 * runScenario, handed to the caller's sinks as the run goes by
 * runScenarioInto (`kubesim run` appends them to files).
 */
import { memoryRows, type RunRows } from '../metrics/row-sink.js';
import { buildReport, type Report } from '../report/report.js';
import type { EventRecord, JobRecord, PodRecord } from '../metrics/types.js';
import type { Scenario } from '../scenario/model.js';
import { PROGRESS_STEPS, SimulatedCluster, type ClusterOptions } from './cluster.js';
import { stateDump } from './state-dump.js';

export interface RunOptions extends Omit<ClusterOptions, 'rows'> {
  /** Also dump the API objects at the end (state-dump.ts; `kubesim run --dump-state`). */
  readonly dumpState?: boolean;
}

export interface RunStats {
  readonly wallMs: number;
  readonly events: number;
}

export interface StreamedRunResult {
  readonly report: Report;
  /** The end state as `kubectl get -o yaml` prints it, when asked for. */
  readonly state?: string;
  readonly stats: RunStats;
}

export interface RunResult extends StreamedRunResult {
  /** Pod timelines (pods.jsonl): each pod when it was deleted, then the pods alive at the end in creation order. */
  readonly pods: readonly PodRecord[];
  /** Jobs (jobs.jsonl): each when it was deleted, then the Jobs alive at the end in creation order. */
  readonly jobs: readonly JobRecord[];
  /** Kubernetes Events in the order they happened (events.jsonl). */
  readonly events: readonly EventRecord[];
}

/** Runs `scenario`, handing pod timelines, Jobs and Events to `rows` as they are finished. */
export function runScenarioInto(scenario: Scenario, rows: RunRows, options: RunOptions = {}): StreamedRunResult {
  const started = process.hrtime.bigint();
  const cluster = new SimulatedCluster(scenario, { ...options, rows });
  cluster.run();
  return result(scenario, cluster, started, options);
}

/**
 * runScenarioInto, awaiting `pause()` between PROGRESS_STEPS slices of the
 * run, so that signal handlers run during a long run (kubesim run cleans
 * up its lock on Ctrl-C) and the caller may stop the run by throwing (the
 * heap guard, src/cli/heap-guard.ts); `pause` is told the simulated time
 * reached. The same events in the same order: the same report.
 */
export async function runScenarioPausing(scenario: Scenario, rows: RunRows, options: RunOptions, pause: (simulatedMs: number) => Promise<void>): Promise<StreamedRunResult> {
  const started = process.hrtime.bigint();
  const cluster = new SimulatedCluster(scenario, { ...options, rows });
  const slices = cluster.slices(PROGRESS_STEPS);
  while (slices.next().done !== true) await pause(cluster.sim.nowMs);
  return result(scenario, cluster, started, options);
}

function result(scenario: Scenario, cluster: SimulatedCluster, started: bigint, options: RunOptions): StreamedRunResult {
  const recording = cluster.recorder.recording(scenario.durationMs);
  const report = buildReport(scenario, recording, scenario.durationMs, cluster.actions);
  const state = options.dumpState === true ? { state: stateDump(cluster.store) } : {};
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { report, stats: { wallMs, events: cluster.sim.eventsProcessed }, ...state };
}

/** Runs `scenario` with its pod timelines, Jobs and Events kept in memory. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const rows = memoryRows();
  const result = runScenarioInto(scenario, rows, options);
  return { ...result, pods: rows.pods.rows, jobs: rows.jobs.rows, events: rows.events.rows };
}
