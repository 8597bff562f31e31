/**
 * numFeasibleNodesToFind and the rotating start index (§7), back-off
 * durations and queue timing (§2.2), and PrioritySort ordering of activeQ.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import type { QueuedPodInfo } from '../../src/scheduler/framework/interfaces.js';
import { numFeasibleNodesToFind } from '../../src/scheduler/node-search.js';
import { prioritySort } from '../../src/scheduler/plugins/priority-sort.js';
import { alignedBackoffExpiryMs, backoffDurationMs } from '../../src/scheduler/queue/backoff.js';
import { SchedulingQueue } from '../../src/scheduler/queue/scheduling-queue.js';
import { SUCCESS } from '../../src/scheduler/framework/status.js';
import { asInput, makeNode, makePod } from '../helpers/builders.js';
import { ApiClient } from '../../src/api/client.js';
import { ApiStore } from '../../src/api/store.js';
import { defaultProfile } from '../../src/scheduler/plugins/default-profile.js';
import { inTreeRegistry } from '../../src/scheduler/plugins/registry.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';

describe('numFeasibleNodesToFind', () => {
  it.each([
    // fewer than 100 nodes: all of them
    [50, undefined, 50],
    // adaptive: p = 50 − 1000/125 = 42 → 1000·42/100 = 420
    [1000, undefined, 420],
    // p = 50 − 5000/125 = 10 → 500
    [5000, undefined, 500],
    // p = 50 − 48 = 2, raised to 5 → 6000·5/100 = 300
    [6000, undefined, 300],
    // configured 40 % → 2400
    [6000, 40, 2400],
    // 200 nodes at 10 % = 20, raised to the minimum of 100
    [200, 10, 100],
  ])('%i nodes, percentage %s → %i', (nodes, percentage, expected) => {
    expect(numFeasibleNodesToFind(nodes, percentage)).toBe(expected);
  });
});

describe('the rotating start index', () => {
  it('advances by the nodes processed: 500 nodes at 30 % go 0, 150, 300, 450, 100 (TestFairEvaluationForNodes)', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const kubectl = new ApiClient(store, 'test');
    for (let i = 0; i < 500; i++) kubectl.create(asInput(makeNode(`n${i}`, { cpu: '64', memory: '256Gi' })));
    const scheduler = new Scheduler(sim, store, new ApiClient(store, 'default-scheduler'), { profiles: [defaultProfile()], registry: inTreeRegistry(), percentageOfNodesToScore: 30 });
    scheduler.start();
    sim.run();
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      starts.push(scheduler.nextStartNodeIndex);
      kubectl.create(asInput(makePod(`p${i}`, { cpu: '1' })));
      sim.run();
    }
    // 500·30/100 = 150 feasible nodes wanted, every node feasible: +150 each time, modulo 500
    expect(starts).toEqual([0, 150, 300, 450, 100]);
  });
});

describe('backoff', () => {
  it('doubles from 1 s up to 10 s: 1, 2, 4, 8, 10, 10', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDurationMs(a))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('jumps to the maximum instead of passing it: initial 3 s gives 3, 6, 10', () => {
    expect([1, 2, 3, 4].map((a) => backoffDurationMs(a, 3000, 10000))).toEqual([3000, 6000, 10000, 10000]);
  });

  it('no attempts, no backoff', () => {
    expect(backoffDurationMs(0)).toBe(0);
  });

  it('truncates expiry to a whole second (PopFromBackoffQ)', () => {
    // put back at 1.7 s after attempt 2: 1700 + 2000 = 3700 → 3000
    expect(alignedBackoffExpiryMs(1700, 2)).toBe(3000);
  });
});

function queueWith(sim: Simulation): { queue: SchedulingQueue; popped: QueuedPodInfo[] } {
  const sort = prioritySort();
  const popped: QueuedPodInfo[] = [];
  const queue = new SchedulingQueue(sim, { less: (a, b) => sort.less(a, b), preEnqueue: () => SUCCESS, hintsFor: () => [], onActive: () => undefined });
  return { queue, popped };
}

describe('queue timing', () => {
  it('a pod rejected by a plugin waits in backoffQ until truncate(put back + backoff) + 1 s, unless popped early', () => {
    const sim = new Simulation(1);
    const { queue } = queueWith(sim);
    const pod = makePod('p');
    queue.add(pod);
    const info = queue.pop() as QueuedPodInfo;
    // Fails at 1.5 s; a wildcard event arrived while it was in flight, so it is retried after backoff.
    sim.at(1500, () => {
      queue.onClusterEvent({ resource: '*', actionType: 4095, label: 'test' }, undefined, undefined);
      queue.addUnschedulable(info, new Set(['NodeResourcesFit']));
    });
    sim.run({ untilMs: 1501 });
    expect(queue.pendingBackoff).toBe(1);
    // expiry = truncate(1500 + 1000) = 2000; still backing off while truncate(now) ≤ 2000
    sim.run({ untilMs: 2999 });
    expect(queue.pendingBackoff).toBe(1);
    sim.run({ untilMs: 3001 });
    expect(queue.pendingActive).toBe(1);
  });

  it('a pod that no event rescues is retried after 5 minutes in unschedulablePods', () => {
    const sim = new Simulation(1);
    const { queue } = queueWith(sim);
    queue.add(makePod('p'));
    const info = queue.pop() as QueuedPodInfo;
    queue.addUnschedulable(info, new Set(['NodeResourcesFit']));
    expect(queue.pendingUnschedulable).toBe(1);
    // flushed every 30 s once parked for more than 5 min: at 330 s (300 s is not "more than")
    sim.run({ untilMs: 300_001 });
    expect(queue.pendingUnschedulable).toBe(1);
    sim.run({ untilMs: 330_001 });
    expect(queue.pendingUnschedulable).toBe(0);
    expect(queue.pendingActive + queue.pendingBackoff).toBe(1);
  });

  it('pops the head of backoffQ when activeQ is empty (PopFromBackoffQ)', () => {
    const sim = new Simulation(1);
    const { queue } = queueWith(sim);
    queue.add(makePod('p'));
    const info = queue.pop() as QueuedPodInfo;
    queue.onClusterEvent({ resource: '*', actionType: 4095, label: 'test' }, undefined, undefined);
    queue.addUnschedulable(info, new Set(['X']));
    expect(queue.pendingBackoff).toBe(1);
    expect(queue.pop()?.pod.metadata.name).toBe('p');
  });

  it('keeps gated pods out until their scheduling gates are removed', () => {
    const sim = new Simulation(1);
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'wait' }] } });
    const queue = new SchedulingQueue(sim, {
      less: () => false,
      preEnqueue: (pod) => ((pod.spec.schedulingGates ?? []).length > 0 ? { code: 'UnschedulableAndUnresolvable', reasons: ['gated'], plugin: 'SchedulingGates' } : SUCCESS),
      hintsFor: () => [{ plugin: 'SchedulingGates', event: { resource: 'UnscheduledPod', actionType: 1024 }, hint: () => 'Queue' }],
      onActive: () => undefined,
    });
    queue.add(gated);
    expect(queue.pop()).toBeUndefined();
    queue.update(gated, { ...gated, spec: { ...gated.spec, schedulingGates: [] } });
    expect(queue.pop()?.pod.metadata.name).toBe('g');
  });
});

describe('PrioritySort', () => {
  it('never lets a higher-priority pod wait behind a lower-priority one in activeQ (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ priority: fc.integer({ min: -5, max: 5 }), atMs: fc.integer({ min: 0, max: 50 }) }), { minLength: 1, maxLength: 40 }),
      (pods) => {
        const sim = new Simulation(1);
        const { queue } = queueWith(sim);
        const sorted = [...pods.entries()].sort((a, b) => a[1].atMs - b[1].atMs);
        for (const [i, p] of sorted) {
          sim.run({ untilMs: p.atMs });
          queue.add(makePod(`p${i}`, { priority: p.priority }));
        }
        const out: QueuedPodInfo[] = [];
        for (let info = queue.pop(); info !== undefined; info = queue.pop()) out.push(info);
        for (let i = 1; i < out.length; i++) {
          const a = out[i - 1] as QueuedPodInfo;
          const b = out[i] as QueuedPodInfo;
          const pa = a.pod.spec.priority ?? 0;
          const pb = b.pod.spec.priority ?? 0;
          if (pa < pb) return false;
          if (pa === pb && a.timestampMs > b.timestampMs) return false;
        }
        return out.length === pods.length;
      },
    ));
  });
});
