/**
 * NodeResourcesFit decides most nodes without building failure reasons and
 * shares one status per shortfall; both must agree with fitsRequest
 * (k/k pkg/scheduler/framework/plugins/noderesources/fit.go) for every mix of cpu,
 * memory, ephemeral storage, extended resources, pod count and
 * ignoredResources / ignoredResourceGroups.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podRequests } from '../../src/api/resources.js';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { SUCCESS, type Status } from '../../src/scheduler/framework/status.js';
import { insufficientResources, nodeResourcesFit } from '../../src/scheduler/plugins/noderesources/fit.js';
import { cluster } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';

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

/**
 * fitsRequest written out on the generated numbers: a resource the pod asks
 * for (amount > 0, not ignored) is short when wanted > allocatable - requested,
 * and the node is unresolvable for the pod when wanted > allocatable.
 */
function oracle(capacity: Amounts, used: Amounts, wanted: Amounts, podLimit: number, ignored: readonly string[], ignoredGroups: readonly string[]): { reasons: string[]; unresolvable: boolean } {
  const reasons: string[] = [];
  let unresolvable = false;
  // One pod is running on the node already.
  if (1 + 1 > podLimit) reasons.push('Too many pods');
  const check = (name: string, want: number, allocatable: number, requested: number): void => {
    if (want <= 0) return;
    if (want > allocatable - requested) {
      reasons.push(`Insufficient ${name}`);
      if (want > allocatable) unresolvable = true;
    }
  };
  check('cpu', wanted.cpuMilli, capacity.cpuMilli, used.cpuMilli);
  check('memory', wanted.memoryMi, capacity.memoryMi, used.memoryMi);
  check('ephemeral-storage', wanted.storageMi, capacity.storageMi, used.storageMi);
  EXTENDED.forEach((name, i) => {
    if (ignored.includes(name) || ignoredGroups.includes(name.split('/')[0] as string)) return;
    check(name, wanted.extended[i] as number, capacity.extended[i] as number, used.extended[i] as number);
  });
  return { reasons, unresolvable };
}

describe('NodeResourcesFit filter', () => {
  it('finds exactly the short resources fitsRequest finds, and the unresolvable code', () => {
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
        const expected = oracle(capacity, used, wanted, podLimit, ignoredResources, ignoredResourceGroups);
        const only = nodes[0] as NodeInfo;
        const single = plugin.filter(state, pod, only);
        const batch: Array<Status | undefined> = [undefined];
        plugin.filterAll?.(state, pod, nodes, 1, batch);
        expect(insufficientResources(podRequests(pod.spec).actual, only, new Set(ignoredResources), new Set(ignoredResourceGroups))).toEqual(expected.reasons);
        if (expected.reasons.length === 0) {
          expect(single).toBe(SUCCESS);
          expect(batch[0]).toBeUndefined();
          return;
        }
        const code = expected.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
        for (const status of [single, batch[0]]) {
          expect(status?.code).toBe(code);
          expect(status?.reasons).toEqual(expected.reasons);
        }
      },
    ), { numRuns: 500 });
  });
});
