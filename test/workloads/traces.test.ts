/**
 * Hand-simulated rollouts of k/k pkg/controller/deployment (rolling.go
 * rolloutRolling, sync.go scale), driven through the
 * real rollout functions under the trace's step model: one Deployment sync
 * per step (the order of rolloutRolling: scale up, else scale down); then
 * every ReplicaSet has exactly spec pods; a pod created in step k is
 * available from step k+1 (never, for TR-07's image); removed pods vanish.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../src/api/types/apps.js';
import { reconcileNewReplicaSet, reconcileOldReplicaSets } from '../../src/controllers/deployment/rolling.js';
import { isScalingEvent, scale } from '../../src/controllers/deployment/scale.js';
import { newRSNewReplicas, replicasAnnotations } from '../../src/controllers/deployment/util.js';
import { rsStore } from './helpers.js';
import { deployment, type DeploymentShape } from '../helpers/builders.js';

interface Step {
  readonly newSize: number;
  readonly oldSizes: number[];
  readonly availableAfter: number;
}

function trace(shape: DeploymentShape, steps: number, options: { neverReady?: boolean; v3BeforeStep?: number; scaleTo?: { replicas: number; beforeStep: number } } = {}): Step[] {
  let d = deployment(shape);
  const stamp = replicasAnnotations(d);
  const { store, ctx, rs } = rsStore([{ name: 'v1', spec: shape.replicas, createdMs: 0, revision: 1, annotations: stamp }]);
  /** Pods of each ReplicaSet that are available at the start of the step. */
  const available = new Map<string, number>([['v1', shape.replicas]]);
  const order = ['v1'];
  let current = 'v2';
  const setStatus = (name: string): void => {
    const pods = rs(name).spec.replicas ?? 0;
    const avail = Math.min(available.get(name) ?? 0, pods);
    store.patch('ReplicaSet', name, 'default', (r) => ({ ...r, status: { replicas: pods, availableReplicas: avail, readyReplicas: avail, observedGeneration: 1 } }));
  };
  const out: Step[] = [];
  for (let step = 1; step <= steps; step++) {
    if (options.v3BeforeStep === step) current = 'v3';
    if (options.scaleTo?.beforeStep === step) d = deployment({ ...shape, replicas: options.scaleTo.replicas });
    const all = (): ReplicaSet[] => order.map(rs);
    if (!order.includes(current)) {
      // getNewReplicaSet: created at NewRSNewReplicas with the new RS at 0.
      const size = newRSNewReplicas(d, all(), undefined);
      store.create({
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: { name: current, namespace: 'default', labels: { app: 'web' }, annotations: replicasAnnotations(d), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }] },
        spec: { replicas: size, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: current }] } } },
      });
      store.patch('ReplicaSet', current, 'default', (r) => ({ ...r, metadata: { ...r.metadata, creationTimestamp: step }, status: { replicas: 0, availableReplicas: 0, observedGeneration: 1 } }));
      order.push(current);
    }
    const newRS = rs(current);
    const olds = order.filter((n) => n !== current).map(rs);
    if (isScalingEvent(d, olds, newRS)) {
      scale(ctx, d, newRS, olds);
    } else if (!reconcileNewReplicaSet(ctx, all(), newRS, d).scaled) {
      reconcileOldReplicaSets(ctx, all(), olds.filter((r) => (r.spec.replicas ?? 0) > 0), rs(current), d);
    }
    // The ReplicaSet controller: pods = spec; survivors stay available, new pods become available next step.
    let availableAfter = 0;
    for (const name of order) {
      const pods = rs(name).spec.replicas ?? 0;
      const survivors = Math.min(available.get(name) ?? 0, pods);
      availableAfter += survivors;
      const neverReady = options.neverReady === true && name !== 'v1';
      available.set(name, neverReady ? 0 : pods);
      setStatus(name);
    }
    out.push({ newSize: rs(current).spec.replicas ?? 0, oldSizes: order.filter((n) => n !== current).map((n) => rs(n).spec.replicas ?? 0), availableAfter });
  }
  return out;
}

const asTuples = (steps: Step[]) => steps.map((s) => [s.newSize, s.oldSizes.length === 1 ? s.oldSizes[0] : s.oldSizes, s.availableAfter]);

describe('§14 rollout traces through the real rollout functions', () => {
  it('TR-01: 10 replicas, defaults: never more than 13 pods, never fewer than 8 available', () => {
    expect(asTuples(trace({ replicas: 10 }, 5))).toEqual([[3, 8, 8], [5, 8, 11], [5, 3, 8], [10, 3, 8], [10, 0, 10]]);
  });
  it('TR-02: 3 replicas, surge 1, unavailable 0', () => {
    expect(asTuples(trace({ replicas: 3, maxSurge: 1, maxUnavailable: 0 }, 6))).toEqual([[1, 3, 3], [1, 2, 3], [2, 2, 3], [2, 1, 3], [3, 1, 3], [3, 0, 3]]);
  });
  it('TR-03: 4 replicas, surge 0, unavailable 1', () => {
    expect(asTuples(trace({ replicas: 4, maxSurge: 0, maxUnavailable: 1 }, 9))).toEqual([
      [0, 3, 3], [1, 3, 3], [1, 2, 3], [2, 2, 3], [2, 1, 3], [3, 1, 3], [3, 0, 3], [4, 0, 3], [4, 0, 4],
    ]);
  });
  it('TR-04: 5 replicas, defaults (2/1)', () => {
    expect(asTuples(trace({ replicas: 5 }, 5))).toEqual([[2, 4, 4], [3, 4, 6], [3, 1, 4], [5, 1, 4], [5, 0, 5]]);
  });
  it('TR-05: 1 replica, defaults (1/0)', () => {
    expect(asTuples(trace({ replicas: 1 }, 2))).toEqual([[1, 1, 1], [1, 0, 1]]);
  });
  it('TR-07: new pods never Ready: stalls at 13 pods, 8 available', () => {
    expect(asTuples(trace({ replicas: 10 }, 4, { neverReady: true }))).toEqual([[3, 8, 8], [5, 8, 8], [5, 8, 8], [5, 8, 8]]);
  });
  it('TR-08: a third template before sync 3 drains v1 then v2, oldest first', () => {
    expect(asTuples(trace({ replicas: 10 }, 7, { v3BeforeStep: 3 }))).toEqual([
      [3, 8, 8], [5, 8, 11], [0, [3, 5], 8], [5, [3, 5], 8], [5, [0, 3], 8], [10, [0, 3], 8], [10, [0, 0], 10],
    ]);
  });
  it('TR-09: spec.replicas 10 → 20 before sync 4 is a scaling sync (new 19, old 6)', () => {
    expect(asTuples(trace({ replicas: 10 }, 7, { scaleTo: { replicas: 20, beforeStep: 4 } }))).toEqual([
      [3, 8, 8], [5, 8, 11], [5, 3, 8], [19, 6, 8], [19, 0, 19], [20, 0, 19], [20, 0, 20],
    ]);
  });
  it('TR-10: 10 replicas, surge 0, unavailable 3', () => {
    expect(asTuples(trace({ replicas: 10, maxSurge: 0, maxUnavailable: 3 }, 9))).toEqual([
      [0, 7, 7], [3, 7, 7], [3, 4, 7], [6, 4, 7], [6, 1, 7], [9, 1, 7], [9, 0, 9], [10, 0, 9], [10, 0, 10],
    ]);
  });
});
