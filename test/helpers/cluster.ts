/**
 * Test helpers for whole-cluster runs: build a SimulatedCluster from YAML
 * (objects frozen) and collect what happened, as an outside observer does.
 */
import type { KubeObject } from '../../src/api/types/meta.js';
import type { StoreChange } from '../../src/api/watch.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import type { EventRecord, Recording } from '../../src/metrics/types.js';
import { writeStreamedRunOutputs } from '../../src/cli/output.js';
import { RunSpool } from '../../src/cli/run-spool.js';
import { buildReport, type Report } from '../../src/report/report.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import type { Scenario } from '../../src/scenario/model.js';
import { scenarioFromYaml } from './scenario.js';

export interface Observed {
  readonly cluster: SimulatedCluster;
  /** Every store change with its time. */
  readonly changes: Array<{ tMs: number; change: StoreChange }>;
  events(): readonly EventRecord[];
}

/** Builds a cluster, records every change of the given kinds, runs it to the scenario's end. */
export function observeRun(yaml: string, kinds: readonly string[] = ['Node', 'Pod', 'EndpointSlice', 'Lease']): Observed {
  const rows = memoryRows();
  const cluster = new SimulatedCluster(scenarioFromYaml(yaml), { freezeObjects: true, rows });
  const changes: Array<{ tMs: number; change: StoreChange }> = [];
  const wanted = new Set(kinds);
  cluster.store.observe({ onChange: (change, tMs) => { if (wanted.has(change.object.kind)) changes.push({ tMs, change }); } });
  cluster.run();
  return { cluster, changes, events: () => rows.events.rows };
}

export function changesOf<T extends KubeObject>(observed: Observed, kind: string, name?: string): Array<{ tMs: number; object: T; type: StoreChange['type'] }> {
  return observed.changes
    .filter(({ change }) => change.object.kind === kind && (name === undefined || change.object.metadata.name === name))
    .map(({ tMs, change }) => ({ tMs, object: change.object as T, type: change.type }));
}

/**
 * Runs a scenario to its end as `kubesim run` does, pod and Job rows
 * streamed to `folder` while it runs and the reports written there.
 */
export function runStreamed(scenario: Scenario, folder: string): { cluster: SimulatedCluster; spool: RunSpool; recording: Recording; report: Report } {
  const spool = new RunSpool(folder);
  const cluster = new SimulatedCluster(scenario, { rows: spool });
  cluster.run();
  const recording = cluster.recorder.recording(scenario.durationMs);
  const report = buildReport(scenario, recording, scenario.durationMs, cluster.actions);
  writeStreamedRunOutputs(folder, { report, stats: { wallMs: 0, events: 0 } }, spool);
  spool.remove();
  return { cluster, spool, recording, report };
}
