/**
 * The RollingUpdate scale steps (k/k pkg/controller/deployment/rolling.go
 * reconcileNewReplicaSet, reconcileOldReplicaSets), run on
 * ReplicaSets stored in a real API store so the writes (spec.replicas, the
 * desired/max-replicas annotations, ScalingReplicaSet events) are the ones
 * the controller makes. Statuses are fixed by the test: the functions read
 * them, never wait for them.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { ReplicaSet } from '../../../src/api/types/apps.js';
import type { SyncContext } from '../../../src/controllers/deployment/context.js';
import { reconcileNewReplicaSet, reconcileOldReplicaSets } from '../../../src/controllers/deployment/rolling.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';
import { deployment, type DeploymentShape, replicaSet } from '../../helpers/builders.js';

interface Setup {
  readonly store: ApiStore;
  readonly ctx: SyncContext;
  readonly events: string[];
  /** The stored ReplicaSets, in the order given. */
  readonly rss: ReplicaSet[];
}

/** Stores ReplicaSets given as [name, spec, available]; names sort oldest first. */
function setup(rsSpecs: ReadonlyArray<readonly [string, number, number]>): Setup {
  const sim = new Simulation(1);
  const store = new ApiStore(sim, { freeze: true });
  const events: string[] = [];
  store.observe({ onEvent: (e) => events.push(e.message) });
  const rss = rsSpecs.map(([name, spec, available]) => {
    const { metadata, ...rest } = replicaSet(name, spec, available);
    const { name: _name, labels = {}, ownerReferences = [] } = metadata;
    return must(store.create({ ...rest, metadata: { name, labels, ownerReferences } }));
  });
  return { store, ctx: { client: new ApiClient(store, 'deployment-controller'), nowMs: 0, replicaSetLister: (name, ns) => store.get('ReplicaSet', name, ns) }, events, rss };
}

function specs(store: ApiStore, names: readonly string[]): number[] {
  return names.map((n) => store.get('ReplicaSet', n, 'default')?.spec.replicas ?? -1);
}

const DEFAULTS_10: DeploymentShape = { replicas: 10 }; // 25 %/25 %: surge 3, unavailable 2, minAvailable 8

