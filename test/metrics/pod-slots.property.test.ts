/**
 * The recorder keeps one slot per live pod that all its pod parts share
 * (metrics/pod-slot.ts), made at the pod's first change and dropped once
 * every part has seen its deletion. On random histories of pods (created,
 * bound to a plain or a GPU node, Ready and not, finished, marked for
 * deletion, deleted, in any order and several at one instant) with the
 * scheduler's, kubelet's, taint manager's and fault injector's Events
 * (some naming pods already deleted, never seen, or by name only):
 *   - each part sharing the recorder's slots records what the same part
 *     records alone, with a registry of its own (the plain path: one part,
 *     its pods by UID), so no part reads or spoils another's fields and
 *     none needs a pod after its slot is gone;
 *   - a pod's row carries the scheduling attempts and failures counted
 *     plainly from the Events that named it while it lived;
 *   - the slots left are exactly the pods not deleted.
 * And a deleted pod's slot is gone while its timeline is in the rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiStore } from '../../src/api/store.js';
import type { Deployment, ReplicaSet } from '../../src/api/types/apps.js';
import type { KubeEvent, Service } from '../../src/api/types/core.js';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { StoreChange, StoreObserver } from '../../src/api/watch.js';
import { GpuRecorder } from '../../src/metrics/gpu-recorder.js';
import { Recorder } from '../../src/metrics/recorder.js';
import { AllocationRecorder, sampleTimes } from '../../src/metrics/recorders/allocation.js';
import { ALLOCATION_SAMPLES } from '../../src/metrics/allocation.js';
import { AutoscalerRecorder } from '../../src/metrics/recorders/autoscaler.js';
import { DeploymentPodsRecorder } from '../../src/metrics/recorders/deployment-pods.js';
import { NeverScheduledRecorder } from '../../src/metrics/recorders/never-scheduled.js';
import type { RecorderPart } from '../../src/metrics/recorders/part.js';
import { PendingPodsRecorder } from '../../src/metrics/recorders/pending-pods.js';
import { PodRecorder } from '../../src/metrics/recorders/pods.js';
import { RecoveryRecorder } from '../../src/metrics/recorders/recovery.js';
import { SchedulingRecorder } from '../../src/metrics/recorders/scheduling.js';
import { ServiceSelectorRecorder } from '../../src/metrics/recorders/service-selectors.js';
import { StartupPhaseRecorder } from '../../src/metrics/recorders/startup-phases.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import type { PodRecord, SchedulingFailure } from '../../src/metrics/types.js';

type Happening = { readonly change: StoreChange; readonly atMs: number } | { readonly event: KubeEvent; readonly atMs: number };

const NODES = ['n1', 'n2'];

function node(name: string): Node {
  const allocatable: Record<string, string> = { cpu: '8', memory: '32Gi', pods: '110' };
  if (name === 'n2') allocatable['nvidia.com/gpu'] = '2';
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}`, creationTimestamp: 0 }, spec: {},
    status: { allocatable, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 0 }] },
  } as unknown as Node;
}

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'uid-web', creationTimestamp: 0, generation: 1 },
  spec: { replicas: 3, minReadySeconds: 2, selector: { matchLabels: { app: 'a' } }, strategy: { type: 'RollingUpdate' }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }] } } },
} as unknown as Deployment;

const replicaSet = {
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: 'web-1', namespace: 'default', uid: 'uid-rs', creationTimestamp: 0, ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }] },
  spec: { replicas: 3, minReadySeconds: 2, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }] } } },
} as unknown as ReplicaSet;

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'default', uid: 'uid-svc', creationTimestamp: 0 }, spec: { selector: { app: 'a' } } } as unknown as Service;

interface PodState {
  readonly uid: string;
  readonly owned: boolean;
  readonly gpu: boolean;
  readonly createdMs: number;
  node?: string;
  scheduledMs?: number;
  unschedulable: boolean;
  ready: boolean;
  running: boolean;
  terminal: boolean;
  deleting: boolean;
}

function podOf(s: PodState): Pod {
  const requests: Record<string, string> = { cpu: '500m', memory: '1Gi' };
  if (s.gpu) requests['nvidia.com/gpu'] = '1';
  const conditions = [
    ...(s.node !== undefined ? [{ type: 'PodScheduled', status: 'True', lastTransitionTime: s.scheduledMs }] : s.unschedulable ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: s.createdMs }] : []),
    ...(s.node === undefined ? [] : [{ type: 'Ready', status: s.ready ? 'True' : 'False', lastTransitionTime: s.scheduledMs }]),
  ];
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: s.uid, namespace: 'default', uid: s.uid, creationTimestamp: s.createdMs, labels: { app: s.owned ? 'a' : 'b' },
      ...(s.owned ? { ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', uid: 'uid-rs', controller: true }] } : {}),
      ...(s.deleting ? { deletionTimestamp: 1 } : {}),
    },
    spec: { containers: [{ name: 'c', resources: { requests } }], ...(s.node === undefined ? {} : { nodeName: s.node }) },
    status: {
      phase: s.terminal ? 'Succeeded' : s.running ? 'Running' : 'Pending', conditions,
      ...(s.node === undefined ? {} : { containerStatuses: [{ name: 'c', state: s.running ? { running: { startedAt: 0 } } : { waiting: { reason: 'ContainerCreating' } } }] }),
    },
  } as unknown as Pod;
}

const step = fc.record({
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000 })),
  what: fc.integer({ min: 0, max: 99 }),
  pod: fc.integer({ min: 0, max: 7 }),
  pick: fc.nat(),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const MESSAGES = ['0/2 nodes are available: 2 Insufficient cpu.', '0/2 nodes are available: 1 Insufficient nvidia.com/gpu.'];

/** A history: the fixed objects at 0, then each step as a pod change or an Event. */
function historyOf(steps: readonly Step[]): Happening[] {
  const out: Happening[] = [];
  for (const n of NODES) out.push({ change: { type: 'ADDED', object: node(n) }, atMs: 0 });
  out.push({ change: { type: 'ADDED', object: deployment }, atMs: 0 });
  out.push({ change: { type: 'ADDED', object: replicaSet }, atMs: 0 });
  out.push({ change: { type: 'ADDED', object: service }, atMs: 0 });
  const live = new Map<number, { state: PodState; pod: Pod }>();
  let t = 0, made = 0;
  const event = (uid: string | undefined, reason: string, message: string, source: string, kind = 'Pod', name = uid ?? 'gone'): void => {
    out.push({ event: { involvedObject: { kind, name, namespace: 'default', ...(uid === undefined ? {} : { uid }) }, reason, message, type: 'Normal', source }, atMs: t });
  };
  for (const s of steps) {
    t += s.gapMs;
    const current = live.get(s.pod);
    if (s.what >= 90) {
      // An Event naming a pod that may be live, deleted, never seen, or named without its uid.
      const uid = s.pick % 4 === 0 ? undefined : s.pick % 4 === 1 ? `p${s.pick % 9}-gone` : current?.state.uid ?? `p${s.pod}-x`;
      const reason = ['FailedScheduling', 'Scheduled', 'Preempted', 'Pulled', 'TaintManagerEviction'][s.pick % 5] as string;
      event(uid, reason, MESSAGES[s.pick % 2] as string, reason === 'Pulled' ? 'kubelet' : 'default-scheduler');
      continue;
    }
    if (s.what >= 86) {
      event(undefined, s.pick % 2 === 0 ? 'NodeFailed' : 'NodeBooted', '', 'fault-injector', 'Node', 'n1');
      continue;
    }
    if (current === undefined) {
      const state: PodState = { uid: `p${s.pod}-${made++}`, owned: s.pick % 3 !== 0, gpu: s.pick % 4 === 0, createdMs: t, unschedulable: false, ready: false, running: false, terminal: false, deleting: false };
      const pod = podOf(state);
      live.set(s.pod, { state, pod });
      out.push({ change: { type: 'ADDED', object: pod }, atMs: t });
      continue;
    }
    const state = current.state;
    if (s.what < 15 || (state.deleting && s.what < 60)) {
      out.push({ change: { type: 'DELETED', object: current.pod, oldObject: current.pod }, atMs: t });
      live.delete(s.pod);
      if (s.pick % 3 === 0) event(state.uid, 'Scheduled', '', 'default-scheduler');
      continue;
    }
    if (state.node === undefined && s.what < 50) {
      if (s.pick % 3 === 0) state.unschedulable = true;
      else {
        state.node = NODES[s.pick % 2] as string;
        state.scheduledMs = t;
      }
    } else if (s.what < 65) state.running = !state.running;
    else if (s.what < 78) state.ready = !state.ready && state.running;
    else if (s.what < 82) state.terminal = true;
    else state.deleting = true;
    const pod = podOf(state);
    out.push({ change: { type: 'MODIFIED', object: pod, oldObject: current.pod }, atMs: t });
    live.set(s.pod, { state, pod });
  }
  return out;
}

