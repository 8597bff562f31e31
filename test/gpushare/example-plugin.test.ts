import { describe, expect, it } from 'vitest';
import { loadUserPlugins } from '../../src/scheduler/config/user-plugins.js';
import { CycleState, type ScorePlugin } from '../../src/scheduler/framework/interfaces.js';
import { cluster } from '../scheduler/helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';

const EXAMPLE = new URL('../../examples/plugins/gpu-packing.ts', import.meta.url).pathname;

describe('examples/plugins/gpu-packing.ts reads quantities with kubesim\'s parser', () => {
  it('a request written "1k" is 1,000, not NaN', () => {
    // Node: 2k (2,000) of the resource, none used; pod asks 1k → ⌊(0 + 1,000)·100 / 2,000⌋ = 50.
    // The old Number("1k") gave NaN, so every node scored NaN.
    const { nodes, handle } = cluster([[makeNode('n', { extra: { 'example.com/accel': '2k' } }), []]]);
    const factory = loadUserPlugins(EXAMPLE).get('PackGPUs');
    const plugin = factory?.({ resource: 'example.com/accel' }, handle) as ScorePlugin;
    const pod = makePod('p', { extra: { 'example.com/accel': '1k' } });
    expect(plugin.score(new CycleState(), pod, nodes[0] as NonNullable<(typeof nodes)[0]>)).toBe(50);
  });
});
