/**
 * Properties: the ReplicaSet controller's fast paths give what its plain
 * ones gave (test/controllers/replicaset/plain-replicaset.ts).
 *   - The pods a scale-down deletes, chosen by a bounded heap from per-node
 *     counts, are upstream's full sort's first `count`, in the same order.
 *   - The comparison through per-pod facts (rules 1 to 3 as one small integer, then the cost,
 *     UIDs by their first characters) has the sign of ActivePodsWithRanks.Less
 *     read rule by rule from the pods.
 *   - Status from the counts the pod informer keeps per controller UID,
 *     through any sequence of creates, updates and deletes, equals status
 *     from walking the owned pods; the per-label-set selector check equals
 *     the per-pod one; the scale-down choice from the facts kept per
 *     active pod equals the choice from the owned pods' walk.
 *
 * Ready times are distinct among the generated pods. With two pods Ready at
 * the same instant, rule 6 of ActivePodsWithRanks.Less falls through to
 * restarts while pods in one log2 bucket at different instants compare by
 * UID, so Less is not transitive there and even two full sorts (Go's and
 * V8's) may disagree; no order is "upstream's" then.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Informer } from '../../../src/api/informer.js';
import { ApiStore } from '../../../src/api/store.js';
import type { ReplicaSet } from '../../../src/api/types/apps.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { everyPodMatches, figuresAtMinReady, figuresFromCounts, noOwnedPods, OWNED_POD_COUNTS, type OwnedPodCounts } from '../../../src/controllers/replicaset/pod-counts.js';
import { activeOnNodeOf, chooseToDelete, compareForDeletion, deletionFacts, nodeIdOf, orderPrefix, podsToDelete, POD_DELETION_COST_ANNOTATION } from '../../../src/controllers/replicaset/pods-to-delete.js';
import { isPodActive } from '../../../src/api/pod-util.js';
import { nextAvailabilityCheckMs, statusFromFigures } from '../../../src/controllers/replicaset/status.js';
import { selectorMatches } from '../../../src/api/labels.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { plainCompareForDeletion, plainFirstToDelete, plainPodsToDelete, plainStatus } from './plain-replicaset.js';

const SEED = Number(process.env.FC_SEED ?? 16_016);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const NOW_MS = 3_600_000;
const NODES = ['', 'n1', 'n2', 'n3'];

interface PodShape {
  readonly node: string;
  readonly phase: 'Pending' | 'Running' | 'Unknown' | 'Succeeded';
  readonly ready: boolean;
  readonly deleting: boolean;
  readonly cost: number;
  readonly restarts: number;
  readonly createdAgoMs: number;
  readonly app: 'web' | 'other';
  readonly hash: 'h1' | 'h2' | undefined;
}

const podShape: fc.Arbitrary<PodShape> = fc.record({
  node: fc.constantFrom(...NODES),
  phase: fc.constantFrom('Pending', 'Running', 'Unknown', 'Succeeded'),
  ready: fc.boolean(),
  deleting: fc.boolean(),
  cost: fc.constantFrom(0, 0, -5, 10),
  restarts: fc.nat(3),
  createdAgoMs: fc.integer({ min: 0, max: 600_000 }),
  app: fc.constantFrom('web', 'web', 'other'),
  hash: fc.constantFrom('h1', 'h2', undefined),
});

/** UIDs that sort as `order` does. */
const uidOf = (order: number): string => `uid-${String(order).padStart(4, '0')}`;

/**
 * UIDs as the store makes them, and short texts of any UTF-16 units
 * (shared first characters, "\u0000", surrogates) that the first-characters
 * shortcut of the UID comparison must order as string comparison does.
 */
const anyUid: fc.Arbitrary<string> = fc.oneof(fc.uuid(), fc.string({ unit: 'binary', maxLength: 5 }), fc.string({ unit: 'binary-ascii', maxLength: 3 }).map((s) => `ab${s}`));

