/**
 * Property: the new ReplicaSet's annotations (SetNewReplicaSetAnnotations),
 * which a sync now first checks without copying, are what building them on
 * a copy gives (plainNewReplicaSetAnnotations), for any Deployment and
 * ReplicaSet annotations (copied, kept-back, revision and history ones,
 * unparsable revisions), any new revision, new or existing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../src/api/types/apps.js';
import { newReplicaSetAnnotations } from '../../../src/controllers/deployment/new-replica-set.js';
import { DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from '../../../src/controllers/deployment/util.js';
import { plainNewReplicaSetAnnotations } from './plain-deployment.js';

const SEED = Number(process.env.FC_SEED ?? 16_019);
const RUNS = Number(process.env.FC_RUNS ?? 300);

const annotations = fc.dictionary(
  fc.constantFrom('team', 'note', LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION),
  fc.constantFrom('a', 'b', '1', '3', '7', 'x', '', '2,4'),
  { maxKeys: 5 },
);

describe('new ReplicaSet annotations', () => {
  it('equal the ones built on a copy', () => {
    fc.assert(
      fc.property(fc.option(annotations, { nil: undefined }), fc.option(annotations, { nil: undefined }), fc.nat(8), fc.boolean(), (dAnnotations, rsAnnotations, newRevision, exists) => {
        const d = {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', ...(dAnnotations === undefined ? {} : { annotations: dAnnotations }) },
          spec: { replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
        } as unknown as Deployment;
        const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', ...(rsAnnotations === undefined ? {} : { annotations: rsAnnotations }) } } as unknown as ReplicaSet;
        expect(newReplicaSetAnnotations(d, rs, newRevision, exists)).toEqual(plainNewReplicaSetAnnotations(d, rs, newRevision, exists));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
