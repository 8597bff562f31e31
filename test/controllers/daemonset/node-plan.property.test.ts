/**
 * Property: the DaemonSet sync's node walk in the informer's order, with
 * only the nodes that need something sorted (node-plan.ts), creates,
 * deletes and reports failed pods exactly as the plain walk over every node
 * sorted by name (plain-daemonset.ts), in the same order; the oldest pod
 * found by a scan is the first of a full sort.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../../src/api/types/node.js';
import type { Pod } from '../../../src/api/types/pod.js';
import type { NodeVerdict } from '../../../src/controllers/daemonset/daemon-pods.js';
import { daemonPodChanges, oldestPod } from '../../../src/controllers/daemonset/node-plan.js';
import { plainDaemonPodChanges, plainOldestPod } from './plain-daemonset.js';

const VERDICTS: readonly NodeVerdict[] = [
  { shouldRun: true, shouldContinueRunning: true },
  { shouldRun: false, shouldContinueRunning: true },
  { shouldRun: false, shouldContinueRunning: false },
];

const nodeOf = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: 0 }, spec: {}, status: {} }) as unknown as Node;

const podArb = fc.record({
  created: fc.integer({ min: 0, max: 5 }),
  phase: fc.constantFrom('Pending', 'Running', 'Failed', 'Succeeded'),
  deleting: fc.boolean(),
});

/** Node names from a small alphabet so some share prefixes; each with a verdict and 0-3 pods. */
const clusterArb = fc.uniqueArray(
  fc.record({ name: fc.stringMatching(/^[a-c]{1,3}-?[0-9]?$/), verdict: fc.constantFrom(...VERDICTS), pods: fc.option(fc.array(podArb, { maxLength: 3 }), { nil: undefined }) }),
  { selector: (n) => n.name, maxLength: 12 },
);

function podsOf(cluster: ReadonlyArray<{ name: string; pods: ReadonlyArray<{ created: number; phase: string; deleting: boolean }> | undefined }>): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>();
  let serial = 0;
  for (const { name, pods } of cluster) {
    if (pods === undefined) continue;
    byNode.set(name, pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `ds-${String(serial++ % 7)}${name}`, namespace: 'default', uid: `u${String(serial)}`, resourceVersion: '1', creationTimestamp: p.created, ...(p.deleting ? { deletionTimestamp: 9 } : {}) },
      spec: { containers: [] },
      status: { phase: p.phase },
    }) as unknown as Pod));
  }
  return byNode;
}

describe('DaemonSet node walk', () => {
  it('gives the plain sorted walk\'s creates, deletes and failed pods in its order, whatever order the informer lists nodes in', () => {
    fc.assert(
      fc.property(clusterArb, fc.boolean(), fc.integer(), (cluster, keepTwo, seed) => {
        const nodes = cluster.map((n) => nodeOf(n.name));
        const verdictByName = new Map(cluster.map((n) => [n.name, n.verdict]));
        const byNode = podsOf(cluster);
        // A surge-like rule keeps the two oldest; the default keeps the oldest.
        const extras = (running: readonly Pod[]): Pod[] => running.slice(keepTwo ? 2 : 1);
        const shuffled = fc.sample(fc.shuffledSubarray(nodes, { minLength: nodes.length, maxLength: nodes.length }), { seed, numRuns: 1 })[0] as Node[];
        const fast = daemonPodChanges(shuffled, shuffled.map((n) => verdictByName.get(n.metadata.name) as NodeVerdict), byNode, extras);
        const plain = plainDaemonPodChanges(nodes, (n) => verdictByName.get(n.metadata.name) as NodeVerdict, byNode, extras);
        expect(fast.createOn).toEqual(plain.createOn);
        expect(fast.remove.map((p) => p.metadata.uid)).toEqual(plain.remove.map((p) => p.metadata.uid));
        expect(fast.failed.map((f) => [f.node, f.pod.metadata.uid])).toEqual(plain.failed.map((f) => [f.node, f.pod.metadata.uid]));
      }),
      { numRuns: 400 },
    );
  });

  it('finds the oldest pod as the first of a full sort by age', () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        for (const pods of podsOf(cluster).values()) expect(oldestPod(pods)?.metadata.uid).toBe(plainOldestPod(pods)?.metadata.uid);
      }),
      { numRuns: 300 },
    );
  });
});
