/**
 * PodTopologySpread's Filter (counts from the cache's pod count indexes, a
 * memoized minimum, a whole-cluster shortcut when every node is included;
 * the plugin has no filterAll) gives the verdicts of the plain, upstream-shaped version in
 * test/scheduler/reference/pod-topology-spread.ts, over random clusters and
 * pods placed one after the other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { podTopologySpread } from '../../src/scheduler/plugins/podtopologyspread/plugin.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';
import { placePod } from './reference/equivalence.js';
import * as reference from './reference/pod-topology-spread.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const existing = fc.record({
  app: fc.constantFrom('x', 'y'),
  namespace: fc.constantFrom('default', 'other'),
  deleting: fc.boolean(),
});

const node = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  ssd: fc.boolean(),
  pods: fc.array(existing, { maxLength: 3 }),
});

const constraint = fc.record({
  maxSkew: fc.integer({ min: 1, max: 2 }),
  topologyKey: fc.constantFrom(ZONE, HOST),
  minDomains: fc.integer({ min: 1, max: 4 }),
  app: fc.constantFrom('x', 'y', ''),
});

const incoming = fc.record({
  app: fc.constantFrom('x', 'y'),
  constraints: fc.array(constraint, { minLength: 1, maxLength: 2 }),
  onSsd: fc.boolean(),
});

function verdict(status: Status | undefined): string {
  return status === undefined || status.code === 'Success' ? 'Success' : `${status.code}: ${status.reasons.join(', ')}`;
}

describe('PodTopologySpread Filter equals the plain calPreFilterState and Filter', () => {
  it('Filter, pod after pod', () => {
    const placements = fc.array(fc.nat(), { minLength: 4, maxLength: 4 });
    fc.assert(fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), fc.array(incoming, { minLength: 1, maxLength: 4 }), placements, (nodeSpecs, pods, placeOn) => {
      let podNumber = 0;
      const { nodes, handle } = cluster(nodeSpecs.map((n, i) => [
        makeNode(`n${i}`, { labels: { ...(n.zone === undefined ? {} : { [ZONE]: n.zone }), ...(n.ssd ? { disk: 'ssd' } : {}) } }),
        n.pods.map((p) => makePod(`e${podNumber++}`, { labels: { app: p.app }, namespace: p.namespace, deleting: p.deleting })),
      ] as const));
      const plugin = podTopologySpread(undefined, handle);
      pods.forEach((spec, k) => {
        const constraints = spec.constraints.map((c) => ({
          maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: c.minDomains, matchLabels: c.app === '' ? {} : { app: c.app },
        }));
        const pod: Pod = makePod(`p${k}`, {
          labels: { app: spec.app },
          ...(spec.onSsd ? { nodeSelector: { disk: 'ssd' } } : {}),
          spread: constraints.map((c) => ({
            maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: c.minDomains, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: c.matchLabels },
          })),
        });
        const expected = reference.preFilter(pod, constraints, nodes);
        const expectedVerdicts = nodes.map((n) => verdict(reference.filter(expected, pod, n)));

        const state = newState();
        const pre = plugin.preFilter(state, pod, nodes);
        expect(pre.status.code).toBe('Success');
        expect(nodes.map((n) => verdict(plugin.filter(state, pod, n)))).toEqual(expectedVerdicts);

        placePod(nodes, handle, pod, placeOn[k] ?? 0);
      });
    }), { numRuns: 300 });
  });
});
