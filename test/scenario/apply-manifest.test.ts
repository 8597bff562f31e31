/**
 * `kubectl apply`'s three-way merge of labels and annotations: a key leaves
 * only if the previous manifest set it and the new one does not, so what the
 * server and controllers added survives a re-apply.
 */
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../../src/api/store.js';
import { Simulation } from '../../src/engine/simulation.js';
import { applyManifest, LAST_APPLIED_ANNOTATION, mergeApplied } from '../../src/scenario/actions/apply-manifest.js';
import { runYaml } from '../helpers/scenario.js';

describe('mergeApplied', () => {
  it.each([
    // live has a server-set key (rev); the manifest never set it: it stays
    ['keeps keys only the server set', { a: '1', rev: '3' }, { a: '1' }, { a: '2' }, { a: '2', rev: '3' }],
    // the previous manifest set b, the new one drops it: it goes
    ['removes keys the previous manifest set and the new one drops', { a: '1', b: '1' }, { a: '1', b: '1' }, { a: '1' }, { a: '1' }],
    // no previous manifest (created, not applied): nothing is removed
    ['removes nothing without a previous manifest', { a: '1', b: '1' }, undefined, { a: '2' }, { a: '2', b: '1' }],
  ])('%s', (_name, live, previous, desired, expected) => {
    expect(mergeApplied(live, previous, desired)).toEqual(expected);
  });
});

describe('applyManifest', () => {
  const service = (selector: Record<string, string>, labels: Record<string, string>) => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels }, spec: { selector, ports: [{ port: 80 }] },
  });

  it('records the manifest and replaces the spec on a second apply', () => {
    const store = new ApiStore(new Simulation(1));
    expect(applyManifest(store, service({ app: 'web', version: 'blue' }, { tier: 'front', team: 'a' })).ok).toBe(true);
    const first = store.get('Service', 'web', 'default');
    expect(JSON.parse(first?.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '{}')).toMatchObject({ kind: 'Service' });
    expect(applyManifest(store, service({ app: 'web', version: 'green' }, { tier: 'front' })).ok).toBe(true);
    const second = store.get('Service', 'web', 'default');
    expect(second?.spec.selector).toEqual({ app: 'web', version: 'green' });
    expect(second?.metadata.labels).toEqual({ tier: 'front' });
    expect(second?.metadata.uid).toBe(first?.metadata.uid);
  });

  it("keeps the Deployment controller's revision annotation when a Deployment is re-applied", () => {
    const deployment = (image: string) => `
      - apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          replicas: 2
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [ { name: web, image: "${image}" } ] }`;
    const { report } = runYaml(`
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: apply }
spec:
  duration: 3m
  cluster: { nodePools: [ { name: n, count: 2, capacity: { cpu: "4", memory: 8Gi } } ] }
  timeline:
    - at: 30s
      action: apply
      manifests:${deployment('web:1')}
    - at: 1m
      action: apply
      manifests:${deployment('web:2')}
`);
    // The second apply is a rollout to revision 2 of the same Deployment, not a reset.
    expect(report.summary.rollouts.map((r) => [r.revision, r.outcome])).toEqual([[1, 'complete'], [2, 'complete']]);
  });
});
