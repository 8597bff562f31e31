/**
 * InterPodAffinity's Filter and filterAll (counts from the cache's pod count
 * indexes, per-value id arrays, statuses shared per verdict) give the
 * verdicts of the plain, upstream-shaped version in
 * test/scheduler/reference/inter-pod-affinity.ts, over random clusters and
 * pods placed one after the other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Affinity, Pod } from '../../src/api/types/pod.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { interPodAffinity } from '../../src/scheduler/plugins/interpodaffinity/plugin.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';
import { placePod } from './reference/equivalence.js';
import * as reference from './reference/inter-pod-affinity.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const term = fc.record({ topologyKey: fc.constantFrom(ZONE, HOST), app: fc.constantFrom('x', 'y') });
const podSpec = fc.record({
  app: fc.constantFrom('x', 'y'),
  namespace: fc.constantFrom('default', 'default', 'other'),
  affinity: fc.array(term, { maxLength: 2 }),
  antiAffinity: fc.array(term, { maxLength: 2 }),
});
type PodSpec = typeof podSpec extends fc.Arbitrary<infer T> ? T : never;

const node = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  pods: fc.array(podSpec, { maxLength: 3 }),
});

function affinityOf(spec: PodSpec): Affinity | undefined {
  const terms = (list: PodSpec['affinity']) => list.map((t) => ({ topologyKey: t.topologyKey, labelSelector: { matchLabels: { app: t.app } } }));
  if (spec.affinity.length === 0 && spec.antiAffinity.length === 0) return undefined;
  return {
    ...(spec.affinity.length === 0 ? {} : { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms(spec.affinity) } }),
    ...(spec.antiAffinity.length === 0 ? {} : { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms(spec.antiAffinity) } }),
  };
}

function podOf(name: string, spec: PodSpec): Pod {
  const affinity = affinityOf(spec);
  return makePod(name, { labels: { app: spec.app }, namespace: spec.namespace, ...(affinity === undefined ? {} : { affinity }) });
}

function verdict(status: Status | undefined): string {
  return status === undefined || status.code === 'Success' ? 'Success' : `${status.code}: ${status.reasons.join(', ')}`;
}

describe('InterPodAffinity Filter equals the plain upstream counts and checks', () => {
  it('Filter and filterAll, pod after pod', () => {
    const placements = fc.array(fc.nat(), { minLength: 4, maxLength: 4 });
    fc.assert(fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), fc.array(podSpec, { minLength: 1, maxLength: 4 }), placements, (nodeSpecs, incoming, placeOn) => {
      let podNumber = 0;
      const { nodes, handle } = cluster(nodeSpecs.map((n, i) => [
        makeNode(`n${i}`, { labels: n.zone === undefined ? {} : { [ZONE]: n.zone } }),
        n.pods.map((p) => podOf(`e${podNumber++}`, p)),
      ] as const));
      const plugin = interPodAffinity(undefined, handle);
      incoming.forEach((spec, k) => {
        const pod = podOf(`p${k}`, spec);
        const expected = reference.preFilter(reference.affinityPod(pod), nodes);
        const expectedVerdicts = nodes.map((n) => verdict(reference.filter(expected, n)));

        const state = newState();
        const pre = plugin.preFilter(state, pod, nodes);
        expect(pre.status.code).toBe(expected === undefined ? 'Skip' : 'Success');
        if (pre.status.code === 'Success') {
          expect(nodes.map((n) => verdict(plugin.filter(state, pod, n)))).toEqual(expectedVerdicts);
          if (plugin.filterAll !== undefined) {
            const statuses: Array<Status | undefined> = nodes.map(() => undefined);
            plugin.filterAll(state, pod, nodes, nodes.length, statuses);
            expect(statuses.map(verdict)).toEqual(expectedVerdicts);
          }
        } else {
          expect(expectedVerdicts.every((v) => v === 'Success')).toBe(true);
        }

        placePod(nodes, handle, pod, placeOn[k] ?? 0);
      });
    }), { numRuns: 300 });
  });
});
