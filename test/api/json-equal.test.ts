import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual, writeLeavesEqual } from '../../src/api/json-equal.js';

describe('jsonEqual (reflect.DeepEqual on decoded JSON)', () => {
  const shared = { app: 'web' };
  it.each([
    ['the same object', shared, shared, true],
    ['equal labels in another key order', { app: 'web', tier: 'front' }, { tier: 'front', app: 'web' }, true],
    ['a changed label value', { app: 'web' }, { app: 'api' }, false],
    ['an added label', { app: 'web' }, { app: 'web', tier: 'front' }, false],
    ['an unset field equals a missing one', { app: 'web', tier: undefined }, { app: 'web' }, true],
    ['unset equals null', undefined, null, true],
    ['empty map differs from unset (nil map vs empty map)', {}, undefined, false],
    ['equal tolerations', [{ key: 'gpu', operator: 'Exists' }], [{ operator: 'Exists', key: 'gpu' }], true],
    ['tolerations in another order', [{ key: 'a' }, { key: 'b' }], [{ key: 'b' }, { key: 'a' }], false],
    ['a longer list', [1], [1, 2], false],
    ['an array against an object', [], {}, false],
    ['a number against its text', { cpu: 1 }, { cpu: '1' }, false],
    ['nested equal quantities', { requests: { cpu: '500m', memory: '1Gi' } }, { requests: { memory: '1Gi', cpu: '500m' } }, true],
  ])('%s', (_name, a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });
});

describe('writeLeavesEqual (a write\'s object against the stored one)', () => {
  const part = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
  const object = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: part, spec: part, status: part }, { requiredKeys: ['apiVersion', 'kind'] });
  // Each part of the write's object: the stored part itself, a copy of it, or another value.
  const derive = fc.record({ metadata: fc.nat(2), spec: fc.nat(2), status: fc.nat(2) });
  it('answers as jsonEqual (property)', () => {
    fc.assert(
      fc.property(object, object, derive, (current, other, how) => {
        const next: Record<string, unknown> = { ...current };
        for (const key of ['metadata', 'spec', 'status'] as const) {
          if (how[key] === 1) next[key] = structuredClone(current[key]);
          if (how[key] === 2) next[key] = other[key];
        }
        expect(writeLeavesEqual(next, current)).toBe(jsonEqual(next, current));
      }),
      { seed: 16_020, numRuns: 300 },
    );
  });
});
