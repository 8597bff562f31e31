/**
 * NodeResourcesFit decides most nodes without building failure reasons;
 * that verdict must equal the one the reasons give (fitsRequest in
 * noderesources/fit.go), for every mix of cpu, memory, ephemeral storage,
 * extended resources and ignoredResources / ignoredResourceGroups.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podRequests } from '../../src/api/resources.js';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import { SUCCESS, type Status } from '../../src/scheduler/framework/status.js';
import { insufficientResources, nodeResourcesFit } from '../../src/scheduler/plugins/noderesources/fit.js';
import { cluster, makeNode, makePod } from './helpers.js';

const EXTENDED = ['nvidia.com/gpu', 'example.com/fpga', 'alibaba.com/gpu-milli'] as const;

interface Amounts {
  readonly cpuMilli: number;
  readonly memoryMi: number;
  readonly storageMi: number;
  readonly extended: readonly number[];
}

const amounts: fc.Arbitrary<Amounts> = fc.record({
  cpuMilli: fc.integer({ min: 0, max: 4000 }),
  memoryMi: fc.integer({ min: 0, max: 4096 }),
  storageMi: fc.integer({ min: 0, max: 2048 }),
  extended: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: EXTENDED.length, maxLength: EXTENDED.length }),
});

function list(a: Amounts): Record<string, string> {
  const out: Record<string, string> = {};
  if (a.cpuMilli > 0) out.cpu = `${a.cpuMilli}m`;
  if (a.memoryMi > 0) out.memory = `${a.memoryMi}Mi`;
  if (a.storageMi > 0) out['ephemeral-storage'] = `${a.storageMi}Mi`;
  a.extended.forEach((n, i) => {
    if (n > 0) out[EXTENDED[i] as string] = String(n);
  });
  return out;
}

describe('NodeResourcesFit filter verdict', () => {
  it('is SUCCESS exactly when insufficientResources finds nothing', () => {
    fc.assert(fc.property(
      amounts, amounts, amounts,
      fc.integer({ min: 1, max: 3 }),
      fc.subarray(['nvidia.com/gpu']),
      fc.subarray(['example.com', 'alibaba.com']),
      (capacity, used, wanted, podLimit, ignoredResources, ignoredResourceGroups) => {
        const { memory, cpu, ...extra } = list(capacity);
        const node = makeNode('n', { cpu: cpu ?? '0', memory: memory ?? '0', pods: podLimit, extra });
        const { nodes } = cluster([[node, [makePod('running', { spec: { containers: [{ name: 'c', image: 'app:1', resources: { requests: list(used) } }] } })]]]);
        const pod = makePod('p', { spec: { containers: [{ name: 'c', image: 'app:1', resources: { requests: list(wanted) } }] } });
        const plugin = nodeResourcesFit({ ignoredResources, ignoredResourceGroups });
        const state = new CycleState();
        plugin.preFilter(state, pod, nodes);
        const expected = insufficientResources(podRequests(pod.spec).actual, nodes[0]!, new Set(ignoredResources), new Set(ignoredResourceGroups));
        const single = plugin.filter(state, pod, nodes[0]!);
        const batch: Array<Status | undefined> = [undefined];
        plugin.filterAll?.(state, pod, nodes, 1, batch);
        expect(single === SUCCESS).toBe(expected.length === 0);
        expect(batch[0] === undefined).toBe(expected.length === 0);
        if (expected.length > 0) expect(batch[0]?.reasons).toEqual(expected.map((e) => e.reason));
      },
    ), { numRuns: 400 });
  });
});