/** The pod parts, each alone with its own registry of pods. */
function aloneParts(durationMs: number, rows: PodRecord[]) {
  return {
    pods: new PodRecorder((record) => rows.push(record)),
    deploymentPods: new DeploymentPodsRecorder(),
    scheduling: new SchedulingRecorder(),
    startup: new StartupPhaseRecorder(),
    neverScheduled: new NeverScheduledRecorder(),
    selectors: new ServiceSelectorRecorder(),
    pending: new PendingPodsRecorder(),
    recovery: new RecoveryRecorder(),
    allocation: new AllocationRecorder(sampleTimes(durationMs, ALLOCATION_SAMPLES)),
    gpu: new GpuRecorder(),
    autoscaler: new AutoscalerRecorder(),
  };
}

function attached(recorder: Recorder): StoreObserver {
  let observer: StoreObserver = {};
  recorder.attach({ observe: (o: StoreObserver) => { observer = o; } } as unknown as ApiStore);
  return observer;
}

/** Attempts and merged failures of each pod, from the Events that named it while it lived. */
function plainAttempts(history: readonly Happening[]): Map<string, { attempts: number; failures: SchedulingFailure[] }> {
  const live = new Set<string>();
  const out = new Map<string, { attempts: number; failures: SchedulingFailure[] }>();
  for (const h of history) {
    if ('change' in h) {
      if (h.change.object.kind !== 'Pod') continue;
      if (h.change.type === 'DELETED') live.delete(h.change.object.metadata.uid);
      else live.add(h.change.object.metadata.uid);
      continue;
    }
    const uid = h.event.involvedObject.uid;
    if (uid === undefined || !live.has(uid) || (h.event.reason !== 'Scheduled' && h.event.reason !== 'FailedScheduling')) continue;
    const entry = out.get(uid) ?? { attempts: 0, failures: [] };
    out.set(uid, entry);
    entry.attempts++;
    if (h.event.reason === 'Scheduled') continue;
    const last = entry.failures.at(-1);
    if (last?.message === h.event.message) {
      last.count++;
      last.lastMs = h.atMs;
    } else entry.failures.push({ tMs: h.atMs, lastMs: h.atMs, count: 1, message: h.event.message });
  }
  return out;
}

