/**
 * The node a profile scoring with Random alone takes without scoring
 * (Framework.soleScored, ScorePlugin.soleScored) against the plain way:
 * runScore over the nodes PreScore drew from, then either tie-break. On
 * random GPU clusters and feasible lists, whatever Random's weight, the
 * node is the plain one, and the random tie-break draws nothing (the drawn
 * node is the single highest total). With a second score plugin running
 * the framework does not take the shortcut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams, type Rng } from '../../src/engine/random.js';
import { Framework } from '../../src/scheduler/framework/framework.js';
import { CycleState, type FrameworkHandle } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { selectHost, selectHostByNodeName } from '../../src/scheduler/node-search.js';
import { DEFAULT_MULTI_POINT } from '../../src/scheduler/plugins/default-profile.js';
import { inTreeRegistry } from '../../src/scheduler/plugins/registry.js';
import { gpuNode, gpuPod } from '../gpushare/helpers.js';
import { cluster } from './helpers.js';

const NO_DRAW: Rng = {
  next: () => {
    throw new Error('the tie-break drew: the top total was not alone');
  },
};

function framework(handle: FrameworkHandle, score: Array<{ name: string; weight: number }>): Framework {
  return new Framework({
    schedulerName: 's',
    multiPoint: [...DEFAULT_MULTI_POINT.filter((p) => p.name !== 'DefaultPreemption'), { name: 'GpuShare' }],
    points: { preScore: { enabled: [{ name: 'Random' }], disabled: [{ name: '*' }] }, score: { enabled: score, disabled: [{ name: '*' }] } },
  }, inTreeRegistry(), handle);
}

describe('Random scoring alone', () => {
  it('takes the drawn node, the one runScore and either tie-break pick', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 12 }),
      fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 1, max: 1000 }),
      (count, kept, weight, seed) => {
        const { nodes, handle } = cluster(Array.from({ length: count }, (_, i) => [gpuNode(`n${(i * 5) % count}-${i}`, 1 + (i % 4)), []] as const));
        const streams = new RandomStreams(seed);
        (handle as { rng: (name: string) => Rng }).rng = (name) => streams.stream(name);
        const ranks = new Int32Array(count);
        [...nodes].sort((a, b) => (a.name < b.name ? -1 : 1)).forEach((n, rank) => (ranks[n.id] = rank));
        // At least two nodes to score, as the attempt scores only then.
        const feasible = nodes.filter((_, i) => kept[i] === true || i < 2);
        const fw = framework(handle, [{ name: 'Random', weight }]);
        const pod = gpuPod('p', { milli: 500 });
        const state = new CycleState();
        expect(fw.runPreScore(state, pod, feasible).code).toBe('Success');
        const sole = fw.soleScored(state, pod) as NodeInfo;
        expect(feasible).toContain(sole);

        const totals = new Float64Array(feasible.length);
        expect(fw.runScore(state, pod, feasible, totals).code).toBe('Success');
        expect(feasible[selectHostByNodeName(totals, feasible, ranks)]).toBe(sole);
        expect(feasible[selectHost(totals, feasible.length, NO_DRAW)]).toBe(sole);
      },
    ), { numRuns: 300 });
  });

  it('is not taken when another score plugin runs', () => {
    const { nodes, handle } = cluster([[gpuNode('a', 2), []], [gpuNode('b', 4), []]]);
    (handle as { rng: (name: string) => Rng }).rng = (name) => new RandomStreams(1).stream(name);
    const fw = framework(handle, [{ name: 'Random', weight: 1 }, { name: 'DotProduct', weight: 1 }]);
    const pod = gpuPod('p', { milli: 500 });
    const state = new CycleState();
    fw.runPreScore(state, pod, nodes);
    expect(fw.soleScored(state, pod)).toBeUndefined();
    const drawn = framework(handle, [{ name: 'Random', weight: 1 }]).soleScored(state, pod);
    expect(nodes).toContain(drawn);
    // A copy of the cycle state (preemption's dry runs) shares the drawn node, not a clone of it.
    expect(framework(handle, [{ name: 'Random', weight: 1 }]).soleScored(state.clone(), pod)).toBe(drawn);
  });
});
