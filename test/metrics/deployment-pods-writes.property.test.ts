/**
 * The Deployment pods recorder reads a Deployment's minReadySeconds only
 * when a write replaces its spec, and a ReplicaSet's owner only when a
 * write replaces its ownerReferences (most writes are status writes that
 * keep the previous version's very objects). A recorder handed the same
 * changes without their previous versions reads every write in full; on
 * random histories (specs kept or replaced with another minReadySeconds,
 * ReplicaSets moving between Deployments or to none, pods turning Ready,
 * terminating, deleted and coming back) both record the same series.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../src/api/types/apps.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { StoreChange } from '../../src/api/watch.js';
import { DeploymentPodsRecorder } from '../../src/metrics/recorders/deployment-pods.js';

const DEPLOYMENTS = ['web', 'other'] as const;
const REPLICA_SETS = ['rs-a', 'rs-b'] as const;
const POD_COUNT = 4;

function deployment(name: string, spec: Deployment['spec']): Deployment {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default', uid: `d-${name}`, creationTimestamp: 0 }, spec } as unknown as Deployment;
}

function deploymentSpec(name: string, minReadySeconds: number): Deployment['spec'] {
  return {
    replicas: 2, minReadySeconds, selector: { matchLabels: { app: name } }, strategy: { type: 'RollingUpdate' },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
  } as unknown as Deployment['spec'];
}

function replicaSet(name: string, ownerReferences: unknown): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', uid: name, creationTimestamp: 0, ownerReferences },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  } as unknown as ReplicaSet;
}

const owners = (deploymentName: string): unknown => (deploymentName === 'none' ? undefined : [{ kind: 'Deployment', name: deploymentName, uid: `d-${deploymentName}`, controller: true }]);

interface PodState { readonly rs: string; readonly ready: boolean; readonly readySinceMs: number; readonly terminating: boolean }

function pod(index: number, state: PodState): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `p${index}`, namespace: 'default', uid: `p${index}`, creationTimestamp: 0,
      ownerReferences: [{ kind: 'ReplicaSet', name: state.rs, uid: state.rs, controller: true }],
      ...(state.terminating ? { deletionTimestamp: 1 } : {}),
    },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i' }] },
    status: {
      phase: 'Running', conditions: [{ type: 'Ready', status: state.ready ? 'True' : 'False', lastTransitionTime: state.readySinceMs }],
      containerStatuses: [{ name: 'c', state: { running: {} } }],
    },
  } as unknown as Pod;
}

const step = fc.oneof(
  fc.record({ deployment: fc.record({ name: fc.constantFrom(...DEPLOYMENTS), keepSpec: fc.boolean(), minReadySeconds: fc.constantFrom(0, 2, 5) }) }),
  fc.record({ rs: fc.record({ name: fc.constantFrom(...REPLICA_SETS), keepOwners: fc.boolean(), owner: fc.constantFrom('web', 'other', 'none') }) }),
  fc.record({ pod: fc.record({ index: fc.integer({ min: 0, max: POD_COUNT - 1 }), rs: fc.constantFrom(...REPLICA_SETS), ready: fc.boolean(), terminating: fc.boolean(), deleted: fc.boolean() }) }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The changes of one history, in order (one a second), as the store hands them: each with its previous version. */
function history(steps: readonly Step[]): StoreChange[] {
  const out: StoreChange[] = [];
  const latest = new Map<string, Deployment | ReplicaSet | Pod>();
  const write = (key: string, object: Deployment | ReplicaSet | Pod, deleted = false): void => {
    const old = latest.get(key);
    if (deleted) {
      if (old === undefined) return;
      out.push({ type: 'DELETED', object: old });
      latest.delete(key);
      return;
    }
    out.push(old === undefined ? { type: 'ADDED', object } : { type: 'MODIFIED', object, oldObject: old });
    latest.set(key, object);
  };
  for (const name of DEPLOYMENTS) write(`d/${name}`, deployment(name, deploymentSpec(name, 0)));
  for (const name of REPLICA_SETS) write(name, replicaSet(name, owners('web')));
  for (const s of steps) {
    const atMs = out.length * 1000;
    if ('deployment' in s) {
      const { name, keepSpec, minReadySeconds } = s.deployment;
      const previous = latest.get(`d/${name}`) as Deployment;
      write(`d/${name}`, deployment(name, keepSpec ? previous.spec : deploymentSpec(name, minReadySeconds)));
    } else if ('rs' in s) {
      const previous = latest.get(s.rs.name) as ReplicaSet;
      write(s.rs.name, replicaSet(s.rs.name, s.rs.keepOwners ? previous.metadata.ownerReferences : owners(s.rs.owner)));
    } else {
      const { index, rs, ready, terminating, deleted } = s.pod;
      const previous = latest.get(`p${index}`) as Pod | undefined;
      const wasReady = previous?.status?.conditions?.[0]?.status === 'True';
      const readySinceMs = ready && wasReady ? previous?.status?.conditions?.[0]?.lastTransitionTime as unknown as number : atMs;
      write(`p${index}`, pod(index, { rs, ready, readySinceMs, terminating }), deleted);
    }
  }
  return out;
}

function record(changes: readonly StoreChange[], withOldVersions: boolean): unknown {
  const recorder = new DeploymentPodsRecorder();
  changes.forEach((change, i) => {
    recorder.onChange(withOldVersions || change.type === 'DELETED' ? change : { type: change.type, object: change.object }, i * 1000);
  });
  recorder.flush(changes.length * 1000 + 10_000);
  return [...recorder.series];
}

describe('Deployment pods recorder: writes that keep specs and owners', () => {
  it('records what a recorder reading every write in full records', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
      const changes = history(steps);
      expect(record(changes, true)).toEqual(record(changes, false));
    }), { numRuns: 1000 });
  });

  it('reads a new spec and a new owner (a check that the histories move them)', () => {
    // web's pods count for web until rs-a moves to other; minReadySeconds 5 holds p0's availability back 5 s.
    const changes = history([
      { deployment: { name: 'web', keepSpec: false, minReadySeconds: 5 } },
      { pod: { index: 0, rs: 'rs-a', ready: true, terminating: false, deleted: false } },
      { rs: { name: 'rs-a', keepOwners: false, owner: 'other' } },
      { pod: { index: 1, rs: 'rs-a', ready: false, terminating: false, deleted: false } },
    ]);
    const series = new Map(record(changes, true) as Array<[string, unknown]>);
    // t=5 s: p0 created Ready at 5 s (web: 1 pod, 0 available); available at 10 s, applied at the flush.
    expect(series.get('default/web')).toEqual([
      { tMs: 5000, pods: 1, podsIncludingTerminating: 1, available: 0 },
      { tMs: 10_000, pods: 1, podsIncludingTerminating: 1, available: 1 },
    ]);
    // t=7 s: p1, owned by rs-a, now other's (minReadySeconds 0): 1 pod, not Ready.
    expect(series.get('default/other')).toEqual([{ tMs: 7000, pods: 1, podsIncludingTerminating: 1, available: 0 }]);
  });
});
