/**
 * The workload recorder reads a ReplicaSet's owner and annotations, and a
 * Deployment's minAvailable, again only when a write brings other objects
 * for them (stored objects are immutable: a status write shares the
 * previous version's ownerReferences, annotations and spec). On random
 * version histories — each version keeping the previous one's objects or
 * bringing its own, equal or not — the records equal the plain reading of
 * every version: the owner, revision, change-cause and revision history
 * the last version that had one gave, and a point per write with
 * spec.replicas − MaxUnavailable of that version.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../src/api/types/apps.js';
import type { StoreChange } from '../../src/api/watch.js';
import { maxUnavailable, revisionOf } from '../../src/controllers/deployment/util.js';
import { WorkloadRecorder } from '../../src/metrics/recorders/workloads.js';

const ownerRefs = fc.option(fc.array(fc.record({ kind: fc.constantFrom('Deployment', 'Job'), name: fc.constantFrom('a', 'b'), uid: fc.constant('u'), controller: fc.constantFrom(true, false) }), { maxLength: 2 }), { nil: undefined });
const annotations = fc.option(fc.record({
  'deployment.kubernetes.io/revision': fc.constantFrom('1', '2', 'x'),
  'kubernetes.io/change-cause': fc.constantFrom('first', 'second'),
  'deployment.kubernetes.io/revision-history': fc.constantFrom('1', '1,3'),
}, { requiredKeys: [] }), { nil: undefined });
const rsVersion = fc.record({ keepOwners: fc.boolean(), ownerReferences: ownerRefs, keepAnnotations: fc.boolean(), annotations, replicas: fc.integer({ min: 0, max: 3 }) });

const rollingUpdate = fc.record({ maxSurge: fc.constantFrom(0, 1, '25%'), maxUnavailable: fc.constantFrom(0, 1, '50%') });
const deploymentVersion = fc.record({ keepSpec: fc.boolean(), replicas: fc.integer({ min: 0, max: 5 }), rollingUpdate, ready: fc.integer({ min: 0, max: 5 }) });

function replicaSet(v: { ownerReferences: unknown; annotations: unknown; replicas: number }): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: 'rs', namespace: 'default', uid: 'rs', creationTimestamp: 0, ...(v.ownerReferences === undefined ? {} : { ownerReferences: v.ownerReferences }), ...(v.annotations === undefined ? {} : { annotations: v.annotations }) },
    spec: { replicas: v.replicas, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    status: { replicas: v.replicas },
  } as unknown as ReplicaSet;
}

function deployment(spec: Deployment['spec'], ready: number): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'd', creationTimestamp: 0, generation: 1 },
    spec, status: { observedGeneration: 1, readyReplicas: ready },
  } as unknown as Deployment;
}

describe('workload writes read again only what they bring', () => {
  it('a ReplicaSet record is the plain reading of its versions', () => {
    fc.assert(fc.property(fc.array(rsVersion, { minLength: 1, maxLength: 8 }), (versions) => {
      const recorder = new WorkloadRecorder();
      let previous: ReplicaSet | undefined;
      const plain: { owner?: string; revision?: number; changeCause?: string; revisionHistory?: string } = {};
      versions.forEach((v, i) => {
        const next = replicaSet({
          ownerReferences: previous !== undefined && v.keepOwners ? previous.metadata.ownerReferences : v.ownerReferences,
          annotations: previous !== undefined && v.keepAnnotations ? previous.metadata.annotations : v.annotations,
          replicas: v.replicas,
        });
        const owner = next.metadata.ownerReferences?.find((r) => r.controller === true);
        if (owner !== undefined) plain.owner = `${owner.kind}/${owner.name}`;
        if (revisionOf(next) > 0) plain.revision = revisionOf(next);
        const a = next.metadata.annotations ?? {};
        if (a['kubernetes.io/change-cause'] !== undefined) plain.changeCause = a['kubernetes.io/change-cause'];
        if (a['deployment.kubernetes.io/revision-history'] !== undefined) plain.revisionHistory = a['deployment.kubernetes.io/revision-history'];
        const change: StoreChange = previous === undefined ? { type: 'ADDED', object: next } : { type: 'MODIFIED', object: next, oldObject: previous };
        recorder.onChange(change, i * 1000);
        previous = next;
      });
      const { owner, revision, changeCause, revisionHistory } = recorder.replicaSets.get('default/rs') ?? {};
      expect({ owner, revision, changeCause, revisionHistory }).toEqual({ owner: plain.owner, revision: plain.revision, changeCause: plain.changeCause, revisionHistory: plain.revisionHistory });
    }), { numRuns: 1000 });
  });

  it("a Deployment's minAvailable is each version's", () => {
    fc.assert(fc.property(fc.array(deploymentVersion, { minLength: 1, maxLength: 8 }), (versions) => {
      const recorder = new WorkloadRecorder();
      let previous: Deployment | undefined;
      const plain: number[] = [];
      versions.forEach((v, i) => {
        const spec = previous !== undefined && v.keepSpec ? previous.spec : {
          replicas: v.replicas, minReadySeconds: 0, selector: { matchLabels: { app: 'a' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: v.rollingUpdate }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
        } as unknown as Deployment['spec'];
        const next = deployment(spec, v.ready);
        plain.push(next.spec.replicas - maxUnavailable(next));
        recorder.onChange(previous === undefined ? { type: 'ADDED', object: next } : { type: 'MODIFIED', object: next, oldObject: previous }, i * 1000);
        previous = next;
      });
      // One point per write (a new instant each), merged where nothing changed: the last point has the last version's value.
      const series = recorder.deployments.get('default/web')?.series ?? [];
      for (const point of series) expect(point.minAvailable).toBe(plain[point.tMs / 1000]);
      expect(series.at(-1)?.minAvailable).toBe(plain.at(-1));
    }), { numRuns: 1000 });
  });
});
