/**
 * The garbage collector's owner index: the owners' UIDs, remembered per
 * ownerReferences array so that a status write (which keeps the array)
 * files the object again without allocating.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { KubeObject, OwnerReference } from '../../../src/api/types/meta.js';
import { ownerUids } from '../../../src/controllers/garbagecollector/controller.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

const withReferences = (ownerReferences: readonly OwnerReference[] | undefined): KubeObject =>
  ({ kind: 'Pod', metadata: { name: 'p', uid: 'u', creationTimestamp: 0, resourceVersion: '1', ...(ownerReferences === undefined ? {} : { ownerReferences }) } }) as KubeObject;

describe('garbage collector owner index', () => {
  it('is the owners\' UIDs in order, for any references, asked once or twice', () => {
    const reference = fc.record({ apiVersion: fc.constant('apps/v1'), kind: fc.constantFrom('ReplicaSet', 'Deployment'), name: fc.string(), uid: fc.string({ minLength: 1 }) });
    fc.assert(fc.property(fc.option(fc.array(reference, { maxLength: 4 }), { nil: undefined }), (references) => {
      const object = withReferences(references);
      const plain = (references ?? []).map((r) => r.uid);
      expect(ownerUids(object)).toEqual(plain);
      expect(ownerUids(object)).toEqual(plain);
    }), { numRuns: 200 });
  });

  it('gives the same list for a pod after a status write, which keeps its ownerReferences', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const client = new ApiClient(store, 'test');
    const created = must(client.create({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true }] },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    }));
    const updated = must(client.patch('Pod', 'p', 'default', (pod) => ({ ...pod, status: { ...pod.status, phase: 'Running' } })));
    expect(updated.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);
    expect(ownerUids(updated)).toEqual(['rs-uid']);
    expect(ownerUids(updated)).toBe(ownerUids(created));
  });
});