describe('one slot per live pod, shared by the pod parts', () => {
  it('each part records what it records alone, rows carry the plain attempts, and only live pods keep a slot', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 150 }), fc.integer({ min: 0, max: 60_000 }), (steps, extraMs) => {
      const history = historyOf(steps);
      const endMs = (history.at(-1)?.atMs ?? 0) + extraMs;
      const rows = memoryRows();
      const recorder = new Recorder(rows, new Set(), endMs);
      const observer = attached(recorder);
      const aloneRows: PodRecord[] = [];
      const alone = aloneParts(endMs, aloneRows);
      const parts: RecorderPart[] = Object.values(alone);
      const livePods = new Set<string>();
      for (const h of history) {
        if ('change' in h) {
          observer.onChange?.(h.change, h.atMs);
          for (const part of parts) part.onChange?.(h.change, h.atMs);
          if (h.change.object.kind === 'Pod') {
            if (h.change.type === 'DELETED') livePods.delete(h.change.object.metadata.uid);
            else livePods.add(h.change.object.metadata.uid);
          }
        } else {
          observer.onEvent?.(h.event, h.atMs);
          for (const part of parts) part.onEvent?.(h.event, h.atMs);
        }
      }
      expect(new Set([...recorder.slots.values()].map((slot) => slot.uid))).toEqual(livePods);
      const recording = recorder.recording(endMs);
      alone.deploymentPods.flush(endMs);
      expect(recording.pods).toEqual(alone.pods.totals());
      alone.pods.finishLive();
      expect(recording.nodes).toEqual([...alone.pods.nodes.values()]);
      expect(recording.deploymentPods).toEqual(alone.deploymentPods.series);
      expect(recording.scheduling).toEqual(alone.scheduling.recording());
      expect(recording.startupPhases).toEqual(alone.startup.phases());
      expect(recording.neverScheduled).toEqual(alone.neverScheduled.finished(endMs));
      expect(recording.serviceSelectors).toEqual(alone.selectors.records);
      expect(recording.pendingPods).toEqual(alone.pending.series(endMs));
      expect(recording.recovery).toEqual(alone.recovery.finished(endMs));
      expect(recording.allocation).toEqual(alone.allocation.recording());
      expect(recording.gpu).toEqual(alone.gpu.recording(endMs));
      expect(recording.autoscaler).toEqual(alone.autoscaler.recording(endMs));
      // The rows: the same timelines, with the attempts counted plainly.
      const attempts = plainAttempts(history);
      expect(rows.pods.rows.map(({ schedulingAttempts: _a, schedulingFailures: _f, gpuDevices: _g, ...timeline }) => timeline)).toEqual(aloneRows);
      for (const row of rows.pods.rows) {
        const plain = attempts.get(row.uid);
        expect([row.uid, row.schedulingAttempts, row.schedulingFailures]).toEqual([row.uid, plain?.attempts, plain === undefined || plain.failures.length === 0 ? undefined : plain.failures]);
      }
    }), { numRuns: 300 });
  });

  it("drops a deleted pod's slot while its timeline is in the rows", () => {
    const s: PodState = { uid: 'p-1', owned: true, gpu: false, createdMs: 1_000, unschedulable: false, ready: false, running: false, terminal: false, deleting: false };
    const created = podOf(s);
    const bound = podOf(Object.assign(s, { node: 'n1', scheduledMs: 1_500 }));
    const ready = podOf(Object.assign(s, { running: true, ready: true }));
    const rows = memoryRows();
    const recorder = new Recorder(rows, new Set(), 10_000);
    const observer = attached(recorder);
    observer.onChange?.({ type: 'ADDED', object: node('n1') }, 0);
    observer.onChange?.({ type: 'ADDED', object: created }, 1_000);
    observer.onEvent?.({ involvedObject: { kind: 'Pod', name: 'p-1', namespace: 'default', uid: 'p-1' }, reason: 'Scheduled', message: '', type: 'Normal', source: 'default-scheduler' }, 1_500);
    observer.onChange?.({ type: 'MODIFIED', object: bound, oldObject: created }, 1_500);
    observer.onChange?.({ type: 'MODIFIED', object: ready, oldObject: bound }, 4_000);
    expect(recorder.slots.get('p-1')?.record.readyMs).toBe(4_000);
    expect(rows.pods.rows).toEqual([]);
    observer.onChange?.({ type: 'DELETED', object: ready, oldObject: ready }, 7_000);
    expect(recorder.slots.get('p-1')).toBeUndefined();
    expect(recorder.slots.size).toBe(0);
    expect(rows.pods.rows).toEqual([{
      uid: 'p-1', name: 'p-1', namespace: 'default', createdMs: 1_000, owner: 'ReplicaSet/web-1', node: 'n1', scheduledMs: 1_500,
      startedMs: 4_000, readyMs: 4_000, phase: 'Running', terminatingMs: 7_000, deletedMs: 7_000, schedulingAttempts: 1,
    }]);
  });
});
