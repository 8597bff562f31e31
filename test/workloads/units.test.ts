/** Cron schedules, Job back-off, PDB arithmetic and eviction, deletion order, strategic merge, and action validation. */
import { describe, expect, it } from 'vitest';
import { evictPod } from '../../src/api/eviction.js';
import { ApiStore } from '../../src/api/store.js';
import { nextActivationMs, parseCronSchedule } from '../../src/api/cron-schedule.js';
import type { Pod } from '../../src/api/types/pod.js';
import { countHealthyPods, disruptionsAllowed, expectedPodCount } from '../../src/controllers/disruption/budget.js';
import { backoffDurationMs, recordFinished, remainingBackoffMs } from '../../src/controllers/job/backoff.js';
import { compareForDeletion } from '../../src/controllers/replicaset/pods-to-delete.js';
import { Simulation } from '../../src/engine/simulation.js';
import { strategicMerge } from '../../src/scenario/actions/strategic-merge.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const MIN = 60_000;

describe('cron schedules (robfig/cron standard parser)', () => {
  it.each([
    ['*/5 * * * *', 0, 5 * MIN],
    ['*/5 * * * *', 5 * MIN, 10 * MIN],
    ['0 * * * *', 1, 60 * MIN],
    ['@daily', 0, 24 * 60 * MIN],
    ['30 2 * * mon', 0, Date.UTC(1970, 0, 5, 2, 30)], // 1970-01-01 is a Thursday; next Monday is the 5th
    ['0 0 1 feb *', 0, Date.UTC(1970, 1, 1)],
    ['0 0 13 * fri', 0, Date.UTC(1970, 0, 2)], // both day fields restricted: either matches (Friday the 2nd)
    ['@every 90s', 1_500, 91_000],
  ] as const)('%s after %d → %d', (spec, after, next) => {
    const parsed = parseCronSchedule(spec);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(nextActivationMs(parsed.schedule, after)).toBe(next);
  });

  it.each(['* * * *', '61 * * * *', '*/0 * * * *', 'TZ=UTC * * * * *', '@sometimes'])('refuses %s', (spec) => {
    expect(parseCronSchedule(spec).ok).toBe(false);
  });
});

describe('Job pod-failure back-off (10 s doubling, 10 min cap)', () => {
  it.each([[0, 0], [1, 10_000], [2, 20_000], [3, 40_000], [7, 600_000] /* 10 s × 2^6 = 640 s, capped */, [20, 600_000]] as const)('%d failures → %d ms', (n, ms) => {
    expect(backoffDurationMs(n)).toBe(ms);
  });

  it('counts from the last failure and resets after a later success', () => {
    const record = { failuresAfterLastSuccess: 0 };
    recordFinished(record, [{ atMs: 5_000, succeeded: false }, { atMs: 8_000, succeeded: false }]);
    expect(remainingBackoffMs(record, 10_000)).toBe(18_000); // 20 s after 8 s
    recordFinished(record, [{ atMs: 12_000, succeeded: true }]);
    expect(remainingBackoffMs(record, 12_000)).toBe(0);
  });
});

function pod(name: string, opts: { ready?: boolean; deleting?: boolean; owner?: string; node?: string; readyAt?: number; created?: number; uid?: string } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: opts.uid ?? name, resourceVersion: '1', creationTimestamp: opts.created ?? 0, labels: { app: 'web' },
      ...(opts.deleting === true ? { deletionTimestamp: 1 } : {}),
      ...(opts.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: opts.owner, uid: opts.owner, controller: true }] }),
    },
    spec: { containers: [{ name: 'c' }], ...(opts.node === undefined ? {} : { nodeName: opts.node }) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: opts.readyAt ?? 0 }] },
  };
}

describe('PodDisruptionBudget arithmetic (k/k pkg/controller/disruption/disruption.go)', () => {
  const pdb = (spec: object) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' as const, metadata: { name: 'p', uid: 'p', resourceVersion: '1', creationTimestamp: 0 }, spec });
  const pods = [pod('a', { owner: 'rs' }), pod('b', { owner: 'rs' }), pod('c', { owner: 'rs', ready: false }), pod('d', { owner: 'rs', deleting: true })];
  const finder = () => ({ uid: 'deploy', scale: 4 });
  it.each([
    [{ minAvailable: 3 }, 4, 3], // integer: expected = matching pods
    [{ minAvailable: '50%' }, 4, 2], // ceil(50% × 4 scale)
    [{ maxUnavailable: 1 }, 4, 3],
    [{ maxUnavailable: '30%' }, 4, 2], // 4 − ceil(1.2)
  ] as const)('%j → expected %d, desired %d', (spec, expected, desired) => {
    expect(expectedPodCount(pdb(spec), pods, finder)).toMatchObject({ ok: true, expectedPods: expected, desiredHealthy: desired });
  });

  it('healthy = Ready, not deleting, not recently disrupted; allowed = max(0, healthy − desired)', () => {
    expect(countHealthyPods(pods, {}, 0)).toBe(2);
    expect(countHealthyPods(pods, { a: 0 }, 60_000)).toBe(1); // a was approved 1 min ago
    expect(countHealthyPods(pods, { a: 0 }, 121_000)).toBe(2); // entry older than 2 min no longer counts
    expect(disruptionsAllowed(2, 1, 4)).toBe(1);
    expect(disruptionsAllowed(2, 3, 4)).toBe(0);
    expect(disruptionsAllowed(2, 0, 0)).toBe(0);
  });

  it('a pod without a controller makes a percentage budget unmanaged; a Job pod is an error', () => {
    expect(expectedPodCount(pdb({ maxUnavailable: 1 }), [pod('x')], finder)).toMatchObject({ ok: true, unmanagedPods: ['x'] });
    expect(expectedPodCount(pdb({ maxUnavailable: 1 }), [pod('y', { owner: 'job' })], () => undefined).ok).toBe(false);
  });
});

