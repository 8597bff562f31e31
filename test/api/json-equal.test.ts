import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../../src/api/json-equal.js';

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
