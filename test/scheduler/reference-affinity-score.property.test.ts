/**
 * InterPodAffinity's PreScore, Score and NormalizeScore (scores from the
 * cache's pod count indexes and holder lists, borrowed per-domain totals,
 * the batch scoreAll and normalizeAll) give the scores of the plain,
 * upstream-shaped version in test/scheduler/reference/inter-pod-affinity-scoring.ts,
 * raw and normalized, over random clusters (terms with explicit namespaces
 * and namespace selectors over labelled namespaces), random feasible
 * subsets and pods placed one after the other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Affinity, Pod, PodAffinityTerm } from '../../src/api/types/pod.js';
import { interPodAffinity } from '../../src/scheduler/plugins/interpodaffinity/plugin.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';
import { affinityPod } from './reference/inter-pod-affinity.js';
import { expectScores, placePod } from './reference/equivalence.js';
import * as reference from './reference/inter-pod-affinity-scoring.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** Namespace labels: team=a for default, team=b for other. */
const NAMESPACE_LABELS: Readonly<Record<string, Record<string, string>>> = { default: { team: 'a' }, other: { team: 'b' } };
const namespaceLabels = (namespace: string) => NAMESPACE_LABELS[namespace];

const term = fc.record({
  topologyKey: fc.constantFrom(ZONE, HOST),
  app: fc.constantFrom('x', 'y'),
  // Mostly the pod's own namespace; sometimes an explicit list reaching across.
  namespaces: fc.constantFrom<readonly string[]>([], [], ['other'], ['default', 'other']),
  // Sometimes a namespaceSelector: one team's namespaces, or every namespace.
  namespaceSelector: fc.constantFrom<Record<string, string> | undefined>(undefined, undefined, undefined, { team: 'b' }, {}),
});
const weighted = fc.record({ term, weight: fc.integer({ min: 1, max: 100 }) });
const podSpec = fc.record({
  app: fc.constantFrom('x', 'y'),
  namespace: fc.constantFrom('default', 'default', 'other'),
  deleting: fc.boolean(),
  affinity: fc.array(term, { maxLength: 1 }),
  antiAffinity: fc.array(term, { maxLength: 1 }),
  preferredAffinity: fc.array(weighted, { maxLength: 2 }),
  preferredAntiAffinity: fc.array(weighted, { maxLength: 2 }),
});
type PodSpec = typeof podSpec extends fc.Arbitrary<infer T> ? T : never;
type TermSpec = PodSpec['affinity'][number];

const node = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  feasible: fc.boolean(),
  pods: fc.array(podSpec, { maxLength: 3 }),
});

const args = fc.record({
  hardPodAffinityWeight: fc.constantFrom(0, 1, 1, 7, 100),
  ignorePreferredTermsOfExistingPods: fc.boolean(),
});

function termOf(t: TermSpec): PodAffinityTerm {
  return {
    topologyKey: t.topologyKey,
    labelSelector: { matchLabels: { app: t.app } },
    ...(t.namespaces.length === 0 ? {} : { namespaces: t.namespaces }),
    ...(t.namespaceSelector === undefined ? {} : { namespaceSelector: { matchLabels: t.namespaceSelector } }),
  };
}

function affinityOf(spec: PodSpec): Affinity | undefined {
  const weightedTerms = (list: PodSpec['preferredAffinity']) => list.map((w) => ({ weight: w.weight, podAffinityTerm: termOf(w.term) }));
  const podAffinity = {
    ...(spec.affinity.length === 0 ? {} : { requiredDuringSchedulingIgnoredDuringExecution: spec.affinity.map(termOf) }),
    ...(spec.preferredAffinity.length === 0 ? {} : { preferredDuringSchedulingIgnoredDuringExecution: weightedTerms(spec.preferredAffinity) }),
  };
  const podAntiAffinity = {
    ...(spec.antiAffinity.length === 0 ? {} : { requiredDuringSchedulingIgnoredDuringExecution: spec.antiAffinity.map(termOf) }),
    ...(spec.preferredAntiAffinity.length === 0 ? {} : { preferredDuringSchedulingIgnoredDuringExecution: weightedTerms(spec.preferredAntiAffinity) }),
  };
  if (Object.keys(podAffinity).length === 0 && Object.keys(podAntiAffinity).length === 0) return undefined;
  return {
    ...(Object.keys(podAffinity).length === 0 ? {} : { podAffinity }),
    ...(Object.keys(podAntiAffinity).length === 0 ? {} : { podAntiAffinity }),
  };
}

function podOf(name: string, spec: PodSpec): Pod {
  const affinity = affinityOf(spec);
  return makePod(name, { labels: { app: spec.app }, namespace: spec.namespace, deleting: spec.deleting, ...(affinity === undefined ? {} : { affinity }) });
}

describe('InterPodAffinity scoring equals the plain upstream score map', () => {
  it('PreScore, Score/scoreAll and NormalizeScore/normalizeAll, pod after pod', () => {
    const placements = fc.array(fc.nat(), { minLength: 4, maxLength: 4 });
    const incomingPods = fc.array(podSpec.map((p) => ({ ...p, deleting: false })), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), incomingPods, placements, args, (nodeSpecs, incoming, placeOn, pluginArgs) => {
      let podNumber = 0;
      const { nodes, handle } = cluster(nodeSpecs.map((n, i) => [
        makeNode(`n${i}`, { labels: n.zone === undefined ? {} : { [ZONE]: n.zone } }),
        n.pods.map((p) => podOf(`e${podNumber++}`, p)),
      ] as const), namespaceLabels);
      // The nodes that passed Filter: Score and NormalizeScore see only these, PreScore counts pods on all.
      const chosen = nodes.filter((_, i) => nodeSpecs[i]?.feasible === true);
      const feasible = chosen.length > 0 ? chosen : nodes;
      const plugin = interPodAffinity(pluginArgs, handle);
      incoming.forEach((spec, k) => {
        const pod = podOf(`p${k}`, spec);
        const expected = reference.preScore(affinityPod(pod, namespaceLabels), nodes, pluginArgs, namespaceLabels);

        const state = newState();
        expect(plugin.preScore(state, pod, feasible).code).toBe(expected === undefined ? 'Skip' : 'Success');
        if (expected !== undefined) {
          const raw = feasible.map((n) => reference.score(expected, n));
          expectScores(plugin, state, pod, feasible, raw, reference.normalizeScore(raw));
        }

        placePod(nodes, handle, pod, placeOn[k] ?? 0);
      });
    }), { numRuns: 300 });
  });
});
