/**
 * The FGD plugin's cached scoring (scores worked out once per node state and
 * pod shape, the best milli-left values kept per state; policies/fgd.ts)
 * against FGD scored the plain way on every node (test/scheduler/reference/
 * fgd.ts): on random GPU clusters filled pod by pod, each pod's scores on
 * every node, through scoreAll and score, and the device Reserve would get
 * on every node (also once the pod is assumed on the node), are the
 * reference's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { deviceChoice } from '../../src/scheduler/gpushare/device-choice.js';
import type { TypicalPod } from '../../src/scheduler/gpushare/fragmentation.js';
import { fgd } from '../../src/scheduler/gpushare/policies/fgd.js';
import { podShape } from '../../src/scheduler/gpushare/policies/node-score.js';
import { cluster } from '../scheduler/helpers.js';
import { placePod } from '../scheduler/reference/equivalence.js';
import { referenceFgd } from '../scheduler/reference/fgd.js';
import { gpuNode, gpuPod } from './helpers.js';

// Milli values that make devices tie and differ: halves, quarters and odd amounts.
const milli = fc.constantFrom(100, 250, 300, 500, 700, 750);
const podArb = fc.oneof(
  fc.record({ milli, cpu: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ whole: fc.integer({ min: 1, max: 4 }), cpu: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ cpu: fc.integer({ min: 1, max: 8 }) }),
);
// A typical mix of CPU-only and GPU shapes; a CPU-only one counts every idle milli, which makes devices tie.
const typicalArb = fc.array(fc.record({ cpuMilli: fc.constantFrom(0, 1000, 4000), gpuMilli: fc.constantFrom(250, 500, 1000), gpuCount: fc.constantFrom(0, 1, 2) }), { minLength: 1, maxLength: 4 })
  .map((shapes) => shapes.map((s): TypicalPod => ({ ...s, gpuMilli: s.gpuCount === 0 ? 0 : s.gpuMilli, frequency: 1 / shapes.length })));

describe('FGD cached scores against the plain reference', () => {
  it('scores and device choices on every node, pod after pod', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gpus: fc.integer({ min: 1, max: 8 }), cores: fc.integer({ min: 8, max: 32 }) }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.record({ pod: podArb, target: fc.nat() }), { minLength: 1, maxLength: 25 }),
        typicalArb,
        (nodeShapes, pods, typical) => {
          const { nodes, handle } = cluster(nodeShapes.map((s, i) => [gpuNode(`n${i}`, s.gpus, String(s.cores)), []] as const));
          const plugin = fgd({ typicalPods: typical }, handle);
          pods.forEach(({ pod: ask, target }, i) => {
            const pod = gpuPod(`p${i}`, { ...ask, cpu: String(ask.cpu) });
            const shape = podShape(pod);
            const expected = nodes.map((n) => referenceFgd(Array.from(n.gpu?.milliLeft ?? []), n.freeCpuMilli, shape, typical));
            // The one-node form, in a cycle of its own, on the node and on a copy of it.
            const single = new CycleState();
            nodes.forEach((n: NodeInfo, k) => {
              expect(plugin.score(single, pod, n)).toBe(expected[k]?.score);
              expect(plugin.score(new CycleState(), pod, n.clone())).toBe(expected[k]?.score);
            });
            // The batch form, as the scheduler runs it; no other cycle runs until Reserve.
            const state = new CycleState();
            const batch = new Float64Array(nodes.length);
            plugin.scoreAll?.(state, pod, nodes, nodes.length, batch);
            expect(Array.from(batch)).toEqual(expected.map((e) => e.score));
            const shared = shape.gpuCount === 1 && shape.gpuMilli < 1000;
            nodes.forEach((n, k) => {
              if (shared && (expected[k]?.devices.length ?? 0) > 0) expect(deviceChoice(state, n.name)).toEqual(expected[k]?.devices);
            });
            // Reserve asks after the pod was assumed on the chosen node (holding its default best-fit device): still the device it scored best with.
            placePod(nodes, handle, pod, target);
            const chosen = target % nodes.length;
            if (shared && (expected[chosen]?.devices.length ?? 0) > 0) expect(deviceChoice(state, `n${chosen}`)).toEqual(expected[chosen]?.devices);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
