/**
 * Required node affinity as component-helpers nodeaffinity matches it (the
 * scheduler's NodeAffinity filter and the DaemonSet controller share it):
 * requirements in a term ANDed, terms ORed, an empty term matches nothing,
 * Gt/Lt take exactly one integer and need an integer label, matchFields
 * knows only metadata.name, nodeSelector pairs must all be labels.
 */
import { describe, expect, it } from 'vitest';
import { nodeSelectorTermMatches, podFitsNodeAffinity } from '../../src/api/node-affinity.js';
import { ApiStore } from '../../src/api/store.js';
import { Simulation } from '../../src/engine/simulation.js';
import { podInput } from '../helpers/builders.js';
import type { Node } from '../../src/api/types/node.js';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from '../../src/api/types/pod.js';
import { makeNode } from '../helpers/builders.js';

const node: Node = makeNode('worker-1', { labels: { zone: 'a', cores: '16', gen: 'v2' } });
const expr = (key: string, operator: NodeSelectorRequirement['operator'], values?: string[]): NodeSelectorTerm => ({
  matchExpressions: [{ key, operator, ...(values === undefined ? {} : { values }) }],
});

describe('nodeSelectorTermMatches', () => {
  it.each<[string, NodeSelectorTerm, boolean]>([
    ['In, value listed', expr('zone', 'In', ['a', 'b']), true],
    ['In, value not listed', expr('zone', 'In', ['b']), false],
    ['In, label absent', expr('rack', 'In', ['r1']), false],
    ['NotIn, value not listed', expr('zone', 'NotIn', ['b']), true],
    ['NotIn, label absent matches', expr('rack', 'NotIn', ['r1']), true],
    ['Exists', expr('zone', 'Exists'), true],
    ['Exists on a key named like an Object method', expr('constructor', 'Exists'), false],
    ['DoesNotExist, label absent', expr('rack', 'DoesNotExist'), true],
    ['DoesNotExist on a key named like an Object method', expr('toString', 'DoesNotExist'), true],
    ['Gt: 16 > 8', expr('cores', 'Gt', ['8']), true],
    ['Gt: 16 > 16 is false', expr('cores', 'Gt', ['16']), false],
    ['Lt: 16 < 32', expr('cores', 'Lt', ['32']), true],
    ['Gt with two values never matches', expr('cores', 'Gt', ['1', '2']), false],
    ['Gt with a non-integer value never matches', expr('cores', 'Gt', ['1.5']), false],
    ['Gt on a non-integer label never matches', expr('gen', 'Gt', ['1']), false],
    ['Gt on an absent label never matches', expr('rack', 'Gt', ['1']), false],
    ['a term without requirements matches nothing', {}, false],
    ['expressions ANDed: one fails', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gen', operator: 'In', values: ['v1'] }] }, false],
    ['matchFields metadata.name In', { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }, true],
    ['matchFields metadata.name NotIn', { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['worker-1'] }] }, false],
    ['matchFields on another field matches nothing (In)', { matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['node-worker-1'] }] }, false],
    ['matchFields on another field matches nothing (NotIn)', { matchFields: [{ key: 'metadata.uid', operator: 'NotIn', values: ['x'] }] }, false],
  ])('%s', (_name, term, expected) => {
    expect(nodeSelectorTermMatches(term, node)).toBe(expected);
  });
});

describe('podFitsNodeAffinity', () => {
  const spec = (extra: Partial<PodSpec>): PodSpec => ({ containers: [{ name: 'c', image: 'app:1' }], ...extra });
  const terms = (...t: NodeSelectorTerm[]): Partial<PodSpec> => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t } } } });

  it.each<[string, Partial<PodSpec>, boolean]>([
    ['no selector, no affinity', {}, true],
    ['nodeSelector pair present', { nodeSelector: { zone: 'a' } }, true],
    ['nodeSelector pair with another value', { nodeSelector: { zone: 'b' } }, false],
    ['terms ORed: the second matches', terms(expr('zone', 'In', ['b']), expr('gen', 'In', ['v2'])), true],
    ['terms ORed: none matches', terms(expr('zone', 'In', ['b']), expr('gen', 'In', ['v1'])), false],
    ['an empty term list matches nothing', terms(), false],
    ['nodeSelector and terms both needed', { nodeSelector: { zone: 'b' }, ...terms(expr('gen', 'In', ['v2'])) }, false],
  ])('%s', (_name, extra, expected) => {
    expect(podFitsNodeAffinity(spec(extra), node)).toBe(expected);
  });
});

describe('node affinity validation on create (ValidateNodeSelector*)', () => {
  const store = (): ApiStore => new ApiStore(new Simulation(1), { freeze: true });
  const required = (...terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
  const field = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no terms', required(), [`${field}: Required value: must have at least one node selector term`]],
    ['In without values', required({ matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] }), [`${field}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`]],
    ['Exists with values', required({ matchExpressions: [{ key: 'zone', operator: 'Exists', values: ['a'] }] }), [`${field}[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`]],
    ['Gt with two values', required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1', '2'] }] }), [`${field}[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`]],
    ['an unknown operator', required({ matchExpressions: [{ key: 'zone', operator: 'Equals', values: ['a'] }] }), [`${field}[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator`]],
    ['matchFields In with two names', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }), [`${field}[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`]],
    ['matchFields on another field', required({ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['x'] }] }), [`${field}[0].matchFields[0].key: Invalid value: "metadata.uid": not a valid field selector key`]],
    ['matchFields with Exists', required({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }), [`${field}[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`]],
    ['a preferred term of weight 0', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } } },
      ['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100']],
  ])('refuses %s', (_name, spec, expected) => {
    const result = store().create(podInput('p', spec));
    if (result.ok) throw new Error('expected the API server to refuse the pod');
    expect(result.error.causes.map((c) => `${c.field}: ${c.message}`)).toEqual(expected);
  });

  it('accepts well-formed terms', () => {
    const result = store().create(podInput('p', required(
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'cores', operator: 'Gt', values: ['8'] }, { key: 'gpu', operator: 'DoesNotExist' }] },
      { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['worker-1'] }] },
    )));
    expect(result.ok).toBe(true);
  });
});
