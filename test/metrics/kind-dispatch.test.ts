/**
 * The recorder hands a store change only to the parts that declare its
 * kind (metrics/kind-dispatch.ts). For that to change nothing, a part must
 * ignore every change of a kind it does not declare: each part fed through
 * the dispatch ends in the same state (every field, maps and series
 * included) and writes the same rows as the same part fed every change,
 * over the changes and Events of scenarios that between them touch every
 * kind the parts read (Deployments, ReplicaSets, pods, nodes, Jobs,
 * Services, EndpointSlices, HPAs, GPU nodes and their ConfigMap) and many
 * they do not (Leases, Events, CronJobs).
 */
import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/api/types/core.js';
import type { StoreChange } from '../../src/api/watch.js';
import { ALLOCATION_SAMPLES } from '../../src/metrics/allocation.js';
import { GpuRecorder } from '../../src/metrics/gpu-recorder.js';
import { KindDispatch } from '../../src/metrics/kind-dispatch.js';
import { AllocationRecorder, sampleTimes } from '../../src/metrics/recorders/allocation.js';
import { AutoscalerRecorder } from '../../src/metrics/recorders/autoscaler.js';
import { DeploymentPodsRecorder } from '../../src/metrics/recorders/deployment-pods.js';
import { EventRecorder } from '../../src/metrics/recorders/events.js';
import { HpaRecorder } from '../../src/metrics/recorders/hpa.js';
import { JobRecorder } from '../../src/metrics/recorders/jobs.js';
import { NeverScheduledRecorder } from '../../src/metrics/recorders/never-scheduled.js';
import type { RecorderPart } from '../../src/metrics/recorders/part.js';
import { PendingPodsRecorder } from '../../src/metrics/recorders/pending-pods.js';
import { PodRecorder } from '../../src/metrics/recorders/pods.js';
import { QuotaEventsRecorder } from '../../src/metrics/recorders/quota-events.js';
import { RecoveryRecorder } from '../../src/metrics/recorders/recovery.js';
import { SchedulingRecorder } from '../../src/metrics/recorders/scheduling.js';
import { ServiceSelectorRecorder } from '../../src/metrics/recorders/service-selectors.js';
import { ServiceRecorder } from '../../src/metrics/recorders/services.js';
import { StartupPhaseRecorder } from '../../src/metrics/recorders/startup-phases.js';
import { WorkloadRecorder } from '../../src/metrics/recorders/workloads.js';
import { MemoryRows } from '../../src/metrics/row-sink.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

type Happening = { readonly change: StoreChange; readonly atMs: number } | { readonly event: KubeEvent; readonly atMs: number };

/** Every change and Event of a run, in order. */
function happenings(file: string): { list: Happening[]; durationMs: number } {
  const scenario = loadScenario(repoScenario(file));
  const cluster = new SimulatedCluster(scenario);
  const list: Happening[] = [];
  cluster.store.observe({ onChange: (change, atMs) => list.push({ change, atMs }), onEvent: (event, atMs) => list.push({ event, atMs }) });
  cluster.run();
  return { list, durationMs: scenario.durationMs };
}

/** A fresh set of every part, each with its own rows. */
function parts(durationMs: number): { parts: RecorderPart[]; rows: Array<MemoryRows<unknown>> } {
  const rows = [new MemoryRows<unknown>(), new MemoryRows<unknown>(), new MemoryRows<unknown>()] as const;
  return {
    rows: [...rows],
    parts: [
      new PodRecorder((pod) => rows[0].write(pod)), new WorkloadRecorder(), new EventRecorder(rows[1]), new DeploymentPodsRecorder(),
      new JobRecorder((job) => rows[2].write(job)), new ServiceSelectorRecorder(), new SchedulingRecorder(),
      new AllocationRecorder(sampleTimes(durationMs, ALLOCATION_SAMPLES)), new ServiceRecorder(), new HpaRecorder(), new RecoveryRecorder(),
      new StartupPhaseRecorder(), new NeverScheduledRecorder(), new GpuRecorder(), new AutoscalerRecorder(), new PendingPodsRecorder(), new QuotaEventsRecorder(),
    ],
  };
}

/** A part's fields but its callbacks (each set has its own). */
function state(part: RecorderPart): Record<string, unknown> {
  return Object.fromEntries(Object.entries(part).filter(([, value]) => typeof value !== 'function'));
}

const SCENARIOS = ['quickstart.yaml', 'node-failure.yaml', 'cronjob.yaml', 'hpa-traffic-doubles.yaml', 'blue-green-traffic.yaml', 'gpu-fragmentation.yaml', 'autoscaler-spike.yaml'];

describe('recorder parts fed by kind', () => {
  it.each(SCENARIOS)('%s: every part ends as it would fed every change', (file) => {
    const { list, durationMs } = happenings(file);
    const everything = parts(durationMs);
    const byKind = parts(durationMs);
    const dispatch = new KindDispatch(byKind.parts);
    const kinds = new Set<string>();
    for (const h of list) {
      if ('change' in h) {
        kinds.add(h.change.object.kind);
        for (const part of everything.parts) part.onChange?.(h.change, h.atMs);
        for (const part of dispatch.partsFor(h.change.object.kind)) part.onChange?.(h.change, h.atMs);
      } else {
        for (const part of everything.parts) part.onEvent?.(h.event, h.atMs);
        for (const part of dispatch.eventParts) part.onEvent?.(h.event, h.atMs);
      }
    }
    // Kinds no part reads were skipped (else the dispatch saves nothing here).
    expect([...kinds].filter((kind) => dispatch.partsFor(kind).length === 0).length).toBeGreaterThan(0);
    everything.parts.forEach((part, i) => expect(state(byKind.parts[i] as RecorderPart), part.constructor.name).toEqual(state(part)));
    expect(byKind.rows.map((r) => r.rows)).toEqual(everything.rows.map((r) => r.rows));
  });
});

describe('pod handlers', () => {
  it('hand a pod change to each part that reads Pods, in the parts\' order: onPodChange, or onChange for a part without one', () => {
    const calls: string[] = [];
    const part = (name: string, kinds: string[], withPodChange: boolean): RecorderPart => ({
      kinds,
      onChange: () => calls.push(`${name}.onChange`),
      ...(withPodChange ? { onPodChange: () => calls.push(`${name}.onPodChange`) } : {}),
    });
    const dispatch = new KindDispatch([part('a', ['Pod'], true), part('b', ['Node'], true), part('c', ['Node', 'Pod'], false), part('d', ['Pod'], true)]);
    const change = { type: 'ADDED', object: { kind: 'Pod' } } as unknown as StoreChange;
    for (const handler of dispatch.podHandlers) handler(change, {} as never, {} as never, 5);
    expect(calls).toEqual(['a.onPodChange', 'c.onChange', 'd.onPodChange']);
  });
});
