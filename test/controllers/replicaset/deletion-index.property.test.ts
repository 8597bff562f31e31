/**
 * Properties of the ReplicaSet deletion index (src/controllers/replicaset/
 * deletion-index.ts), against the plain scale-down by one
 * (plainFirstToDelete: every pod compared rule by rule with ActivePodsWithRanks.Less,
 * a pod replacing the kept one when it compares first):
 *   - through any sequence of creates, updates and deletes of the pods of
 *     two sibling ReplicaSets (in half the runs only assigned, Running,
 *     Ready pods with no cost or restarts) (their counts kept as the pod informer keeps
 *     them), and picks at several instants, every answer of either
 *     ReplicaSet's index is the plain pick; a pick's victim is then deleted,
 *     as the controller does; the siblings' counts are passed only while
 *     they have pods, in either order. Ready and creation times come from a few
 *     values, so pods share Ready instants (where rule 6 of Less is not
 *     transitive), log2 buckets and ranks;
 *   - where every pod is assigned, Running and Ready with no cost and no
 *     restarts and Ready times are distinct (a rollout's old ReplicaSet),
 *     the index always answers; up to 150 pods, so that the first pick
 *     files them in bulk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPodActive } from '../../../src/api/pod-util.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { firstToDeleteFromIndex, OWNED_POD_COUNTS, type OwnedPodCounts } from '../../../src/controllers/replicaset/pod-counts.js';
import { POD_DELETION_COST_ANNOTATION } from '../../../src/controllers/replicaset/pods-to-delete.js';
import { plainFirstToDelete } from './plain-replicaset.js';

const SEED = Number(process.env.FC_SEED ?? 16_017);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const NOW_MS = 3_600_000;

interface PodShape {
  readonly node: string;
  readonly phase: 'Pending' | 'Running' | 'Succeeded';
  readonly ready: boolean;
  readonly cost: number;
  readonly restarts: number;
  readonly readyAtMs: number;
  readonly createdAtMs: number;
}

/** Mostly what a rollout's old pods look like, sometimes not. */
const podShape: fc.Arbitrary<PodShape> = fc.record({
  node: fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5', 'n1', 'n2', ''),
  phase: fc.constantFrom('Running', 'Running', 'Running', 'Running', 'Pending', 'Succeeded'),
  ready: fc.constantFrom(true, true, true, true, false),
  cost: fc.constantFrom(0, 0, 0, 0, 0, 0, 7),
  restarts: fc.constantFrom(0, 0, 0, 0, 0, 0, 1),
  // NOW_MS minus these lands in log2 buckets 39, 40 and 41 of nanoseconds, with shared instants.
  readyAtMs: fc.constantFrom(1_000, 900_000, 1_500_000, 2_000_000, 2_000_000, 2_900_000, 3_000_000),
  createdAtMs: fc.constantFrom(0, 500, 800_000, 1_400_000, 1_900_000),
});

type Op =
  | { readonly kind: 'create'; readonly toB: boolean; readonly shape: PodShape }
  | { readonly kind: 'update'; readonly which: number; readonly shape: PodShape }
  | { readonly kind: 'delete'; readonly which: number }
  | { readonly kind: 'pick'; readonly fromB: boolean; readonly laterMs: number; readonly deleteVictim: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('create' as const), toB: fc.boolean(), shape: podShape }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), which: fc.nat(), shape: podShape }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), which: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pick' as const), fromB: fc.boolean(), laterMs: fc.constantFrom(0, 1_000, 400_000), deleteVictim: fc.boolean() }) },
);

function podOf(shape: PodShape, name: string, uid: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid,
      creationTimestamp: shape.createdAtMs,
      labels: { app: 'web' },
      ...(shape.cost === 0 ? {} : { annotations: { [POD_DELETION_COST_ANNOTATION]: String(shape.cost) } }),
    },
    spec: { containers: [{ name: 'c', image: 'i' }], ...(shape.node === '' ? {} : { nodeName: shape.node }) },
    status: {
      phase: shape.phase,
      conditions: [{ type: 'Ready', status: shape.ready ? 'True' : 'False', lastTransitionTime: shape.readyAtMs }],
      containerStatuses: [{ name: 'c', ready: shape.ready, restartCount: shape.restarts }],
    },
  } as unknown as Pod;
}

/** Two sibling ReplicaSets' pods, counted as the pod informer's controller-UID index counts them. */
class Siblings {
  readonly a = OWNED_POD_COUNTS.create();
  readonly b = OWNED_POD_COUNTS.create();
  /** Pods by UID, with the counts they are in, in creation order. */
  readonly pods = new Map<string, { pod: Pod; counts: OwnedPodCounts }>();
  private created = 0;

