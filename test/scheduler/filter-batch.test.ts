/**
 * NodeUnschedulable and TaintToleration filter a sample of nodes in one call
 * (filterAll), and skip the sample when the cache counts no cordoned node or
 * no NoSchedule/NoExecute taint. Either way the verdicts must be those of
 * the node-by-node filter.
 */
import { describe, expect, it } from 'vitest';
import type { FilterPlugin } from '../../src/scheduler/framework/interfaces.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { nodeUnschedulable } from '../../src/scheduler/plugins/node-unschedulable.js';
import { taintToleration } from '../../src/scheduler/plugins/taint-toleration.js';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';

function verdicts(build: (handle: ReturnType<typeof cluster>['handle']) => FilterPlugin, nodeList: Node[], pod: Pod): { one: Array<string | undefined>; batch: Array<string | undefined> } {
  const { nodes, handle } = cluster(nodeList.map((n) => [n, []] as const));
  const plugin = build(handle);
  const reason = (s: Status | undefined) => (s === undefined || s.code === 'Success' ? undefined : `${s.code}: ${s.reasons.join(', ')}`);
  const one = nodes.map((n) => reason(plugin.filter(newState(), pod, n)));
  const statuses: Array<Status | undefined> = nodes.map(() => undefined);
  plugin.filterAll?.(newState(), pod, nodes, nodes.length, statuses);
  return { one, batch: statuses.map(reason) };
}

const REJECTED_CORDONED = 'UnschedulableAndUnresolvable: node(s) were unschedulable';

describe('NodeUnschedulable filterAll', () => {
  it.each([
    ['no node cordoned', [makeNode('a'), makeNode('b')], makePod('p'), [undefined, undefined]],
    ['one cordoned', [makeNode('a'), makeNode('b', { unschedulable: true })], makePod('p'), [undefined, REJECTED_CORDONED]],
    ['cordoned, tolerated', [makeNode('a', { unschedulable: true })], makePod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), [undefined]],
  ])('%s', (_name, nodeList, pod, expected) => {
    const { one, batch } = verdicts((h) => nodeUnschedulable(h), nodeList, pod);
    expect(one).toEqual(expected);
    expect(batch).toEqual(one);
  });
});

describe('TaintToleration filterAll', () => {
  const hard = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };
  const evict = { key: 'broken', value: 'x', effect: 'NoExecute' as const };
  const soft = { key: 'spare', value: 'x', effect: 'PreferNoSchedule' as const };
  it.each([
    ['no taints', [makeNode('a'), makeNode('b')], makePod('p'), [undefined, undefined]],
    ['only PreferNoSchedule, which never rejects', [makeNode('a', { taints: [soft] })], makePod('p'), [undefined]],
    ['NoSchedule', [makeNode('a'), makeNode('b', { taints: [hard] })], makePod('p'), [undefined, 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}']],
    ['NoExecute', [makeNode('a', { taints: [evict] }), makeNode('b')], makePod('p'), ['UnschedulableAndUnresolvable: node(s) had untolerated taint {broken: x}', undefined]],
    ['NoSchedule, tolerated', [makeNode('a', { taints: [hard] })], makePod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), [undefined]],
  ])('%s', (_name, nodeList, pod, expected) => {
    const { one, batch } = verdicts((h) => taintToleration(h), nodeList, pod);
    expect(one).toEqual(expected);
    expect(batch).toEqual(one);
  });
});
