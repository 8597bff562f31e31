/**
 * PodCountIndexes against a scan of the live pods (fast-check): whatever
 * the order in which pods come and go and selectors are first asked for,
 * every count per node and per zone equals counting the matching pods on
 * the nodes one by one. Selectors are found through their anchors (a
 * matchLabels pair or an In requirement) and signatures through their
 * label pairs, so the cases mix anchored and unanchored selectors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../src/api/labels.js';
import type { Pod } from '../../src/api/types/pod.js';
import { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { podInfoOf } from '../../src/scheduler/framework/pod-info.js';
import { compileLabelSelector, NOTHING } from '../../src/scheduler/framework/selectors.js';
import { PodCountIndexes, type MatchClause } from '../../src/scheduler/indexes/pod-count-indexes.js';
import { makeNode, makePod } from '../helpers/builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const nodes = [0, 1, 2, 3].map((i) => new NodeInfo(makeNode(`n${i}`, { labels: { [ZONE]: i % 2 === 0 ? 'a' : 'b' } }), i));

const labelsArb = fc.record({ app: fc.constantFrom('x', 'y', 'z'), tier: fc.constantFrom('web', 'db') }, { requiredKeys: [] });
const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.record({ matchLabels: labelsArb }),
  fc.record({ matchExpressions: fc.array(fc.record({
    key: fc.constantFrom('app', 'tier'),
    operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const),
  }).map((r) => (r.operator === 'In' || r.operator === 'NotIn' ? { ...r, values: r.key === 'app' ? ['x', 'z'] : ['db'] } : r)), { maxLength: 2 }) }),
);
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), node: fc.integer({ min: 0, max: 3 }), labels: labelsArb, namespace: fc.constantFrom('default', 'other'), deleting: fc.boolean() }),
  fc.record({ kind: fc.constant('remove' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('ask' as const), selector: selectorArb, namespace: fc.constantFrom('default', 'other'), live: fc.boolean() }),
);

describe('PodCountIndexes', () => {
  it('counts what a scan of the placed pods counts, in any order of pods and selectors', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
      const indexes = new PodCountIndexes(() => nodes, () => undefined);
      const placed: Array<{ node: NodeInfo; pod: Pod }> = [];
      const asked: Array<{ clause: MatchClause; live: boolean }> = [];
      let serial = 0;
      for (const step of steps) {
        if (step.kind === 'add') {
          const node = nodes[step.node] as NodeInfo;
          const pod = makePod(`p${serial++}`, { labels: step.labels, namespace: step.namespace, deleting: step.deleting, nodeName: node.name });
          placed.push({ node, pod });
          indexes.onPodAdded(node, podInfoOf(pod));
        } else if (step.kind === 'remove') {
          if (placed.length === 0) continue;
          const [gone] = placed.splice(step.index % placed.length, 1);
          if (gone !== undefined) indexes.onPodRemoved(gone.node, podInfoOf(gone.pod));
        } else {
          const clause = { namespaces: new Set([step.namespace]), namespaceSelector: NOTHING, selector: compileLabelSelector(step.selector) };
          asked.push({ clause, live: step.live });
          indexes.matching([clause], step.live);
        }
      }
      for (const { clause, live } of asked) {
        const count = indexes.matching([clause], live);
        const matches = (pod: Pod): boolean => clause.namespaces.has(pod.metadata.namespace ?? 'default') && clause.selector.matches(pod.metadata.labels) && !(live && pod.metadata.deletionTimestamp !== undefined);
        const zones = new Map<string, number>();
        for (const node of nodes) {
          const expected = placed.filter((p) => p.node === node && matches(p.pod)).length;
          expect(count.onNode(node)).toBe(expected);
          if (expected > 0) zones.set(node.labels[ZONE] as string, (zones.get(node.labels[ZONE] as string) ?? 0) + expected);
        }
        expect(new Map([...count.domains(ZONE)].sort())).toEqual(new Map([...zones].sort()));
      }
    }), { numRuns: 300 });
  });
});
