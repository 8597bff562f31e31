/**
 * GpuPacking and GpuClustering keep what they read of a node (devices by
 * milli left; the GPU kinds of its pods and its idle milli) per node
 * generation (policies/node-score.ts perNodeState). On random GPU clusters
 * filled pod by pod, and on copies of the nodes, their scores through
 * scoreAll and score are those worked out from the node afresh
 * (test/scheduler/reference/gpu-policies.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CycleState, type ScorePlugin } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import type { GpuShape } from '../../src/scheduler/gpushare/gpu-shape.js';
import { gpuClustering } from '../../src/scheduler/gpushare/policies/gpu-clustering.js';
import { gpuPacking } from '../../src/scheduler/gpushare/policies/gpu-packing.js';
import { podShape } from '../../src/scheduler/gpushare/policies/node-score.js';
import { cluster } from '../scheduler/helpers.js';
import { placePod } from '../scheduler/reference/equivalence.js';
import { referenceGpuClustering, referenceGpuPacking } from '../scheduler/reference/gpu-policies.js';
import { gpuNode, gpuPod } from './helpers.js';

const podArb = fc.oneof(
  fc.record({ milli: fc.constantFrom(100, 250, 500, 700) }),
  fc.record({ whole: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({}),
);

const policies: ReadonlyArray<[string, () => ScorePlugin, (shape: GpuShape, node: NodeInfo) => number]> = [
  ['GpuPacking', gpuPacking, referenceGpuPacking],
  ['GpuClustering', gpuClustering, referenceGpuClustering],
];

describe.each(policies)('%s scores kept per node generation', (_name, make, reference) => {
  it('equal the plain scores on every node, pod after pod, and on copies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.record({ pod: podArb, target: fc.nat() }), { minLength: 1, maxLength: 25 }),
        (gpus, pods) => {
          const { nodes, handle } = cluster(gpus.map((g, i) => [gpuNode(`n${i}`, g), []] as const));
          const plugin = make();
          pods.forEach(({ pod: ask, target }, i) => {
            const pod = gpuPod(`p${i}`, ask);
            const shape = podShape(pod);
            const expected = nodes.map((n) => reference(shape, n));
            const batch = new Float64Array(nodes.length);
            plugin.scoreAll?.(new CycleState(), pod, nodes, nodes.length, batch);
            expect(Array.from(batch)).toEqual(expected);
            expect(nodes.map((n) => plugin.score(new CycleState(), pod, n))).toEqual(expected);
            // A copy with one pod fewer (as preemption's dry runs make) scores as the reference says, and the live node after it.
            const copy = (nodes[target % nodes.length] as NodeInfo).clone();
            const first = copy.pods.keys().next();
            if (first.done !== true) copy.removePod(first.value);
            expect(plugin.score(new CycleState(), pod, copy)).toBe(reference(shape, copy));
            expect(plugin.score(new CycleState(), pod, nodes[target % nodes.length] as NodeInfo)).toBe(expected[target % nodes.length]);
            placePod(nodes, handle, pod, target);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
