/**
 * End to end: scenarios/quickstart.yaml as shipped. A rolling update of web
 * (10 replicas, 25 %/25 % → maxSurge 3, maxUnavailable 2) from v1 to v2 at
 * 2m, then worker-2 fails at 4m and recovers at 11m. The node lifecycle
 * controller marks it not Ready after the 50 s grace period
 * (kube-controller-manager --node-monitor-grace-period) and the
 * taint-eviction controller deletes its pods
 * when their 300 s default tolerations run out.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runObserved } from '../helpers/observe.js';
import { maxNonTerminatingPods } from '../helpers/report.js';
import { repoScenario } from '../helpers/scenario.js';

const SET_IMAGE_MS = 120_000; // at: 2m
const FAIL_MS = 240_000; // at: 4m
const RECOVER_MS = 660_000; // at: 11m
const FAILED_NODE = 'worker-2';

describe('quickstart', () => {
  const { report, pods, events, samples, store } = runObserved(loadScenario(repoScenario('quickstart.yaml')));
  const v2 = report.replicaSets.find((rs) => rs.revision === 2);

  it('ends with all 10 pods on the v2 ReplicaSet, running web:v2', () => {
    expect(v2).toBeDefined();
    const live = pods.filter((p) => p.deletedMs === undefined);
    expect(live).toHaveLength(10);
    expect(new Set(live.map((p) => p.owner))).toEqual(new Set([`ReplicaSet/${v2?.name}`]));
    expect(live.every((p) => p.readyMs !== undefined)).toBe(true);
    const stored = store.list('Pod');
    expect(stored).toHaveLength(10);
    expect(stored.map((p) => p.spec.containers[0]?.image)).toEqual(Array(10).fill('web:v2'));
    expect(v2?.series.at(-1)).toMatchObject({ specReplicas: 10, replicas: 10, readyReplicas: 10, availableReplicas: 10 });
    const v1 = report.replicaSets.find((rs) => rs.revision === 1);
    expect(v1?.series.at(-1)).toMatchObject({ specReplicas: 0, replicas: 0 });
  });

  it('completes the v2 rollout, started by set-image at 2m', () => {
    const rollout = report.summary.rollouts.find((r) => r.revision === 2);
    expect(rollout?.startMs).toBe(SET_IMAGE_MS);
    expect(rollout?.completeMs).not.toBeNull();
    // lognormal start-ups with median 2 s, p99 8 s: the rollout needs a few
    // waves of start-ups, seconds, not minutes
    expect(rollout?.durationMs).toBeGreaterThan(2_000);
    expect(rollout?.durationMs).toBeLessThan(30_000);
  });

  it('never has more than replicas + maxSurge = 13 non-terminating pods while no node is failed', () => {
    const healthy = samples.filter((s) => s.tMs < FAIL_MS || s.tMs >= RECOVER_MS);
    expect(Math.max(...healthy.map((s) => s.nonTerminatingPods))).toBe(13); // 10 + 3, and the rollout reaches it
    // the same bound read from report.json's pod records
    expect(maxNonTerminatingPods(pods, 0, FAIL_MS)).toBe(13);
    expect(maxNonTerminatingPods(pods, RECOVER_MS, report.scenario.durationMs)).toBeLessThanOrEqual(13);
  });

  it('keeps at least replicas − maxUnavailable = 8 available during the rollout', () => {
    const rollout = samples.filter((s) => s.tMs >= SET_IMAGE_MS && s.tMs < FAIL_MS);
    expect(Math.min(...rollout.map((s) => s.availableReplicas))).toBe(8);
  });

  it('binds no pod to worker-2 while it is failed', () => {
    const boundThere = pods.filter((p) => p.node === FAILED_NODE);
    expect(boundThere.length).toBeGreaterThan(0);
    for (const pod of boundThere) {
      const scheduled = pod.scheduledMs as number;
      expect(scheduled < FAIL_MS || scheduled >= RECOVER_MS).toBe(true);
    }
    // a replacement was needed while it was failed, and went elsewhere
    const replacements = pods.filter((p) => p.createdMs > FAIL_MS && p.createdMs < RECOVER_MS);
    expect(replacements.length).toBeGreaterThan(0);
    for (const pod of replacements) expect(pod.node).not.toBe(FAILED_NODE);
  });

  it('marks worker-2 not Ready 40–60 s after it fails (node-monitor-grace-period 50 s)', () => {
    const node = report.nodes.find((n) => n.name === FAILED_NODE);
    const notReady = node?.series.find((p) => p.tMs > FAIL_MS && !p.ready);
    const delayMs = (notReady?.tMs as number) - FAIL_MS;
    expect(delayMs).toBeGreaterThanOrEqual(40_000);
    expect(delayMs).toBeLessThanOrEqual(60_000);
    expect(events.some((e) => e.reason === 'NodeNotReady' && e.kind === 'Node' && e.name === FAILED_NODE && e.tMs === notReady?.tMs)).toBe(true);
    // Ready again when it recovers
    expect(node?.series.find((p) => p.tMs >= RECOVER_MS)?.ready).toBe(true);
  });

  it("deletes worker-2's pods about 300 s after it was marked not Ready, and replaces them at once", () => {
    const notReadyMs = report.nodes.find((n) => n.name === FAILED_NODE)?.series.find((p) => p.tMs > FAIL_MS && !p.ready)?.tMs as number;
    const stranded = pods.filter((p) => p.node === FAILED_NODE && (p.scheduledMs as number) < FAIL_MS && (p.terminatingMs ?? Infinity) > FAIL_MS);
    expect(stranded.length).toBeGreaterThan(0);
    // The NoExecute taint lands on the monitor pass after the one that set
    // Ready=Unknown (5 s) plus the tainting pass (every 100 ms); the 300 s
    // not-ready/unreachable toleration counts from the taint.
    const taintedMs = report.recovery.find((r) => r.node === FAILED_NODE)?.taintedMs as number;
    expect(taintedMs - notReadyMs).toBeGreaterThan(5_000);
    expect(taintedMs - notReadyMs).toBeLessThanOrEqual(5_100);
    for (const pod of stranded) {
      expect((pod.terminatingMs as number) - taintedMs).toBe(300_000);
      expect(events.some((e) => e.reason === 'TaintManagerEviction' && e.name === pod.name)).toBe(true);
      // the kubelet is gone, so the pod stays Terminating until the node is back
      expect(pod.deletedMs).toBeGreaterThanOrEqual(RECOVER_MS);
    }
    const evictedAt = Math.min(...stranded.map((p) => p.terminatingMs as number));
    const replacements = pods.filter((p) => p.createdMs >= evictedAt && p.createdMs < evictedAt + 1_000);
    expect(replacements).toHaveLength(stranded.length);
  });

  it('summarises the run with real counts', () => {
    // 10 v1 pods + 10 v2 pods + one replacement per evicted pod
    const evicted = events.filter((e) => e.reason === 'TaintManagerEviction').length;
    expect(report.summary.podsCreated).toBe(20 + evicted);
    expect(report.summary.podsScheduled).toBe(report.summary.podsCreated);
    expect(report.summary.podsPendingAtEnd).toBe(0);
    expect(report.latency.startupMs.count).toBe(report.summary.podsCreated);
    expect(report.availability[0]).toMatchObject({ name: 'web', timeBelowMinAvailableMs: 0, lowestAvailable: 8 });
  });
});
