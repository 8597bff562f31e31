/**
 * A rolling-update sync finds its new ReplicaSet once: syncDeployment's
 * getAllReplicaSetsAndSyncRevision (without create) is reused by
 * rolloutRolling when it found the new ReplicaSet, where rolling.go calls it
 * a second time with createIfNotExisted. Property: on any stored Deployment
 * and owned ReplicaSets (templates equal or not, revisions, annotations to
 * copy, minReadySeconds), that second call, made on the same cache with the
 * Deployment the first returned, writes nothing and returns the same
 * ReplicaSets and Deployment, so skipping it changes no write; except when
 * the first call updated the new ReplicaSet (sync.go getNewReplicaSet
 * Updates the cached copy): the second repeats that Update on the copy the
 * cache still holds and gets a Conflict, which fails the sync, as upstream's
 * does. The controller makes the second call then.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import { replicaSetsAndSyncRevision } from '../../../src/controllers/deployment/new-replica-set.js';
import { REVISION_ANNOTATION } from '../../../src/controllers/deployment/util.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

const SEED = Number(process.env.FC_SEED ?? 16_017);
const RUNS = Number(process.env.FC_RUNS ?? 150);

interface RsShape {
  readonly image: 'v1' | 'v2' | 'v3';
  readonly revision: number | undefined;
  readonly minReadySeconds: 0 | 5;
  readonly note: string | undefined;
}

const rsShape: fc.Arbitrary<RsShape> = fc.record({
  image: fc.constantFrom('v1', 'v2', 'v3'),
  revision: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  minReadySeconds: fc.constantFrom(0, 5),
  note: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
});

function template(image: string, hash?: string) {
  const labels = hash === undefined ? { app: 'web' } : { app: 'web', 'pod-template-hash': hash };
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image: `web:${image}` }] } };
}

describe('getAllReplicaSetsAndSyncRevision twice in one sync', () => {
  it('the second call, once the new ReplicaSet is found, writes nothing and returns what the first did, or a Conflict if the first updated it', () => {
    fc.assert(
      fc.property(
        fc.array(rsShape, { maxLength: 4 }),
        fc.constantFrom('v1', 'v2', 'v3'),
        fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
        fc.constantFrom(0, 5),
        fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        (shapes, image, note, minReadySeconds, deploymentRevision) => {
          const sim = new Simulation(1);
          const store = new ApiStore(sim, { freeze: true });
          const client = new ApiClient(store, 'deployment-controller');
          const annotations: Record<string, string> = {
            ...(note === undefined ? {} : { note }),
            ...(deploymentRevision === undefined ? {} : { [REVISION_ANNOTATION]: String(deploymentRevision) }),
          };
          const d = must(client.create({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web', annotations },
            spec: { replicas: 3, minReadySeconds, progressDeadlineSeconds: 600, selector: { matchLabels: { app: 'web' } }, template: template(image) },
          }));
          const owned = shapes.map((s, i) => {
            const hash = `h${i}`;
            const rsAnnotations = { ...(s.note === undefined ? {} : { note: s.note }), ...(s.revision === undefined ? {} : { [REVISION_ANNOTATION]: String(s.revision) }) };
            sim.run({ untilMs: sim.nowMs + 1 }); // distinct creation times
            return must(client.create({
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              metadata: {
                name: `web-${hash}`,
                labels: { app: 'web', 'pod-template-hash': hash },
                annotations: rsAnnotations,
                ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true }],
              },
              spec: { replicas: 1, minReadySeconds: s.minReadySeconds, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: template(s.image, hash) },
            }));
          });
          // Both calls read the informer cache as it was when the sync began.
          const ctx = { client, nowMs: sim.nowMs, replicaSetLister: (name: string) => owned.find((rs) => rs.metadata.name === name) };
          const first = replicaSetsAndSyncRevision(ctx, d, owned, false);
          if (first.newRS === undefined) return;
          const writesBefore = store.resourceVersion;
          const second = replicaSetsAndSyncRevision(ctx, first.deployment, owned, true);
          expect(store.resourceVersion).toBe(writesBefore);
          if (first.updatedNewRS === true) {
            expect(second.error).toMatch(/^Operation cannot be fulfilled on ReplicaSet "web-h\d": the object has been modified/);
            expect(second.newRS).toBeUndefined();
            return;
          }
          expect(second.error).toBeUndefined();
          expect(second.newRS).toEqual(first.newRS);
          expect(second.oldRSs.map((rs) => rs.metadata.name)).toEqual(first.oldRSs.map((rs) => rs.metadata.name));
          expect(second.deployment).toEqual(first.deployment);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
