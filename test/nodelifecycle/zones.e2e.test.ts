import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import { changesOf, observeRun } from '../helpers/cluster.js';

/** Zones as { zone: nodeCount }; the listed nodes fail at t=1m; returns when each got a NoExecute taint. */
function noExecuteTimes(zones: Record<string, number>, failing: readonly string[], duration = '8m'): Map<string, number> {
  const pools = Object.entries(zones)
    .map(([zone, count]) => `      - { name: ${zone}, count: ${count}, capacity: { cpu: "2", memory: 4Gi }, labels: { topology.kubernetes.io/zone: ${zone} } }`)
    .join('\n');
  const timeline = failing.map((node) => `    - { at: 1m, action: fail-node, node: ${node} }`).join('\n');
  const run = observeRun(`
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: zones }
spec:
  duration: ${duration}
  cluster:
    nodePools:
${pools}
  timeline:
${timeline}
`, ['Node']);
  const tainted = new Map<string, number>();
  for (const c of changesOf<Node>(run, 'Node')) {
    if (!tainted.has(c.object.metadata.name) && (c.object.spec.taints ?? []).some((t) => t.effect === 'NoExecute')) tainted.set(c.object.metadata.name, c.tMs);
  }
  return tainted;
}

function gaps(times: Map<string, number>): number[] {
  const sorted = [...times.values()].sort((a, b) => a - b);
  return sorted.slice(1).map((t, i) => t - (sorted[i] as number));
}

describe('per-zone eviction rate limiting (kube-controller-manager --node-eviction-rate)', () => {
  it('a Normal zone (4 of 10 nodes down, 40 %) taints one node per 10 s', () => {
    const times = noExecuteTimes({ a: 10 }, ['a-0', 'a-1', 'a-2', 'a-3']);
    expect(times.size).toBe(4);
    expect(gaps(times)).toEqual([10_000, 10_000, 10_000]);
  });

  it('a small partially disrupted zone (4 of 6 down, 67 %, 6 <= 50 nodes) stops tainting', () => {
    const times = noExecuteTimes({ a: 6, b: 3 }, ['a-0', 'a-1', 'a-2', 'a-3']);
    expect(times.size).toBe(0);
  });

  it('a large partially disrupted zone (40 of 60 down) taints at the secondary rate, one node per 100 s', () => {
    const failing = Array.from({ length: 40 }, (_, i) => `big-${i}`);
    const times = noExecuteTimes({ big: 60 }, failing, '8m');
    // Unknown at ~110 s, first taint on the next pass, then 0.01 nodes/s until 8 min.
    expect(times.size).toBeGreaterThanOrEqual(4);
    expect(gaps(times).every((g) => g === 100_000)).toBe(true);
  });

  it('a fully disrupted zone next to a healthy one taints at the normal rate', () => {
    const times = noExecuteTimes({ a: 3, b: 3 }, ['b-0', 'b-1', 'b-2']);
    expect(times.size).toBe(3);
    expect(gaps(times)).toEqual([10_000, 10_000]);
  });

  it('when every zone is fully disrupted, no node is tainted (the control plane assumes it is cut off)', () => {
    const times = noExecuteTimes({ a: 3 }, ['a-0', 'a-1', 'a-2']);
    expect(times.size).toBe(0);
  });
});
