/**
 * The kubelet's node Lease (k8s.io/component-helpers apimachinery/lease
 * controller.go; pkg/kubelet nodeLeaseRenewIntervalFraction): renewed every
 * 0.25 × nodeLeaseDurationSeconds (40 s) = 10 s, each wait stretched by up
 * to 4 % (wait.JitterUntil, factor 0.04); while the API server cannot be
 * reached, retried after 200 ms doubling to 7 s (backoffEnsureLease); and
 * updated from the Lease it last wrote without a GET, ensuring it again
 * (GET, create) when the update finds none.
 */
import { describe, expect, it } from 'vitest';
import type { Lease } from '../../src/api/types/node.js';
import { RandomStreams } from '../../src/engine/random.js';
import { LEASE_RENEW_INTERVAL_MS, LEASE_RETRY_INITIAL_MS, LEASE_RETRY_MAX_MS, NODE_LEASE_NAMESPACE } from '../../src/node/lease.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const scenario = (timeline: string): string => `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: lease }
spec:
  seed: 5
  duration: 2m
  cluster:
    nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 8Gi } } ]
  timeline: ${timeline}
`;

/** The renewTime of every Lease write after the one that creates it as the cluster starts (0 ms), in order, and the cluster. */
function renewals(timeline: string, during?: (cluster: SimulatedCluster) => void): { times: number[]; cluster: SimulatedCluster } {
  const cluster = new SimulatedCluster(scenarioFromYaml(scenario(timeline)), { freezeObjects: true });
  const times: number[] = [];
  cluster.store.observe({
    onChange: (change) => {
      if (change.object.kind === 'Lease' && change.type !== 'DELETED') times.push((change.object as Lease).spec.renewTime as number);
    },
  });
  during?.(cluster);
  cluster.run();
  expect(cluster.store.get('Lease', nodeName(cluster), NODE_LEASE_NAMESPACE)).toBeDefined();
  return { times, cluster };
}

const nodeName = (cluster: SimulatedCluster): string => cluster.store.list('Node')[0]?.metadata.name as string;

describe('node Lease renewal', () => {
  it('renews every 10 s stretched by 0-4 %: each wait is round(10,000 × (1 + 0.04 × r)) with r the lease stream\'s next draw', () => {
    const { times, cluster } = renewals('[]');
    const stream = new RandomStreams(5).stream(`kubelet/${nodeName(cluster)}/lease`);
    // The first renewal creates the Lease when the kubelet starts (0 ms);
    // e.g. r = 0.5 gives round(10,000 × 1.02) = 10,200 ms to the next.
    const expected: number[] = [];
    for (let t = 0; t < 120_000; t += Math.round(LEASE_RENEW_INTERVAL_MS * (1 + 0.04 * stream.next()))) expected.push(t);
    expect(times).toEqual(expected.slice(1));
    // 2 min / 10-10.4 s: 12 renewals (0 ms and 11 more)
    expect(expected).toHaveLength(12);
    for (let i = 1; i < times.length; i++) {
      const gap = (times[i] as number) - (times[i - 1] as number);
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThanOrEqual(10_400);
    }
  });

  it('retries after 200 ms doubling to 7 s while partitioned, and draws the next 10 s wait only after a renewal got through', () => {
    // Cut off from 30 s to 60 s: the renewal due after 30 s times out and is retried after
    // 200, 400, 800, 1,600, 3,200, 6,400 ms, then every 7,000 ms (12,800 capped), until one lands after 60 s.
    const { times, cluster } = renewals('[ { at: 30s, action: partition, nodes: [ n-0 ], duration: 30s } ]');
    const stream = new RandomStreams(5).stream(`kubelet/${nodeName(cluster)}/lease`);
    const expected: number[] = [];
    const waits: number[] = [];
    let retryMs = LEASE_RETRY_INITIAL_MS;
    for (let t = 0; t < 120_000;) {
      if (t >= 30_000 && t < 60_000) {
        waits.push(retryMs);
        t += retryMs;
        retryMs = Math.min(retryMs * 2, LEASE_RETRY_MAX_MS);
        continue;
      }
      expected.push(t);
      retryMs = LEASE_RETRY_INITIAL_MS;
      t += Math.round(LEASE_RENEW_INTERVAL_MS * (1 + 0.04 * stream.next()));
    }
    expect(times).toEqual(expected.slice(1));
    expect(waits.slice(0, 7)).toEqual([200, 400, 800, 1_600, 3_200, 6_400, 7_000]);
    // the first renewal after the heal lands within one 7 s retry of it
    const firstAfter = times.find((t) => t >= 30_000) as number;
    expect(firstAfter).toBeGreaterThanOrEqual(60_000);
    expect(firstAfter).toBeLessThan(60_000 + LEASE_RETRY_MAX_MS);
  });

  it('creates the Lease again at the next renewal when it was deleted (the update finds none, so it ensures the Lease)', () => {
    const { times } = renewals('[]', (cluster) => {
      cluster.sim.at(25_000, () => cluster.store.delete('Lease', 'n-0', NODE_LEASE_NAMESPACE));
    });
    // renewals before the delete at ~10 s and ~20 s; the one at ~30 s creates it again and the rest follow, as without the delete
    const { times: undisturbed } = renewals('[]');
    expect(times).toEqual(undisturbed);
    expect(times.filter((t) => t < 25_000)).toHaveLength(2);
  });
});
