/**
 * PodTopologySpread's PreScore, Score and NormalizeScore (value ids, counts
 * per value id from the cache's pod count indexes, a whole-cluster shortcut,
 * the batch scoreAll and normalizeAll) give the scores of the plain,
 * upstream-shaped version in test/scheduler/reference/pod-topology-spread-scoring.ts,
 * raw and normalized, over random clusters, random feasible subsets, the
 * pod's own soft constraints or the System or List defaults (with default
 * selectors from a Service and a controlling ReplicaSet), and pods placed
 * one after the other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../src/api/types/apps.js';
import type { Service } from '../../src/api/types/core.js';
import type { Pod, TopologySpreadConstraint } from '../../src/api/types/pod.js';
import type { FrameworkHandle } from '../../src/scheduler/framework/interfaces.js';
import { podTopologySpread } from '../../src/scheduler/plugins/podtopologyspread/plugin.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';
import { expectScores, placePod } from './reference/equivalence.js';
import * as reference from './reference/pod-topology-spread-scoring.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
/** One Service, selecting app=x in the default namespace, and one ReplicaSet, selecting tier=a: the sources of default selectors. */
const SERVICE = { namespace: 'default', selector: { app: 'x' } };
const REPLICA_SET = { namespace: 'default', name: 'web-rs', selector: { tier: 'a' } };
const SELECTORS: reference.Selectors = { services: [SERVICE], replicaSets: new Map([[`${REPLICA_SET.namespace}/${REPLICA_SET.name}`, REPLICA_SET.selector]]) };

const existing = fc.record({
  app: fc.constantFrom('x', 'y'),
  tier: fc.constantFrom('a', 'b'),
  namespace: fc.constantFrom('default', 'default', 'other'),
  deleting: fc.boolean(),
});

const node = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  ssd: fc.boolean(),
  taint: fc.constantFrom<'NoSchedule' | 'PreferNoSchedule' | undefined>(undefined, undefined, 'NoSchedule', 'PreferNoSchedule'),
  feasible: fc.boolean(),
  pods: fc.array(existing, { maxLength: 3 }),
});

const policy = fc.constantFrom<'Honor' | 'Ignore' | undefined>(undefined, undefined, 'Honor', 'Ignore');
const constraint = fc.record({
  maxSkew: fc.integer({ min: 1, max: 5 }),
  topologyKey: fc.constantFrom(ZONE, HOST),
  whenUnsatisfiable: fc.constantFrom<'ScheduleAnyway' | 'DoNotSchedule'>('ScheduleAnyway', 'ScheduleAnyway', 'DoNotSchedule'),
  app: fc.constantFrom('x', 'y', ''),
  matchTier: fc.boolean(),
  nodeAffinityPolicy: policy,
  nodeTaintsPolicy: policy,
});
type ConstraintSpec = typeof constraint extends fc.Arbitrary<infer T> ? T : never;

const incoming = fc.record({
  app: fc.constantFrom('x', 'y'),
  tier: fc.constantFrom('a', 'b'),
  namespace: fc.constantFrom('default', 'default', 'other'),
  onSsd: fc.boolean(),
  tolerates: fc.boolean(),
  ownedByReplicaSet: fc.boolean(),
  constraints: fc.array(constraint, { maxLength: 2 }),
});

const defaulting = fc.oneof(
  fc.constant<reference.SpreadArgs>({ defaultingType: 'System', defaultConstraints: [] }),
  fc.array(fc.record({
    maxSkew: fc.integer({ min: 1, max: 5 }),
    topologyKey: fc.constantFrom(ZONE, HOST),
    whenUnsatisfiable: fc.constantFrom<'ScheduleAnyway' | 'DoNotSchedule'>('ScheduleAnyway', 'DoNotSchedule'),
  }), { minLength: 1, maxLength: 2 }).map((defaultConstraints): reference.SpreadArgs => ({ defaultingType: 'List', defaultConstraints })),
);

