/**
 * Compiled label selectors and label signatures (framework/selectors.ts):
 * equal label sets give equal signatures whatever the order their keys were
 * written in, and a selector's anchor is a label every match carries.
 */
import { describe, expect, it } from 'vitest';
import { compileLabelSelector, labelsKey } from '../../src/scheduler/framework/selectors.js';

describe('labelsKey', () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    ['two keys in either order', { app: 'web', tier: 'fe' }, { tier: 'fe', app: 'web' }],
    ['integer-like keys, which objects list first', { b: '1', '10': 'x', a: '2' }, { a: '2', '10': 'x', b: '1' }],
    ['prefixed keys', { 'app.kubernetes.io/name': 'web', app: 'web' }, { app: 'web', 'app.kubernetes.io/name': 'web' }],
  ])('is the same for %s', (_name, one, other) => {
    expect(labelsKey(one)).toBe(labelsKey(other));
    expect(labelsKey(one)).toBe(Object.keys(one).sort().map((k) => `${k}=${one[k] as string}\u0000`).join(''));
  });

  it('differs when a value differs', () => {
    expect(labelsKey({ app: 'web' })).not.toBe(labelsKey({ app: 'api' }));
    expect(labelsKey({})).toBe('');
  });
});

describe('selector anchors', () => {
  it.each<[string, Parameters<typeof compileLabelSelector>[0], { key: string; values: readonly string[] } | undefined]>([
    ['the first matchLabels pair in key order', { matchLabels: { tier: 'fe', app: 'web' } }, { key: 'app', values: ['web'] }],
    ['an In requirement', { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, { key: 'tier', values: ['fe', 'be'] }],
    ['none for NotIn and Exists only', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, undefined],
    ['none for the empty selector', {}, undefined],
  ])('%s', (_name, selector, anchor) => {
    expect(compileLabelSelector(selector).anchor).toEqual(anchor);
  });
});
