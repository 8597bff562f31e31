/**
 * GpuShare's batch filter (filterAll) against its node-by-node filter: on
 * random GPU nodes partly taken by shared and whole-GPU pods, for shared,
 * whole, CPU-only and invalid requests, the batch leaves a node another
 * filter rejected as it was and gives every other node the very status
 * filter() gives (the same status objects, which the FitError message
 * counts by).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { unschedulable } from '../../src/scheduler/framework/status.js';
import { gpuShare } from '../../src/scheduler/gpushare/gpu-share.js';
import { makePod } from '../helpers/builders.js';
import { cluster } from '../scheduler/helpers.js';
import { gpuNode, gpuPod } from './helpers.js';

const OTHER = unschedulable('Other', 'rejected before');

const askArb = fc.oneof(
  fc.record({ milli: fc.constantFrom(100, 300, 500, 900) }),
  fc.record({ whole: fc.integer({ min: 1, max: 5 }) }),
);

describe('GpuShare filterAll', () => {
  it('gives the node-by-node verdicts, skipping nodes already rejected', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ gpus: fc.integer({ min: 0, max: 4 }), taken: fc.array(askArb, { maxLength: 4 }), before: fc.boolean() }), { minLength: 1, maxLength: 8 }),
      fc.oneof(askArb.map((ask) => gpuPod('p', ask)), fc.constant(makePod('cpu-only', { cpu: '1' })), fc.constant(gpuPod('invalid', { milli: 1500 }))),
      (shapes, pod) => {
        const { nodes, handle } = cluster(shapes.map((s, i) => [gpuNode(`n${i}`, s.gpus), s.taken.map((ask, k) => gpuPod(`t${i}-${k}`, ask))] as const));
        const plugin = gpuShare(handle);
        const statuses: Array<Status | undefined> = shapes.map((s) => (s.before ? OTHER : undefined));
        const filterAll = plugin.filterAll;
        expect(filterAll).toBeDefined();
        filterAll?.(new CycleState(), pod, nodes, nodes.length, statuses);
        nodes.forEach((node, i) => {
          const one = plugin.filter(new CycleState(), pod, node);
          if (shapes[i]?.before === true) expect(statuses[i]).toBe(OTHER);
          else if (one.code === 'Success') expect(statuses[i]).toBeUndefined();
          else if (one.reasons[0]?.includes('milli') === true) expect(statuses[i]).toEqual(one);
          else expect(statuses[i]).toBe(one);
        });
      },
    ), { numRuns: 300 });
  });
});
