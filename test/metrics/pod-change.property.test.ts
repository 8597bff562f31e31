/**
 * The recorder derives a pod's facts once per change (metrics/pod-change.ts)
 * and hands them to every pod part, instead of each part reading the pod.
 * On random pods — any phase, bound or not, being deleted or not, any mix
 * and order of conditions (repeated types included), container states and
 * owner references — each fact equals what the plain helpers read from the
 * pod. And the owner a pod's row carries, now read again only when the
 * version's ownerReferences are not the previous version's very array,
 * is still the last controller any version had.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPodTerminal, podCondition } from '../../src/api/pod-util.js';
import { controllerOf, type OwnerReference } from '../../src/api/types/meta.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { StoreChange } from '../../src/api/watch.js';
import { PodChange } from '../../src/metrics/pod-change.js';
import { Recorder } from '../../src/metrics/recorder.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import type { ApiStore } from '../../src/api/store.js';

const condition = fc.record({
  type: fc.constantFrom('PodScheduled', 'Ready', 'ContainersReady', 'Initialized'),
  status: fc.constantFrom('True', 'False', 'Unknown'),
  lastTransitionTime: fc.integer({ min: 0, max: 1000 }),
});
const containerStatus = fc.record({ name: fc.constant('c'), state: fc.constantFrom({ running: { startedAt: 1 } }, { waiting: { reason: 'ContainerCreating' } }, { terminated: { exitCode: 0 } }, {}) });
const ownerRef = fc.record({ kind: fc.constantFrom('ReplicaSet', 'Job'), name: fc.constantFrom('a', 'b'), uid: fc.constantFrom('u1', 'u2'), controller: fc.constantFrom(true, false, undefined) });

const podFields = fc.record({
  phase: fc.option(fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'), { nil: undefined }),
  nodeName: fc.option(fc.constantFrom('', 'node-1', 'node-2'), { nil: undefined }),
  deleting: fc.boolean(),
  conditions: fc.option(fc.array(condition, { maxLength: 5 }), { nil: undefined }),
  containerStatuses: fc.option(fc.array(containerStatus, { maxLength: 3 }), { nil: undefined }),
  ownerReferences: fc.option(fc.array(ownerRef, { maxLength: 3 }), { nil: undefined }),
});

type PodFields = typeof podFields extends fc.Arbitrary<infer T> ? T : never;

function pod(fields: PodFields, ownerReferences: readonly object[] | undefined = fields.ownerReferences): Pod {
  const { phase, nodeName, deleting, conditions, containerStatuses } = fields;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'uid-p', creationTimestamp: 0, ...(ownerReferences === undefined ? {} : { ownerReferences }), ...(deleting ? { deletionTimestamp: 5 } : {}) },
    spec: { containers: [{ name: 'c' }], ...(nodeName === undefined ? {} : { nodeName }) },
    ...(phase === undefined && conditions === undefined && containerStatuses === undefined ? {} : { status: { phase, conditions, containerStatuses } }),
  } as unknown as Pod;
}

describe('pod facts derived once per change', () => {
  it('equal what the plain helpers read from the pod', () => {
    fc.assert(fc.property(podFields, fc.constantFrom('ADDED', 'MODIFIED', 'DELETED'), (fields, type) => {
      const p = pod(fields);
      const facts = new PodChange(type, p, undefined);
      const statuses = p.status?.containerStatuses ?? [];
      expect({
        uid: facts.uid, name: facts.name, namespace: facts.namespace, createdMs: facts.createdMs, nodeName: facts.nodeName, phase: facts.phase,
        terminal: facts.terminal, deleting: facts.deleting, deleted: facts.deleted, readyCondition: facts.readyCondition,
        scheduledCondition: facts.scheduledCondition, ready: facts.ready, allRunning: facts.allRunning, controller: facts.controller,
      }).toStrictEqual({
        uid: 'uid-p', name: 'p', namespace: 'default', createdMs: 0, nodeName: p.spec.nodeName ?? '', phase: p.status?.phase,
        terminal: isPodTerminal(p), deleting: p.metadata.deletionTimestamp !== undefined, deleted: type === 'DELETED',
        readyCondition: podCondition(p, 'Ready'), scheduledCondition: podCondition(p, 'PodScheduled'), ready: podCondition(p, 'Ready')?.status === 'True',
        allRunning: statuses.length > 0 && statuses.every((s) => s.state?.running !== undefined), controller: controllerOf(p.metadata),
      });
    }), { numRuns: 1000 });
  });

  it("a pod's row carries the last controller any of its versions had", () => {
    // Each version keeps the previous version's ownerReferences array (as a write that does not touch them) or has its own.
    const version = fc.record({ fields: podFields, sameOwners: fc.boolean() });
    fc.assert(fc.property(fc.array(version, { minLength: 1, maxLength: 8 }), (versions) => {
      const rows = memoryRows();
      const recorder = new Recorder(rows);
      let observer: { onChange?: (change: StoreChange, atMs: number) => void } = {};
      recorder.attach({ observe: (o: typeof observer) => { observer = o; } } as unknown as ApiStore);
      let previous: Pod | undefined;
      let owner: OwnerReference | undefined;
      versions.forEach(({ fields, sameOwners }, i) => {
        const next = pod({ ...fields, deleting: false }, previous !== undefined && sameOwners ? previous.metadata.ownerReferences : fields.ownerReferences);
        owner = controllerOf(next.metadata) ?? owner;
        const type = previous === undefined ? 'ADDED' : i === versions.length - 1 ? 'DELETED' : 'MODIFIED';
        observer.onChange?.({ type, object: next, ...(previous === undefined ? {} : { oldObject: previous }) }, i);
        previous = next;
      });
      if (versions.length === 1) recorder.recording();
      expect(rows.pods.rows.map((r) => r.owner)).toEqual([owner === undefined ? undefined : `${owner.kind}/${owner.name}`]);
    }), { numRuns: 500 });
  });

  it("pods of several owners, created in any order, each carry their own controller's kind/name (the last text made is shared only when it is theirs)", () => {
    const owner = fc.record({ kind: fc.constantFrom('', 'ReplicaSet', 'Job', 'ReplicaSet/x'), name: fc.constantFrom('', 'a', 'b', 'x/a') });
    fc.assert(fc.property(fc.array(fc.option(owner, { nil: undefined }), { minLength: 1, maxLength: 12 }), (owners) => {
      const rows = memoryRows();
      const recorder = new Recorder(rows);
      let observer: { onChange?: (change: StoreChange, atMs: number) => void } = {};
      recorder.attach({ observe: (o: typeof observer) => { observer = o; } } as unknown as ApiStore);
      owners.forEach((ref, i) => {
        const ownerReferences = ref === undefined ? undefined : [{ ...ref, uid: `u-${ref.kind}-${ref.name}`, controller: true }];
        const created = pod({ phase: undefined, nodeName: undefined, deleting: false, conditions: undefined, containerStatuses: undefined, ownerReferences: undefined }, ownerReferences);
        observer.onChange?.({ type: 'ADDED', object: { ...created, metadata: { ...created.metadata, uid: `uid-${i}`, name: `p-${i}` } } }, i);
      });
      recorder.recording();
      expect(rows.pods.rows.map((r) => r.owner)).toEqual(owners.map((ref) => (ref === undefined ? undefined : `${ref.kind}/${ref.name}`)));
    }), { numRuns: 500 });
  });
});
