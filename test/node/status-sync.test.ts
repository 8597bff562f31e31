/**
 * The kubelet's status manager re-sends a pod status someone else
 * overwrote at its next periodic sync (every 10 s, k/k pkg/kubelet/status
 * status_manager.go syncBatch), every time it happens: the sync that found
 * the pod in step remembers it only until the API object changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import { POD_STATUS_SYNC_PERIOD_MS } from '../../src/node/kubelet.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: status-sync }
spec:
  duration: 2m
  cluster:
    nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 8Gi } } ]
  timing:
    kubelet: { podStartup: 1s }
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec: { containers: [ { name: c, image: "web:1" } ] }
`;

const readyOf = (pod: Pod): string | undefined => pod.status?.conditions?.find((c) => c.type === 'Ready')?.status;

describe('kubelet periodic status sync', () => {
  it('restores Ready=True at the next 10 s sync after each outside overwrite, also after syncs that found it in step', () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(SCENARIO), { freezeObjects: true });
    const readyWrites: Array<{ tMs: number; ready: string | undefined }> = [];
    cluster.store.observe({
      onChange: (change, tMs) => {
        if (change.object.kind !== 'Pod' || change.type !== 'MODIFIED') return;
        const before = readyOf(change.oldObject as Pod);
        const after = readyOf(change.object as Pod);
        if (before !== after) readyWrites.push({ tMs, ready: after });
      },
    });
    // As the node lifecycle controller's MarkPodsNotReady does: Ready=False written by someone else.
    const overwrite = (): void => {
      cluster.store.patch('Pod', 'web', 'default', (p) => ({
        ...p,
        status: { ...p.status, conditions: (p.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const } : c)) },
      }));
    };
    // The kubelet's syncs fall at 10 s, 20 s, ...: the first overwrite comes after three
    // syncs found the pod in step (20 s, 30 s... from 10 s on it is Ready), the second after four more.
    cluster.sim.at(35_500, overwrite);
    cluster.sim.at(75_500, overwrite);
    cluster.run();
    expect(readyWrites.filter((w) => w.tMs > 10_000)).toEqual([
      { tMs: 35_500, ready: 'False' },
      { tMs: 40_000, ready: 'True' }, // the next sync re-sends the kubelet's status
      { tMs: 75_500, ready: 'False' },
      { tMs: 80_000, ready: 'True' },
    ]);
  });
});

const STARTUP_20S = SCENARIO.replace('podStartup: 1s', 'podStartup: 20s').replace('duration: 2m', 'duration: 5m');

/** Ready changes of pod web after 10 s, with outside Ready=False overwrites at `times`. */
function readyChanges(times: readonly number[]): Array<{ tMs: number; ready: string | undefined }> {
  const cluster = new SimulatedCluster(scenarioFromYaml(SCENARIO), { freezeObjects: true });
  const changes: Array<{ tMs: number; ready: string | undefined }> = [];
  cluster.store.observe({
    onChange: (change, tMs) => {
      if (change.object.kind !== 'Pod' || change.type !== 'MODIFIED') return;
      const after = readyOf(change.object as Pod);
      if (readyOf(change.oldObject as Pod) !== after && tMs > 10_000) changes.push({ tMs, ready: after });
    },
  });
  for (const tMs of times) {
    cluster.sim.at(tMs, () => {
      cluster.store.patch('Pod', 'web', 'default', (p) => ({
        ...p,
        status: { ...p.status, conditions: (p.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const } : c)) },
      }));
    });
  }
  cluster.run();
  return changes;
}

/**
 * The plain status sync, a tick every 10 s from the kubelet's start at 0:
 * an overwrite at t is restored by the first tick after it, except that an
 * overwrite due at a tick's instant runs first (it was scheduled earlier),
 * so that tick restores it.
 */
function plainSyncChanges(times: readonly number[]): Array<{ tMs: number; ready: string }> {
  const changes: Array<{ tMs: number; ready: string }> = [];
  let pending: number | undefined;
  for (const tMs of [...new Set(times)].sort((a, b) => a - b)) {
    if (pending !== undefined && pending < tMs) {
      changes.push({ tMs: pending, ready: 'True' });
      pending = undefined;
    }
    if (pending === undefined) {
      changes.push({ tMs, ready: 'False' });
      pending = (Math.floor(tMs / POD_STATUS_SYNC_PERIOD_MS) + 1) * POD_STATUS_SYNC_PERIOD_MS;
    }
  }
  if (pending !== undefined) changes.push({ tMs: pending, ready: 'True' });
  return changes;
}