function spreadOf(c: ConstraintSpec): TopologySpreadConstraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    whenUnsatisfiable: c.whenUnsatisfiable,
    labelSelector: { matchLabels: c.app === '' ? {} : { app: c.app } },
    ...(c.matchTier ? { matchLabelKeys: ['tier'] } : {}),
    ...(c.nodeAffinityPolicy === undefined ? {} : { nodeAffinityPolicy: c.nodeAffinityPolicy }),
    ...(c.nodeTaintsPolicy === undefined ? {} : { nodeTaintsPolicy: c.nodeTaintsPolicy }),
  };
}

/** The test cluster's handle with the one Service and the one ReplicaSet listed. */
function withSelectors(handle: FrameworkHandle): FrameworkHandle {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: SERVICE.namespace }, spec: { selector: SERVICE.selector } } as unknown as Service;
  const replicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: REPLICA_SET.name, namespace: REPLICA_SET.namespace }, spec: { selector: { matchLabels: REPLICA_SET.selector } } } as unknown as ReplicaSet;
  return {
    ...handle,
    listers: {
      ...handle.listers,
      services: (ns: string) => (ns === SERVICE.namespace ? [service] : []),
      replicaSet: (ns: string, name: string) => (ns === REPLICA_SET.namespace && name === REPLICA_SET.name ? replicaSet : undefined),
    },
  };
}

const OWNER = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: REPLICA_SET.name, uid: 'rs-uid', controller: true }];

describe('PodTopologySpread scoring equals the plain upstream initPreScoreState, Score and NormalizeScore', () => {
  it('PreScore, Score/scoreAll and NormalizeScore/normalizeAll, pod after pod', () => {
    const placements = fc.array(fc.nat(), { minLength: 4, maxLength: 4 });
    fc.assert(fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), fc.array(incoming, { minLength: 1, maxLength: 4 }), placements, defaulting, (nodeSpecs, pods, placeOn, args) => {
      let podNumber = 0;
      const built = cluster(nodeSpecs.map((n, i) => [
        makeNode(`n${i}`, {
          labels: { ...(n.zone === undefined ? {} : { [ZONE]: n.zone }), ...(n.ssd ? { disk: 'ssd' } : {}) },
          ...(n.taint === undefined ? {} : { taints: [{ key: 'dedicated', value: 'gpu', effect: n.taint }] }),
        }),
        n.pods.map((p) => makePod(`e${podNumber++}`, { labels: { app: p.app, tier: p.tier }, namespace: p.namespace, deleting: p.deleting })),
      ] as const));
      const nodes = built.nodes;
      const handle = withSelectors(built.handle);
      const chosen = nodes.filter((_, i) => nodeSpecs[i]?.feasible === true);
      const feasible = chosen.length > 0 ? chosen : nodes;
      const plugin = podTopologySpread(args.defaultingType === 'System' ? undefined : args, handle);
      pods.forEach((spec, k) => {
        const made = makePod(`p${k}`, {
          labels: { app: spec.app, tier: spec.tier },
          namespace: spec.namespace,
          ...(spec.onSsd ? { nodeSelector: { disk: 'ssd' } } : {}),
          ...(spec.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' as const }] } : {}),
          ...(spec.constraints.length === 0 ? {} : { spread: spec.constraints.map(spreadOf) }),
        });
        const pod: Pod = spec.ownedByReplicaSet ? { ...made, metadata: { ...made.metadata, ownerReferences: OWNER } } : made;
        const constraints = reference.softConstraints(pod, args, SELECTORS);
        const expected = reference.preScore(pod, constraints, feasible, nodes, args.defaultingType === 'System');

        const state = newState();
        expect(plugin.preScore(state, pod, feasible).code).toBe(expected === undefined ? 'Skip' : 'Success');
        if (expected !== undefined) {
          const raw = feasible.map((n) => reference.score(expected, n));
          expectScores(plugin, state, pod, feasible, raw, reference.normalizeScore(expected, feasible.map((n, i) => ({ name: n.name, score: raw[i] as number }))));
        }

        placePod(nodes, handle, pod, placeOn[k] ?? 0);
      });
    }), { numRuns: 300 });
  });
});