describe('reconcileOldReplicaSets (§5.3, vectors RO-*, CU-*, SD-*)', () => {
  // [case, deployment, RSs as [name, spec, available] oldest first with the NEW one last,
  //  scaled?, spec sizes after (same order), arithmetic]
  const table: Array<[string, DeploymentShape, Array<[string, number, number]>, boolean, number[], string]> = [
    [
      'TR-01 sync 1: v1 10/10, v2 3/0',
      DEFAULTS_10,
      [['v1', 10, 10], ['v2', 3, 0]],
      true,
      [8, 3],
      'maxScaledDown = 13 − 8 − (3 − 0) = 2; no unhealthy; available 10 − minAvailable 8 = 2 → v1 10 → 8',
    ],
    [
      'TR-01 sync 3: v1 8/8, v2 5/5',
      DEFAULTS_10,
      [['v1', 8, 8], ['v2', 5, 5]],
      true,
      [3, 5],
      'maxScaledDown = 13 − 8 − 0 = 5; available 13 − 8 = 5 → v1 8 → 3',
    ],
    [
      'TR-01 sync 5: v1 3/3, v2 10/10',
      DEFAULTS_10,
      [['v1', 3, 3], ['v2', 10, 10]],
      true,
      [0, 10],
      'maxScaledDown = 13 − 8 − 0 = 5; available 13 − 8 = 5, v1 gives up all 3 → 0',
    ],
    [
      '§5.3 worked example (RO-06…RO-09): old 8 with one pod lost (7 available), new 5 crash-looping',
      DEFAULTS_10,
      [['good', 8, 7], ['crashing', 5, 0]],
      false,
      [8, 5],
      'maxScaledDown = 13 − 8 − (5 − 0) = 0 → nothing moves',
    ],
    [
      '§5.3 worked example (RO-06…RO-09), after an undo: the good RS is new (8, 7 available), the crash-looping one old (5, 0)',
      DEFAULTS_10,
      [['crashing', 5, 0], ['good', 8, 7]],
      true,
      [1, 8],
      'maxScaledDown = 13 − 8 − (8 − 7) = 4; cleanup removes min(4, 5 − 0) = 4 unhealthy; available 0 + 7 = 7 <= 8 → no more',
    ],
    [
      'TR-07: new pods never Ready (v1 8/8, v2 5/0)',
      DEFAULTS_10,
      [['v1', 8, 8], ['v2', 5, 0]],
      false,
      [8, 5],
      'maxScaledDown = 13 − 8 − 5 = 0: the rollout stalls',
    ],
    [
      'TR-08 sync 5: two old RSs pay oldest first (v1 3/3, v2 5/5, v3 5/5)',
      DEFAULTS_10,
      [['v1', 3, 3], ['v2', 5, 5], ['v3', 5, 5]],
      true,
      [0, 3, 5],
      'maxScaledDown = 13 − 8 − 0 = 5; available 13 − 8 = 5: v1 3 → 0, then v2 5 → 3',
    ],
    [
      'cleanup is capped by maxScaledDown and walks oldest first',
      DEFAULTS_10,
      [['v1', 4, 2], ['v2', 3, 0], ['v3', 3, 3]],
      true,
      [2, 3, 3],
      'maxScaledDown = 10 − 8 − 0 = 2; v1 has 4 − 2 = 2 unhealthy → 4 → 2, cap reached; available 2 + 0 + 3 = 5 <= 8 (statuses as read at the start)',
    ],
    [
      'a status that lags a scale-down (old spec 8, still 10 available) is never "cleaned up" upwards',
      { replicas: 14, maxSurge: 0, maxUnavailable: '29%' },
      [['v1', 8, 10], ['v2', 6, 4]],
      false,
      [8, 6],
      'unavailable floor(4.06) = 4, minAvailable 10; maxScaledDown = 14 − 10 − (6 − 4) = 2; cleanup would take min(2, 8 − 10) = −2, i.e. 8 → 10: k/k refuses (rolling.go "invalid request to scale down") and the sync scales nothing',
    ],
    [
      'TR-03 sync 1: zero surge (4 replicas, 0/1), new RS created empty',
      { replicas: 4, maxSurge: 0, maxUnavailable: 1 },
      [['v1', 4, 4], ['v2', 0, 0]],
      true,
      [3, 0],
      'minAvailable 3; maxScaledDown = 4 − 3 − 0 = 1; available 4 − 3 = 1 → v1 4 → 3',
    ],
    [
      'TR-03: the refill must become available first (v1 3/3, v2 1/0)',
      { replicas: 4, maxSurge: 0, maxUnavailable: 1 },
      [['v1', 3, 3], ['v2', 1, 0]],
      false,
      [3, 1],
      'maxScaledDown = 4 − 3 − (1 − 0) = 0',
    ],
    [
      'TR-02: maxUnavailable 0 (3 replicas, 1/0), new pod available',
      { replicas: 3, maxSurge: 1, maxUnavailable: 0 },
      [['v1', 3, 3], ['v2', 1, 1]],
      true,
      [2, 1],
      'minAvailable 3; maxScaledDown = 4 − 3 − 0 = 1; available 4 − 3 = 1 → v1 3 → 2',
    ],
    [
      'TR-05: one replica, old and new both available',
      { replicas: 1 },
      [['v1', 1, 1], ['v2', 1, 1]],
      true,
      [0, 1],
      'surge 1, unavailable 0: maxScaledDown = 2 − 1 − 0 = 1 → v1 1 → 0',
    ],
  ];
  it.each(table)('%s', (_name, shape, rsSpecs, scaled, after) => {
    const { store, ctx, rss } = setup(rsSpecs);
    const d = deployment(shape);
    const newRS = rss[rss.length - 1] as ReplicaSet;
    const oldRSs = rss.slice(0, -1).filter((rs) => (rs.spec.replicas ?? 0) > 0);
    expect(reconcileOldReplicaSets(ctx, rss, oldRSs, newRS, d)).toBe(scaled);
    expect(specs(store, rsSpecs.map(([name]) => name))).toEqual(after);
  });

  it('does nothing when no old ReplicaSet is active', () => {
    const { store, ctx, rss } = setup([['v1', 0, 0], ['v2', 10, 10]]);
    expect(reconcileOldReplicaSets(ctx, rss, [], rss[1] as ReplicaSet, deployment(DEFAULTS_10))).toBe(false);
    expect(specs(store, ['v1', 'v2'])).toEqual([0, 10]);
  });

  it('writes the scale with the replicas annotations and a ScalingReplicaSet event', () => {
    const { store, ctx, events, rss } = setup([['v1', 10, 10], ['v2', 3, 0]]);
    reconcileOldReplicaSets(ctx, rss, [rss[0] as ReplicaSet], rss[1] as ReplicaSet, deployment(DEFAULTS_10));
    expect(store.get('ReplicaSet', 'v1', 'default')?.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13', // 10 + MaxSurge 3
    });
    expect(events).toEqual(['Scaled down replica set v1 from 10 to 8']);
  });
});

describe('reconcileNewReplicaSet (§5.1)', () => {
  // [case, deployment, old [spec, available], new [spec, available], scaled?, new size after]
  const table: Array<[string, DeploymentShape, [number, number], [number, number], boolean, number]> = [
    ['TR-01 sync 2: room for 2 more', DEFAULTS_10, [8, 8], [3, 3], true, 5], // current 11 → 3 + min(2, 7)
    ['TR-01 sync 3: at maxTotal', DEFAULTS_10, [8, 8], [5, 5], false, 5], // current 13
    ['TR-01 sync 4: fill up', DEFAULTS_10, [3, 3], [5, 5], true, 10], // current 8 → 5 + min(5, 5)
    ['already at spec.replicas', DEFAULTS_10, [0, 0], [10, 10], false, 10],
    ['above spec.replicas (scaled down): clamp', { replicas: 4 }, [0, 0], [10, 10], true, 4],
  ];
  it.each(table)('%s', (_name, shape, [oldSpec, oldAvailable], [newSpec, newAvailable], scaled, size) => {
    const { store, ctx, rss } = setup([['v1', oldSpec, oldAvailable], ['v2', newSpec, newAvailable]]);
    expect(reconcileNewReplicaSet(ctx, rss, rss[1], deployment(shape)).scaled).toBe(scaled);
    expect(specs(store, ['v2'])).toEqual([size]);
  });
});