  create(toB: boolean, shape: PodShape): void {
    const n = this.created++;
    // UIDs in an order unrelated to creation.
    const uid = `${String((n * 7919) % 1000).padStart(3, '0')}-${String(n)}`;
    const counts = toB ? this.b : this.a;
    const pod = podOf(shape, `p${String(n)}`, uid);
    OWNED_POD_COUNTS.add(counts, pod);
    this.pods.set(uid, { pod, counts });
  }

  nth(which: number): { pod: Pod; counts: OwnedPodCounts } | undefined {
    const all = [...this.pods.values()];
    return all.length === 0 ? undefined : all[which % all.length];
  }

  update(which: number, shape: PodShape): void {
    const entry = this.nth(which);
    if (entry === undefined) return;
    const next = podOf(shape, entry.pod.metadata.name, entry.pod.metadata.uid);
    OWNED_POD_COUNTS.remove(entry.counts, entry.pod);
    OWNED_POD_COUNTS.add(entry.counts, next);
    this.pods.set(next.metadata.uid, { pod: next, counts: entry.counts });
  }

  delete(uid: string): void {
    const entry = this.pods.get(uid);
    if (entry === undefined) return;
    OWNED_POD_COUNTS.remove(entry.counts, entry.pod);
    this.pods.delete(uid);
  }

  /**
   * The counts the controller passes: those of the ReplicaSets the pod
   * informer has pods under, in the order its index lists them last (a
   * sibling's first pod adds its counts, which the index must start watching).
   */
  relatedOf(counts: OwnedPodCounts): OwnedPodCounts[] {
    const other = counts === this.a ? this.b : this.a;
    const hasPods = [...this.pods.values()].some((e) => e.counts === other);
    return hasPods ? (this.created % 2 === 0 ? [counts, other] : [other, counts]) : [counts];
  }

  activeOf(counts: OwnedPodCounts): Pod[] {
    return [...this.pods.values()].filter((e) => e.counts === counts && isPodActive(e.pod)).map((e) => e.pod);
  }
}

describe('ReplicaSet deletion index', () => {
  it('answers a scale-down by one only with the plain pick', () => {
    let answered = 0;
    let picks = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { minLength: 20, maxLength: 80, size: 'max' }), (rollout, ops) => {
        const s = new Siblings();
        // Half the runs keep to what a rollout's pods look like, where the index should answer.
        const shaped = (shape: PodShape): PodShape => (rollout ? { ...shape, node: shape.node === '' ? 'n1' : shape.node, phase: 'Running', ready: true, cost: 0, restarts: 0 } : shape);
        for (const o of ops) {
          if (o.kind === 'create') s.create(o.toB, shaped(o.shape));
          else if (o.kind === 'update') s.update(o.which, shaped(o.shape));
          else if (o.kind === 'delete') {
            const entry = s.nth(o.which);
            if (entry !== undefined) s.delete(entry.pod.metadata.uid);
          } else {
            const counts = o.fromB ? s.b : s.a;
            const active = s.activeOf(counts);
            if (active.length === 0) continue;
            const nowMs = NOW_MS + o.laterMs;
            const related = [...s.activeOf(s.a), ...s.activeOf(s.b)];
            const indexed = firstToDeleteFromIndex(counts, s.relatedOf(counts), nowMs);
            picks++;
            if (indexed !== undefined) {
              answered++;
              expect(indexed).toBe(plainFirstToDelete(active, related, nowMs));
            }
            const victim = indexed ?? plainFirstToDelete(active, related, nowMs);
            if (o.deleteVictim && victim !== undefined) s.delete(victim.metadata.uid);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generated pods are mostly a rollout's: the index must answer a good share of the picks, or this property says little.
    expect(answered).toBeGreaterThan(picks / 4);
  });

  it('always answers for assigned, Running, Ready pods with distinct Ready times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ toB: fc.boolean(), node: fc.constantFrom('n1', 'n2', 'n3', 'n4'), createdAtMs: fc.constantFrom(0, 500, 1_900_000) }), { minLength: 1, maxLength: 150, size: 'max' }),
        fc.array(fc.nat(), { maxLength: 10, size: 'max' }),
        (pods, picksAt) => {
          const s = new Siblings();
          pods.forEach((p, i) => {
            // Distinct Ready times spread over several log2 buckets.
            s.create(i !== 0 && p.toB, { node: p.node, phase: 'Running', ready: true, cost: 0, restarts: 0, readyAtMs: 1_000 + 23_000 * i, createdAtMs: p.createdAtMs });
          });
          for (const at of [0, ...picksAt]) {
            const active = s.activeOf(s.a);
            if (active.length === 0) return;
            const nowMs = NOW_MS + (at % 600_000);
            const indexed = firstToDeleteFromIndex(s.a, [s.a, s.b], nowMs);
            expect(indexed).toBe(plainFirstToDelete(active, [...active, ...s.activeOf(s.b)], nowMs));
            if (indexed !== undefined) s.delete(indexed.metadata.uid);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
