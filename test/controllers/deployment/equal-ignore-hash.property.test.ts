/**
 * EqualIgnoreHash without copies (util.ts) decides as the plain copy, drop
 * the label and compare (test/controllers/deployment/plain-deployment.ts),
 * on random pairs of templates that differ, or not, in the hash label,
 * other labels, annotations, missing or empty metadata, unset fields and
 * the pod spec; each pair compared fresh (new objects, so never from the
 * per-object cache) and again from the cache.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../../../src/api/types/pod.js';
import { equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from '../../../src/controllers/deployment/util.js';
import { plainEqualIgnoreHash } from './plain-deployment.js';

const SEED = Number(process.env.FC_SEED ?? 16_018);
const RUNS = Number(process.env.FC_RUNS ?? 500);

const labels = fc.dictionary(fc.constantFrom('app', 'tier', POD_TEMPLATE_HASH_LABEL), fc.constantFrom('web', 'a', 'b'), { maxKeys: 3 });
const metadata = fc.option(
  fc.record({
    labels: fc.option(labels, { nil: undefined }),
    annotations: fc.option(fc.dictionary(fc.constantFrom('x', 'y'), fc.constantFrom('1', '2'), { maxKeys: 2 }), { nil: undefined }),
    name: fc.option(fc.constantFrom('t', undefined), { nil: undefined }),
  }, { requiredKeys: [] }),
  { nil: undefined },
);
const spec = fc.record({
  containers: fc.array(fc.record({ name: fc.constant('c'), image: fc.constantFrom('web:v1', 'web:v2') }), { minLength: 1, maxLength: 2 }),
  nodeSelector: fc.option(fc.dictionary(fc.constantFrom('zone'), fc.constantFrom('a', 'b'), { maxKeys: 1 }), { nil: undefined }),
}, { requiredKeys: ['containers'] });
const template: fc.Arbitrary<PodTemplateSpec> = fc.record({ metadata, spec }, { requiredKeys: ['spec'] }) as fc.Arbitrary<PodTemplateSpec>;

type Edit = (t: PodTemplateSpec) => PodTemplateSpec;
const withLabels = (t: PodTemplateSpec, change: (l: Record<string, string>) => void): PodTemplateSpec => {
  const next = { ...t.metadata?.labels };
  change(next);
  return { ...t, metadata: { ...t.metadata, labels: next } };
};
const edit: fc.Arbitrary<Edit> = fc.constantFrom<Edit>(
  (t) => t,
  (t) => withLabels(t, (l) => { l[POD_TEMPLATE_HASH_LABEL] = 'other'; }), // equal
  (t) => withLabels(t, (l) => { l.tier = 'z'; }), // differs
  (t) => withLabels(t, (l) => { delete l.app; }), // differs if it had one
  (t) => ({ ...t, metadata: { ...t.metadata, annotations: { note: 'n' } } }), // differs
  (t) => ({ spec: t.spec }), // no metadata: equal only if it held nothing but the hash label
  (t) => ({ ...t, spec: { ...t.spec, containers: [{ name: 'c', image: 'web:v3' }] } }), // differs
);

/** A copy that shares nothing with `t`, so the cache has never seen it. */
const fresh = (t: PodTemplateSpec): PodTemplateSpec => structuredClone(t);

describe('EqualIgnoreHash', () => {
  it('decides as copying both templates without the hash label and comparing them', () => {
    fc.assert(
      fc.property(template, template, fc.option(edit, { nil: undefined }), (a, b0, change) => {
        // Most pairs are one edit of the same template, so that edit decides.
        const b = change === undefined ? b0 : change(fresh(a));
        const expected = plainEqualIgnoreHash(a, b);
        const left = fresh(a);
        const right = fresh(b);
        expect(equalIgnoreHash(left, right)).toBe(expected);
        expect(equalIgnoreHash(left, right)).toBe(expected);
        expect(equalIgnoreHash(fresh(b), fresh(a))).toBe(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