describe('kubelet status sync: only the ticks that have something to check', () => {
  it('restores every outside overwrite at the tick the plain every-10-s sync would (property)', () => {
    // Times on and off the 10 s grid, close together and far apart.
    const time = fc.oneof(fc.integer({ min: 15_000, max: 100_000 }), fc.integer({ min: 2, max: 10 }).map((k) => k * POD_STATUS_SYNC_PERIOD_MS));
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 5 }), (times) => {
        expect(readyChanges(times)).toEqual(plainSyncChanges(times));
      }),
      { seed: Number(process.env.FC_SEED ?? 16_061), numRuns: Number(process.env.FC_RUNS ?? 40) },
    );
  });

  it('schedules a sync after each status write and none while the pod stays in step', () => {
    // Every delay is 0: the kubelet writes Pending at 0 and Running at 20 s
    // (podStartup). Each write asks for the next tick of the 10 s grid (10 s,
    // then 30 s), which finds the cached pod in step, and the syncs stop:
    // 2 ticks in 5 minutes instead of 30.
    const cluster = new SimulatedCluster(scenarioFromYaml(STARTUP_20S), { freezeObjects: true });
    const ticks: number[] = [];
    const { sim } = cluster;
    const at = sim.at.bind(sim);
    const after = sim.after.bind(sim);
    sim.at = (timeMs, action, label) => {
      if (label?.endsWith(' status sync') === true) ticks.push(timeMs);
      return at(timeMs, action, label);
    };
    sim.after = (delayMs, action, label) => {
      if (label?.endsWith(' status sync') === true) ticks.push(sim.nowMs + delayMs);
      return after(delayMs, action, label);
    };
    cluster.run();
    expect(ticks).toEqual([10_000, 30_000]);
  });

  it('sends no request when the cache lags but the API server already has the status (PatchPodStatus: unchanged, no patch)', () => {
    // The Running write at 20 s and the grid tick at 20 s fall in the same
    // instant, the tick before the watch event reaches the cache: the cached
    // pod looks stale. The API server has the kubelet's status, so nothing is
    // sent: two status patches in all (Pending, Running), no third.
    const cluster = new SimulatedCluster(scenarioFromYaml(STARTUP_20S), { freezeObjects: true });
    const patchTimes: number[] = [];
    const patch = cluster.store.patch.bind(cluster.store);
    cluster.store.patch = ((kind, name, namespace, mutate, options) => {
      if (kind === 'Pod') patchTimes.push(cluster.sim.nowMs);
      return patch(kind, name, namespace, mutate, options);
    });
    // A sync due at 20 s whatever the kubelet asks for: an outside overwrite at 15 s keeps it ticking.
    cluster.sim.at(15_000, () => {
      cluster.store.patch('Pod', 'web', 'default', (p) => ({ ...p, status: { ...p.status, phase: 'Unknown' as const } }));
    });
    cluster.run();
    // 0: Pending; 15 s: the overwrite; 20 s: Running (the container starts; the tick
    // of the same instant then finds the API server in step); nothing after.
    expect(patchTimes).toEqual([0, 15_000, 20_000]);
  });
});

describe('kubelet status writes: one per sync pass', () => {
  it('starts the containers of one pod due at the same instant in one pass, with one status write', () => {
    // web pulls web:1 at 0; at 60 s a pod of two containers of web:1 finds the
    // image on the node, and one start-up draw for the pod (1 s) makes both
    // due at 61 s. SyncPod starts them in one pass and the status manager
    // writes the latest status once: Pending at 60 s (sandbox), Running at
    // 61 s with both running. Before, a write per container: "1 of 2" first.
    const withPair = `${SCENARIO}  timeline:
    - at: 60s
      action: apply
      manifests:
        - { apiVersion: v1, kind: Pod, metadata: { name: pair }, spec: { containers: [ { name: a, image: "web:1" }, { name: b, image: "web:1" } ] } }
`;
    const cluster = new SimulatedCluster(scenarioFromYaml(withPair), { freezeObjects: true });
    const writes: Array<{ tMs: number; phase: string | undefined; running: number }> = [];
    cluster.store.observe({
      onChange: (change, tMs) => {
        if (change.object.kind !== 'Pod' || change.type !== 'MODIFIED' || change.object.metadata.name !== 'pair') return;
        const pod = change.object as Pod;
        if (pod.status?.containerStatuses === undefined || pod.status.containerStatuses === (change.oldObject as Pod).status?.containerStatuses) return;
        writes.push({ tMs, phase: pod.status.phase, running: pod.status.containerStatuses.filter((s) => s.state?.running !== undefined).length });
      },
    });
    cluster.run();
    expect(writes).toEqual([
      { tMs: 60_000, phase: 'Pending', running: 0 },
      { tMs: 61_000, phase: 'Running', running: 2 },
    ]);
  });
});
