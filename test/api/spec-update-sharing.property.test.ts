/**
 * A write that changes an object's spec copies only the parts of the new
 * spec that are not the stored spec's own (ApiStore.replace with
 * copySharingStored): a scaled ReplicaSet keeps its pod template object.
 * Property: on random spec changes of a ReplicaSet, a Deployment and a
 * Service (scale, image, strategy, ports, a field set to a wrong type), a
 * store patched with specs that share the stored parts stores the same
 * objects (JSON, key order), generations and errors as one updated with
 * a fresh copy of the same object, which shares nothing (the plain path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/api/api-error.js';
import { ApiStore } from '../../src/api/store.js';
import type { ReplicaSet } from '../../src/api/types/apps.js';
import type { KubeObject, KubeObjectInput } from '../../src/api/types/meta.js';
import { Simulation } from '../../src/engine/simulation.js';
import { must } from '../helpers/api-result.js';

const SEED = Number(process.env.FC_SEED ?? 16_207);
const RUNS = Number(process.env.FC_RUNS ?? 150);

type Json = Record<string, unknown>;
type Change = (spec: Json) => Json;

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }] } };
const objects: ReadonlyArray<KubeObjectInput & { kind: string }> = [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
];

function templateOf(spec: Json): Json {
  return spec.template as Json;
}

function withImage(spec: Json, image: unknown): Json {
  const t = templateOf(spec);
  const podSpec = t.spec as Json;
  const [first, ...rest] = podSpec.containers as Json[];
  return { ...spec, template: { ...t, spec: { ...podSpec, containers: [{ ...first, image }, ...rest] } } };
}

const change: fc.Arbitrary<{ readonly target: number; readonly change: Change; readonly label: string }> = fc.oneof(
  fc.integer({ min: -1, max: 5 }).map((n) => ({ target: 0, change: (spec: Json) => ({ ...spec, replicas: n }), label: `rs replicas ${n}` })),
  fc.constantFrom('nginx:1', 'nginx:2', '', 7).map((image) => ({ target: 0, change: (spec: Json) => withImage(spec, image), label: `rs image ${String(image)}` })),
  fc.integer({ min: 0, max: 3 }).map((n) => ({ target: 1, change: (spec: Json) => ({ ...spec, replicas: n, minReadySeconds: n }), label: `deploy replicas ${n}` })),
  fc.constantFrom('Recreate', 'RollingUpdate', 'Sideways').map((type) => ({ target: 1, change: (spec: Json) => ({ ...spec, strategy: { type } }), label: `deploy strategy ${type}` })),
  fc.constantFrom('nginx:3', '').map((image) => ({ target: 1, change: (spec: Json) => withImage(spec, image), label: `deploy image ${image}` })),
  fc.constantFrom(81, 0).map((port) => ({ target: 2, change: (spec: Json) => ({ ...spec, ports: [...(spec.ports as Json[]), { port }] }), label: `svc port ${port}` })),
  fc.constantFrom('ClusterIP', 'NodePort').map((type) => ({ target: 2, change: (spec: Json) => ({ ...spec, type }), label: `svc type ${type}` })),
);

function outcome(result: ApiResult<KubeObject>): string {
  return result.ok ? `ok ${JSON.stringify(result.object)}` : `${result.error.reason} ${result.error.message}`;
}

/** `sharing`: a patch whose spec shares the stored parts it keeps; else an update sent a fresh copy of the same object. */
function run(sharing: boolean, changes: ReadonlyArray<{ readonly target: number; readonly change: Change; readonly label: string }>): string[] {
  const store = new ApiStore(new Simulation(2), { freeze: true });
  for (const object of objects) must(store.create(structuredClone(object)));
  const log: string[] = [];
  for (const { target, change: apply, label } of changes) {
    const kind = (objects[target] as { kind: string }).kind;
    const next = (current: KubeObject): KubeObject => ({ ...current, spec: apply((current as unknown as { spec: Json }).spec) }) as KubeObject;
    const result = sharing
      ? store.patch(kind, 'web', 'default', (current) => next(current as KubeObject) as never)
      : store.update(structuredClone(next(store.get(kind, 'web', 'default') as KubeObject)));
    log.push(`${label}: ${outcome(result as ApiResult<KubeObject>)}`);
  }
  return log;
}

describe('ApiStore spec writes share the stored spec parts they keep', () => {
  it('store what a write of a fresh copy stores (property)', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (changes) => {
        expect(run(true, changes)).toEqual(run(false, changes));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('keep a scaled ReplicaSet\'s pod template object, and bump its generation once', () => {
    const store = new ApiStore(new Simulation(2), { freeze: true });
    const created = must(store.create(structuredClone(objects[0]) as KubeObjectInput & { kind: 'ReplicaSet' }));
    const scaled = must(store.patch('ReplicaSet', 'web', 'default', (rs: ReplicaSet) => ({ ...rs, spec: { ...rs.spec, replicas: 3 } })));
    expect(scaled.spec.template).toBe(created.spec.template);
    expect([created.metadata.generation, scaled.metadata.generation]).toEqual([1, 2]);
  });
});
