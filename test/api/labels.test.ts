/**
 * Label selectors (apimachinery LabelSelectorAsSelector semantics):
 * matchLabels and matchExpressions are ANDed; an empty selector selects
 * everything and a missing one selects nothing; Service-style map selectors
 * select nothing when empty.
 */
import { describe, expect, it } from 'vitest';
import {
  checkLabelSelector,
  formatLabels,
  mapSelectorMatches,
  selectorIsEmpty,
  selectorMatches,
  type LabelSelector,
  type Labels,
} from '../../src/api/labels.js';

const web: Labels = { app: 'web', tier: 'frontend', 'pod-template-hash': 'abc' };

describe('selectorMatches', () => {
  // [description, selector, labels, matches]
  const table: Array<[string, LabelSelector | undefined, Labels | undefined, boolean]> = [
    ['undefined selector matches nothing', undefined, web, false],
    ['undefined selector matches nothing, even without labels', undefined, undefined, false],
    ['empty selector matches everything', {}, web, true],
    ['empty selector matches an object without labels', {}, undefined, true],
    ['empty matchLabels and matchExpressions match everything', { matchLabels: {}, matchExpressions: [] }, web, true],
    ['matchLabels subset matches', { matchLabels: { app: 'web' } }, web, true],
    ['matchLabels needs every pair', { matchLabels: { app: 'web', tier: 'backend' } }, web, false],
    ['matchLabels value must be equal', { matchLabels: { app: 'api' } }, web, false],
    ['matchLabels key must exist', { matchLabels: { zone: 'a' } }, web, false],
    ['matchLabels against no labels', { matchLabels: { app: 'web' } }, undefined, false],
    ['In: value listed', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'frontend'] }] }, web, true],
    ['In: value not listed', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, web, false],
    ['In: key missing', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, web, false],
    ['NotIn: value not listed', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, web, true],
    ['NotIn: value listed', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, web, false],
    ['NotIn: missing key matches', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, web, true],
    ['Exists: key present', { matchExpressions: [{ key: 'pod-template-hash', operator: 'Exists' }] }, web, true],
    ['Exists: key absent', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, web, false],
    ['Exists: empty value still exists', { matchExpressions: [{ key: 'x', operator: 'Exists' }] }, { x: '' }, true],
    ['DoesNotExist: key absent', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, web, true],
    ['DoesNotExist: key present', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, web, false],
    [
      'matchLabels AND matchExpressions, both hold',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }, { key: 'canary', operator: 'DoesNotExist' }] },
      web,
      true,
    ],
    [
      'matchLabels AND matchExpressions, one expression fails',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }, { key: 'app', operator: 'DoesNotExist' }] },
      web,
      false,
    ],
    [
      'matchLabels fails although expressions hold',
      { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      web,
      false,
    ],
    ['inherited object keys are not labels', { matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, web, false],
  ];
  it.each(table)('%s', (_name, selector, labels, matches) => {
    expect(selectorMatches(selector, labels)).toBe(matches);
  });
});

describe('selectorIsEmpty', () => {
  it('is true only for a present selector with no terms', () => {
    expect(selectorIsEmpty({})).toBe(true);
    expect(selectorIsEmpty({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(selectorIsEmpty(undefined)).toBe(false);
    expect(selectorIsEmpty({ matchLabels: { app: 'web' } })).toBe(false);
    expect(selectorIsEmpty({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })).toBe(false);
  });
});

describe('mapSelectorMatches (Service spec.selector)', () => {
  const table: Array<[string, Labels | undefined, Labels | undefined, boolean]> = [
    ['every pair present', { app: 'web' }, web, true],
    ['two pairs, both present', { app: 'web', tier: 'frontend' }, web, true],
    ['one pair differs', { app: 'web', tier: 'backend' }, web, false],
    ['key missing', { zone: 'a' }, web, false],
    ['empty map selects nothing (a Service without a selector)', {}, web, false],
    ['undefined selects nothing', undefined, web, false],
    ['object without labels', { app: 'web' }, undefined, false],
  ];
  it.each(table)('%s', (_name, selector, labels, matches) => {
    expect(mapSelectorMatches(selector, labels)).toBe(matches);
  });
});

describe('checkLabelSelector', () => {
  it('requires values for In and NotIn and forbids them for Exists and DoesNotExist', () => {
    expect(checkLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] })).toBeUndefined();
    expect(checkLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toBe(
      'matchExpressions[0].values: must be specified when operator is In',
    );
    expect(checkLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'NotIn' }] })).toBe(
      'matchExpressions[1].values: must be specified when operator is NotIn',
    );
    expect(checkLabelSelector({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] })).toBe(
      'matchExpressions[0].values: must be empty when operator is DoesNotExist',
    );
  });
});

describe('formatLabels', () => {
  it('writes key=value pairs in insertion order', () => {
    expect(formatLabels({ app: 'web', tier: 'frontend' })).toBe('app=web,tier=frontend');
    expect(formatLabels(undefined)).toBe('');
  });
});