/** A pod from its shape; `i` makes names and Ready times distinct. */
function podOf(shape: PodShape, i: number, uid: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p${i}`,
      namespace: 'default',
      uid,
      creationTimestamp: NOW_MS - shape.createdAgoMs,
      labels: { app: shape.app, ...(shape.hash === undefined ? {} : { hash: shape.hash }) },
      ...(shape.cost === 0 ? {} : { annotations: { [POD_DELETION_COST_ANNOTATION]: String(shape.cost) } }),
      ...(shape.deleting ? { deletionTimestamp: NOW_MS + 30_000 } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'i' }], ...(shape.node === '' ? {} : { nodeName: shape.node }) },
    status: {
      phase: shape.phase,
      conditions: [{ type: 'Ready', status: shape.ready ? 'True' : 'False', lastTransitionTime: NOW_MS - 1_000 - 997 * i }],
      containerStatuses: [{ name: 'c', ready: shape.ready, restartCount: shape.restarts }],
    },
  } as unknown as Pod;
}

/** `pod` with its Ready condition's lastTransitionTime at `readyMs`. */
function withReadyAt(pod: Pod, readyMs: number): Pod {
  const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, lastTransitionTime: readyMs } : c));
  return { ...pod, status: { ...pod.status, conditions } };
}

const rs: ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-h1', namespace: 'default', uid: 'rs-uid', creationTimestamp: 0, generation: 3 },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', hash: 'h1' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
} as unknown as ReplicaSet;

describe('ReplicaSet scale-down choice', () => {
  it('the heap picks the full sort\'s first count pods in its order', () => {
    fc.assert(
      fc.property(
        fc.array(podShape, { minLength: 0, maxLength: 40 }),
        fc.array(podShape, { maxLength: 20 }),
        fc.nat(45),
        fc.array(anyUid, { minLength: 60, maxLength: 60 }),
        (shapes, siblingShapes, count, uids) => {
          // UIDs in an order unrelated to names and Ready times.
          const pods = shapes.map((s, i) => podOf(s, i, uids[i] as string));
          const siblings = siblingShapes.map((s, i) => podOf(s, 40 + i, uids[40 + i] as string));
          const related = [...pods, ...siblings];
          const fast = podsToDelete(pods, activeOnNodeOf(related), count, NOW_MS);
          const plain = plainPodsToDelete(pods, related, count, NOW_MS);
          expect(fast.map((p) => p.metadata.name)).toEqual(plain.map((p) => p.metadata.name));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  // Mostly Running, Ready, assigned and without a deletion cost, as in a
  // rolling update, so that rules 5 to 8 decide rather than rules 1 to 4.
  const sameClassShape: fc.Arbitrary<PodShape> = fc.record({
    node: fc.constantFrom('n1', 'n2', 'n3', 'n3', ''),
    phase: fc.constantFrom('Running', 'Running', 'Running', 'Pending'),
    ready: fc.constantFrom(true, true, true, false),
    deleting: fc.constant(false),
    cost: fc.constantFrom(0, 0, 0, 0, 10),
    restarts: fc.constantFrom(0, 0, 1),
    createdAgoMs: fc.constant(0),
    app: fc.constant('web'),
    hash: fc.constant('h1'),
  });

  it('a scale-down by one keeps the pod a heap of one keeps, also where equal Ready times make Less intransitive', () => {
    // Ready times from three instants, 1.1 s, 1.5 s and 64 s ago (log2 buckets
    // 30, 30 and 35 of nanoseconds), so pods share a Ready time (rule 6 falls
    // through to restarts and creation) or a bucket at different times (UID
    // decides); creation times likewise (2 s and 3 s: bucket 30 and 31; 100 s and 100.5 s: both 36).
    const readyAgoMs = fc.constantFrom(1_100, 1_500, 64_000);
    const createdAgoMs = fc.constantFrom(2_000, 3_000, 100_000, 100_500);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sameClassShape, readyAgoMs, createdAgoMs), { minLength: 2, maxLength: 40 }),
        fc.array(podShape, { maxLength: 20 }),
        fc.array(anyUid, { minLength: 60, maxLength: 60 }),
        (shaped, siblingShapes, uids) => {
          const pods = shaped.map(([s, readyAgo, createdAgo], i) => withReadyAt(podOf({ ...s, createdAgoMs: createdAgo }, i, uids[i] as string), NOW_MS - readyAgo)).filter(isPodActive);
          const siblings = siblingShapes.map((s, i) => podOf(s, 40 + i, uids[40 + i] as string));
          const onNode = activeOnNodeOf([...pods, ...siblings]);
          const chosen = chooseToDelete(pods.map(deletionFacts), pods.length, onNode, 1, NOW_MS);
          const plain = plainFirstToDelete(pods, [...pods, ...siblings], NOW_MS);
          expect(chosen.map((p) => p.metadata.name)).toEqual(plain === undefined || pods.length <= 1 ? pods.map((p) => p.metadata.name) : [plain.metadata.name]);
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('compares two pods as ActivePodsWithRanks.Less read rule by rule from the pods does', () => {
    fc.assert(
      fc.property(podShape, podShape, fc.nat(3), fc.nat(3), anyUid, anyUid, fc.boolean(), (shapeA, shapeB, rankA, rankB, uidA, uidB, sameReadyTime) => {
        // Pods 0 and 1 are Ready 997 ms apart; pod 0 against itself renamed has the same Ready time.
        const a = podOf(shapeA, 0, uidA);
        const b = podOf(shapeB, sameReadyTime ? 0 : 1, uidB);
        const other = { ...b, metadata: { ...b.metadata, name: 'other' } };
        // A rank counts pods on the pod's node: every unassigned pod has the same one.
        const x = { pod: a, rank: shapeA.node === '' ? 0 : rankA };
        const y = { pod: other, rank: shapeB.node === '' ? 0 : rankB };
        expect(Math.sign(compareForDeletion(x, y, NOW_MS))).toBe(Math.sign(plainCompareForDeletion(x, y, NOW_MS)));
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });

  it('orders UIDs by their first characters as string comparison does whenever those differ', () => {
    fc.assert(
      fc.property(anyUid, anyUid, (a, b) => {
        if (orderPrefix(a) === orderPrefix(b)) return;
        expect(orderPrefix(a) < orderPrefix(b)).toBe(a < b);
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
    // "a" is a prefix of "a\u0000b", so it sorts first: keys 97 × 2^32 (the missing units as 0) and 97 × 2^32 + 98.
    expect(orderPrefix('a')).toBeLessThan(orderPrefix('a\u0000b'));
    // "a" and "a\u0000" tie on the key (the missing unit counts as 0), so the full comparison decides.
    expect(orderPrefix('a')).toBe(orderPrefix('a\u0000'));
  });

  it('keeps the doubled-up node\'s pods first among equals (rule 5), counting siblings on the node', () => {
    // Four Ready Running pods created together. n1 holds p0 and p3 of this
    // ReplicaSet and one sibling's pod (rank 3), n2 holds p1 (rank 1), n3
    // holds p2 and two siblings' pods (rank 3). Rule 5 leaves p1 last.
    // Rule 6 among p0, p2, p3, Ready 1.0 s, 2.994 s and 3.991 s ago:
    // log2(1e9 ns) = 29.9, bucket 29; log2(2.994e9) = 31.5 and
    // log2(3.991e9) = 31.9, both bucket 31, so UID decides between p3
    // (uid-0003) and p2 (uid-0004). Deleting 2: p0, then p3.
    const shape: PodShape = { node: 'n1', phase: 'Running', ready: true, deleting: false, cost: 0, restarts: 0, createdAgoMs: 60_000, app: 'web', hash: 'h1' };
    const pods = [podOf(shape, 0, uidOf(1)), podOf({ ...shape, node: 'n2' }, 1, uidOf(2)), podOf(shape, 3, uidOf(3)), podOf({ ...shape, node: 'n3' }, 2, uidOf(4))];
    const siblings = [podOf(shape, 4, uidOf(5)), podOf({ ...shape, node: 'n3' }, 5, uidOf(6)), podOf({ ...shape, node: 'n3' }, 6, uidOf(7))];
    const chosen = podsToDelete(pods, activeOnNodeOf([...pods, ...siblings]), 2, NOW_MS);
    expect(chosen.map((p) => p.metadata.name)).toEqual(['p0', 'p3']);
  });
});

/** `status` writes only the pod's status, so the stored pod keeps its labels object (the counts' look-up shortcut). */
type Step =
  | { readonly op: 'create'; readonly shape: PodShape }
  | { readonly op: 'update' | 'status'; readonly target: number; readonly shape: PodShape }
  | { readonly op: 'delete'; readonly target: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), shape: podShape }),
  fc.record({ op: fc.constantFrom('update' as const, 'status' as const), target: fc.nat(30), shape: podShape }),
  fc.record({ op: fc.constant('delete' as const), target: fc.nat(30) }),
);

describe('ReplicaSet status from the pod informer\'s counts', () => {
  it.each([
    // [Ready, lastTransitionTime (ms before now), minReadySeconds, available, next check ms]
    [true, 10_000, 5, 1, undefined], // Ready 10 s > 5 s: available
    [true, 2_000, 5, 0, 3_000], // Ready 2 s: available in 5 - 2 = 3 s
    [true, 5_000, 5, 1, undefined], // exactly minReadySeconds counts (IsPodAvailable, v1.34+)
    [true, undefined, 5, 0, undefined], // no transition time: never available, and time 0 + 5 s is long past
    [false, 10_000, 5, 0, undefined], // not Ready
  ] as const)('Ready %s since -%s ms, minReadySeconds %s: %s available, next check %s', (ready, agoMs, minReadySeconds, available, next) => {
    const waiting = { ...rs, spec: { ...rs.spec, minReadySeconds } };
    const pod = podOf({ node: 'n1', phase: 'Running', ready, deleting: false, cost: 0, restarts: 0, createdAgoMs: 60_000, app: 'web', hash: 'h1' }, 0, uidOf(0));
    const condition = { type: 'Ready', status: ready ? 'True' : 'False', ...(agoMs === undefined ? {} : { lastTransitionTime: NOW_MS - agoMs }) };
    const counts = OWNED_POD_COUNTS.create();
    OWNED_POD_COUNTS.add(counts, { ...pod, status: { ...pod.status, conditions: [condition] } } as Pod);
    const result = figuresAtMinReady(waiting, counts, NOW_MS);
    expect([result.figures.available, result.nextCheckMs]).toEqual([available, next]);
  });

  it('equals status from walking the owned pods after any creates, updates and deletes', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const sim = new Simulation(1);
        const store = new ApiStore(sim);
        const informer = new Informer(store, { kind: 'Pod', watcher: 'test' });
        informer.addIndex('owner', (pod) => (pod.metadata.ownerReferences?.[0]?.uid === undefined ? [] : [pod.metadata.ownerReferences[0].uid]), OWNED_POD_COUNTS);
        informer.start();
        const names: string[] = [];
        steps.forEach((s, i) => {
          sim.at(i, () => {
            if (s.op === 'create') {
              const shape = podOf(s.shape, names.length, uidOf(names.length));
              const result = store.create({ ...shape, metadata: { name: shape.metadata.name, labels: shape.metadata.labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-h1', uid: 'rs-uid', controller: true }] } } as never);
              if (result.ok) names.push(result.object.metadata.name);
              return;
            }
            const name = names[s.target % Math.max(1, names.length)];
            if (name === undefined) return;
            if (s.op === 'delete') {
              store.delete('Pod', name, 'default', { gracePeriodSeconds: 0 });
              return;
            }
            const next = podOf(s.shape, s.target, uidOf(0));
            if (s.op === 'status') {
              store.patch('Pod', name, 'default', (p) => ({ ...p, status: next.status as NonNullable<Pod['status']> }));
              return;
            }
            store.patch('Pod', name, 'default', (p) => ({
              ...p,
              metadata: { ...p.metadata, labels: next.metadata.labels ?? {}, ...(s.shape.deleting ? { deletionTimestamp: sim.nowMs + 1 } : {}) },
              spec: { ...p.spec, ...(s.shape.node === '' ? {} : { nodeName: s.shape.node }) },
              status: next.status as NonNullable<Pod['status']>,
            }));
          });
        });
        sim.run();
        const owned = informer.byIndex('owner', 'rs-uid');
        const counts = informer.aggregateOf<OwnedPodCounts>('owner', 'rs-uid') ?? noOwnedPods();
        expect(statusFromFigures(rs, figuresFromCounts(rs, counts), NOW_MS)).toEqual(plainStatus(rs, owned, NOW_MS));
        // With minReadySeconds (Ready times are 1 s to about 60 s ago): availability and the next check from the kept facts.
        for (const minReadySeconds of [5, 30, 3600]) {
          const waiting = { ...rs, spec: { ...rs.spec, minReadySeconds } };
          const { figures, nextCheckMs } = figuresAtMinReady(waiting, counts, NOW_MS);
          expect(statusFromFigures(waiting, figures, NOW_MS)).toEqual(plainStatus(waiting, owned, NOW_MS));
          expect(nextCheckMs).toBe(nextAvailabilityCheckMs(waiting, owned.filter(isPodActive), NOW_MS));
        }
        // Each label set remembers the last selector that matched it: asking again, or with another selector, still answers per pod.
        for (const selector of [rs.spec.selector, { matchLabels: { hash: 'h2' } }, rs.spec.selector, { matchLabels: { app: 'web', hash: 'h1' } }, { matchLabels: { app: 'web' } }]) {
          expect(everyPodMatches(selector, counts)).toBe(owned.every((p) => selectorMatches(selector, p.metadata.labels)));
        }
        const onNode = activeOnNodeOf(owned);
        for (const node of NODES.slice(1)) expect(counts.activeByNode.get(nodeIdOf(node)) ?? 0).toBe(onNode(nodeIdOf(node)));
        // The facts kept per active pod choose what the walk over the owned pods chose, in the same order.
        const active = owned.filter(isPodActive);
        expect(counts.activeFacts.size).toBe(active.length);
        for (let count = 0; count <= active.length; count++) {
          const kept = chooseToDelete(counts.activeFacts.values(), counts.active, onNode, count, NOW_MS);
          expect(kept.map((p) => p.metadata.name)).toEqual(podsToDelete(active, onNode, count, NOW_MS).map((p) => p.metadata.name));
        }
        if (owned.length === 0) expect(informer.aggregateOf('owner', 'rs-uid')).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS / 2 },
    );
  });
});
