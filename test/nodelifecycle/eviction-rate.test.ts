import { describe, expect, it } from 'vitest';
import { RateLimitedTimedQueue } from '../../src/controllers/nodelifecycle/rate-limited-queue.js';
import { computeZoneState, DEFAULT_EVICTION_RATES, zoneEvictionRate, zoneKey } from '../../src/controllers/nodelifecycle/zones.js';
import type { Node } from '../../src/api/types/node.js';

/** Drains `queue` on the 100 ms NodeEvictionPeriod grid until `untilMs`; returns when each node was tainted. */
function drain(queue: RateLimitedTimedQueue, untilMs: number): Map<string, number> {
  const tainted = new Map<string, number>();
  for (let t = 100; t <= untilMs; t += 100) {
    queue.try(t, (node) => {
      tainted.set(node, t);
      return { done: true };
    });
  }
  return tainted;
}

describe('ComputeZoneState (k/k node_lifecycle_controller.go)', () => {
  // FullDisruption: no Ready node and at least one not Ready.
  // PartialDisruption: more than 2 not Ready and notReady/total >= 0.55.
  const cases: Array<{ ready: number; notReady: number; state: string }> = [
    { ready: 10, notReady: 0, state: 'Normal' },
    { ready: 0, notReady: 1, state: 'FullDisruption' }, // 0 Ready
    { ready: 0, notReady: 5, state: 'FullDisruption' },
    { ready: 1, notReady: 2, state: 'Normal' }, // 2/3 = 67 % but only 2 not Ready (needs > 2)
    { ready: 2, notReady: 3, state: 'PartialDisruption' }, // 3/5 = 60 % >= 55 %, 3 > 2
    { ready: 3, notReady: 3, state: 'Normal' }, // 3/6 = 50 % < 55 %
    { ready: 45, notReady: 55, state: 'PartialDisruption' }, // exactly 55 %
    { ready: 46, notReady: 54, state: 'Normal' }, // 54 %
  ];
  it.each(cases)('$ready Ready + $notReady not Ready is $state', ({ ready, notReady, state }) => {
    const statuses = [...Array<string>(ready).fill('True'), ...Array<string>(notReady).fill('Unknown')];
    expect(computeZoneState(statuses, 0.55)).toEqual({ notReady, state });
  });

  it('counts a node that never posted Ready as not Ready', () => {
    expect(computeZoneState([undefined, undefined, undefined, 'True'], 0.55).state).toBe('PartialDisruption');
  });
});

describe('per-zone eviction rate (setLimiterInZone, ReducedQPSFunc)', () => {
  const cases: Array<{ state: 'Normal' | 'PartialDisruption' | 'FullDisruption'; size: number; rate: number }> = [
    { state: 'Normal', size: 10, rate: 0.1 }, // --node-eviction-rate
    { state: 'FullDisruption', size: 10, rate: 0.1 }, // back to the healthy rate
    { state: 'PartialDisruption', size: 51, rate: 0.01 }, // > 50 nodes: --secondary-node-eviction-rate
    { state: 'PartialDisruption', size: 50, rate: 0 }, // <= 50 (--large-cluster-size-threshold): stop
    { state: 'PartialDisruption', size: 6, rate: 0 },
  ];
  it.each(cases)('$state zone of $size nodes taints $rate nodes/s', ({ state, size, rate }) => {
    expect(zoneEvictionRate(state, size, DEFAULT_EVICTION_RATES)).toBe(rate);
  });
});

describe('rate-limited NoExecute tainting (burst 1, drained every 100 ms)', () => {
  const cases: Array<{ qps: number; nodes: number; untilMs: number; times: number[] }> = [
    // The bucket starts full: the first node at the first pass, then one per 1/qps.
    { qps: 0.1, nodes: 3, untilMs: 30_000, times: [100, 10_100, 20_100] },
    { qps: 0.01, nodes: 2, untilMs: 200_000, times: [100, 100_100] },
    { qps: 1, nodes: 3, untilMs: 3_000, times: [100, 1_100, 2_100] },
    { qps: 0, nodes: 2, untilMs: 100_000, times: [] }, // a stopped zone taints nothing
  ];
  it.each(cases)('at $qps nodes/s the nodes are tainted at $times', ({ qps, nodes, untilMs, times }) => {
    const queue = new RateLimitedTimedQueue(qps, 0);
    for (let i = 0; i < nodes; i++) queue.add(`node-${i}`, 0);
    const tainted = drain(queue, untilMs);
    expect([...tainted.values()]).toEqual(times);
    expect(queue.size).toBe(nodes - times.length);
  });

  it('keeps a processed node as a member: re-adding it does not queue it again until it is removed', () => {
    const queue = new RateLimitedTimedQueue(0.1, 0);
    queue.add('a', 0);
    drain(queue, 100);
    expect(queue.add('a', 5_000)).toBe(false);
    expect(queue.size).toBe(0);
    expect(queue.remove('a')).toBe(true); // markNodeAsReachable
    expect(queue.add('a', 6_000)).toBe(true);
  });

  it('swapping to a new rate keeps an empty bucket empty (burst 1 drain rule)', () => {
    const queue = new RateLimitedTimedQueue(0.1, 0);
    for (const n of ['a', 'b', 'c']) queue.add(n, 0);
    drain(queue, 100); // 'a' took the only token
    queue.swapLimiter(1, 200); // old bucket empty -> new one starts empty too
    const times: number[] = [];
    for (let t = 300; t <= 3_000; t += 100) queue.try(t, () => (times.push(t), { done: true }));
    // At 1/s from an empty bucket at 200 ms: tokens at 1 200 and 2 200.
    expect(times).toEqual([1_200, 2_200]);
  });

  it('retries a failed attempt after its wait and keeps the order of the rest', () => {
    const queue = new RateLimitedTimedQueue(10, 0);
    queue.add('a', 0);
    queue.add('b', 0);
    let first = true;
    const order: string[] = [];
    for (let t = 100; t <= 1_000; t += 100) {
      queue.try(t, (n) => {
        if (n === 'a' && first) {
          first = false;
          return { done: false, retryAfterMs: 50 };
        }
        order.push(`${n}@${t}`);
        return { done: true };
      });
    }
    // 10/s, burst 1: the failed attempt on 'a' spent the 100 ms token, so 'b'
    // (now the head: 'a' waits until 151 ms) goes at 200 and 'a' at 300.
    expect(order).toEqual(['b@200', 'a@300']);
  });
});

describe('zone key', () => {
  const node = (labels: Record<string, string>): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', uid: 'u', resourceVersion: '1', creationTimestamp: 0, labels }, spec: {} });
  it('joins region and zone, accepting the beta labels', () => {
    expect(zoneKey(node({ 'topology.kubernetes.io/region': 'eu', 'topology.kubernetes.io/zone': 'a' }))).toBe('eu:\u0000:a');
    expect(zoneKey(node({ 'failure-domain.beta.kubernetes.io/zone': 'b' }))).toBe(':\u0000:b');
    expect(zoneKey(node({}))).toBe('');
  });
});