describe('eviction API', () => {
  it('429 while the budget allows nothing, 200 with a graceful delete when it allows one (and spends it)', () => {
    const store = new ApiStore(new Simulation(1));
    const evict = () => evictPod(store, 'a', 'default', store.nowMs);
    store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'web' } }, spec: { nodeName: 'n', containers: [{ name: 'c', image: 'i' }] } });
    store.patch('Pod', 'a', 'default', (p) => ({ ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }));
    store.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } });
    expect(evict()).toMatchObject({ ok: false, error: { reason: 'TooManyRequests' } }); // no status yet
    const status = (allowed: number) => ({ observedGeneration: 1, disruptionsAllowed: allowed, currentHealthy: 1 + allowed, desiredHealthy: 1, expectedPods: 2 });
    store.patch('PodDisruptionBudget', 'web', 'default', (p) => ({ ...p, status: status(0) }));
    expect(evict()).toMatchObject({ ok: false, error: { reason: 'TooManyRequests' } });
    store.patch('PodDisruptionBudget', 'web', 'default', (p) => ({ ...p, status: status(1) }));
    expect(evict().ok).toBe(true);
    expect(store.get('Pod', 'a', 'default')?.metadata.deletionTimestamp).toBe(30_000);
    expect(store.get('PodDisruptionBudget', 'web', 'default')?.status).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { a: 0 } });
  });
});

describe('deletion order (§13.4)', () => {
  const now = 100_000;
  const ranked = (p: Pod, rank = 0) => ({ pod: p, rank });
  it('not ready before ready, then the more recently Ready in log2 buckets, then UID', () => {
    expect(compareForDeletion(ranked(pod('a', { ready: false, node: 'n' })), ranked(pod('b', { node: 'n' })), now)).toBeLessThan(0);
    // Ready 1 s ago (2^29.9 ns, bucket 29) goes before Ready 20 s ago (bucket 34)
    expect(compareForDeletion(ranked(pod('a', { node: 'n', readyAt: now - 1_000 })), ranked(pod('b', { node: 'n', readyAt: now - 20_000 })), now)).toBeLessThan(0);
    // 2^33 ns ≈ 8.59 s: 8.0 s and 8.5 s share bucket 32, so UID decides (b < c)
    expect(compareForDeletion(ranked(pod('c', { node: 'n', readyAt: now - 8_000 })), ranked(pod('b', { node: 'n', readyAt: now - 8_500 })), now)).toBeGreaterThan(0);
    // 8.5 s (bucket 32) vs 8.6 s (bucket 33): the more recent goes first whatever the UIDs
    expect(compareForDeletion(ranked(pod('z', { node: 'n', readyAt: now - 8_500 })), ranked(pod('a', { node: 'n', readyAt: now - 8_600 })), now)).toBeLessThan(0);
    // doubled-up node first
    expect(compareForDeletion(ranked(pod('a', { node: 'n' }), 2), ranked(pod('b', { node: 'm' }), 1), now)).toBeLessThan(0);
  });
});

describe('strategic merge patch', () => {
  it('merges maps, deletes with null (list rules: test/scenario/strategic-merge.test.ts)', () => {
    const service = { spec: { selector: { app: 'web', version: 'blue' } } };
    expect(strategicMerge(service, { spec: { selector: { version: 'green' } } })).toEqual({ spec: { selector: { app: 'web', version: 'green' } } });
    expect(strategicMerge(service, { spec: { selector: { version: null } } })).toEqual({ spec: { selector: { app: 'web' } } });
  });
});

describe('timeline actions naming missing objects fail validation with file:line', () => {
  const base = (timeline: string) => `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: t }
spec:
  cluster: { nodePools: [ { name: worker, count: 1, capacity: { cpu: "1", memory: 1Gi } } ] }
  timeline:
${timeline}`;
  it.each([
    ['    - { at: 1m, action: rollout-undo, deployment: nope }', 'Deployment "nope"'],
    ['    - { at: 1m, action: drain-node, node: worker-9 }', 'Node "worker-9"'],
    ['    - { at: 1m, action: patch, kind: Service, name: web, patch: { spec: {} } }', 'Service "web"'],
    ['    - { at: 1m, action: add-nodes, pool: gpu, count: 1 }', 'node pool "gpu"'],
    ['    - { at: 1m, action: scale, statefulset: db, replicas: 2 }', 'StatefulSet "db"'],
  ])('%s', (entry, message) => {
    try {
      scenarioFromYaml(base(entry));
      expect.unreachable('validation should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const issue = (error as ScenarioError).issues[0];
      expect(issue?.position.line).toBe(7);
      expect(issue?.message).toContain(message);
    }
  });

  it('a node added by add-nodes is known to later actions', () => {
    const s = scenarioFromYaml(base('    - { at: 1m, action: add-nodes, pool: worker, count: 1 }\n    - { at: 2m, action: fail-node, node: worker-1 }'));
    expect(s.timeline).toHaveLength(2);
  });
});
