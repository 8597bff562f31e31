/**
 * findNewReplicaSet (a running minimum) gives what upstream's
 * FindNewReplicaSet gives (deployment_util.go: sort by creation time, then
 * name, and take the first whose template equals the Deployment's ignoring
 * the pod-template-hash label), on random lists of ReplicaSets that share
 * creation times and templates, in any order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../src/api/types/apps.js';
import { byCreation, findNewReplicaSet, POD_TEMPLATE_HASH_LABEL } from '../../../src/controllers/deployment/util.js';
import { plainEqualIgnoreHash } from './plain-deployment.js';

const SEED = Number(process.env.FC_SEED ?? 16_019);
const RUNS = Number(process.env.FC_RUNS ?? 300);

function template(image: string, hash: string): ReplicaSet['spec']['template'] {
  return { metadata: { labels: { app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash } }, spec: { containers: [{ name: 'c', image }] } };
}

describe('findNewReplicaSet', () => {
  it('is the first of the creation-sorted list whose template matches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ createdMs: fc.constantFrom(0, 1_000, 2_000), image: fc.constantFrom('web:1', 'web:2'), hash: fc.constantFrom('h1', 'h2') }), { maxLength: 6 }),
        fc.constantFrom('web:1', 'web:2'),
        (shapes, image) => {
          const replicaSets = shapes.map((s, i) => ({
            apiVersion: 'apps/v1', kind: 'ReplicaSet',
            // Names unrelated to list order: the name breaks creation-time ties.
            metadata: { name: `web-${String((i * 5) % 7)}-${String(i)}`, namespace: 'default', uid: `u${String(i)}`, creationTimestamp: s.createdMs },
            spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template(s.image, s.hash) },
          }) as unknown as ReplicaSet);
          const d = { spec: { template: template(image, 'any') } } as unknown as Deployment;
          const upstream = [...replicaSets].sort(byCreation).find((rs) => plainEqualIgnoreHash(rs.spec.template, d.spec.template));
          expect(findNewReplicaSet(d, replicaSets)).toBe(upstream);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
