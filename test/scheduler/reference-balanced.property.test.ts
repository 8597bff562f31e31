/**
 * NodeResourcesBalancedAllocation's fast paths (the cpu + memory formula on
 * NodeInfo's own cpu and memory fields, the per-node memo of scores and of
 * each node's own balance) give the scores of the plain form in
 * test/scheduler/reference/balanced-allocation.ts, over random clusters, a
 * sequence of pods placed one after the other (the memo sees nodes change
 * and requests repeat) and copies of nodes with a pod taken off (as
 * preemption makes them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import { podInfoOf } from '../../src/scheduler/framework/pod-info.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { balancedAllocation } from '../../src/scheduler/plugins/noderesources/balanced-allocation.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';
import * as reference from './reference/balanced-allocation.js';

const GPU = 'nvidia.com/gpu';

/** Coarse steps, so that fractions often tie, reach 1 or exceed it. cpu in millicores, memory in MiB; 0 allocatable is allowed (the resource is left out). */
const step = (unit: number, max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max }).map((k) => k * unit);
const requests = fc.record({
  cpu: fc.option(step(250, 8), { nil: undefined }),
  memory: fc.option(step(256, 8), { nil: undefined }),
  gpu: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
});
type Requests = typeof requests extends fc.Arbitrary<infer T> ? T : never;

function podWith(name: string, r: Requests): Pod {
  const list: Record<string, string> = {
    ...(r.cpu === undefined ? {} : { cpu: `${r.cpu}m` }),
    ...(r.memory === undefined ? {} : { memory: `${r.memory}Mi` }),
    ...(r.gpu === undefined ? {} : { [GPU]: String(r.gpu) }),
  };
  return makePod(name, { spec: { containers: [{ name: 'c', image: 'app:1', ...(Object.keys(list).length === 0 ? {} : { resources: { requests: list } }) }] } });
}

const node = fc.record({
  cpu: step(500, 8),
  memory: step(512, 8),
  gpu: fc.integer({ min: 0, max: 4 }),
  running: fc.array(requests, { maxLength: 3 }),
});

const scenario = fc.record({
  nodes: fc.array(node, { minLength: 1, maxLength: 6 }),
  incoming: fc.array(requests, { minLength: 1, maxLength: 4 }),
  repeat: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  placeOn: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  resources: fc.constantFrom(['cpu', 'memory'], ['memory', 'cpu'], ['cpu', 'memory', GPU]),
});

describe('NodeResourcesBalancedAllocation equals the plain balanced_allocation.go', () => {
  it('Score and scoreAll, pod after pod, and on node copies', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { nodes } = cluster(s.nodes.map((n, i) => [
        makeNode(`n${i}`, { cpu: `${n.cpu}m`, memory: `${n.memory}Mi`, extra: { [GPU]: String(n.gpu) } }),
        n.running.map((r, k) => podWith(`run-${i}-${k}`, r)),
      ] as const));
      const plugin = balancedAllocation({ resources: s.resources.map((name) => ({ name, weight: 1 })) });
      const pods = s.incoming.flatMap((r, i) => {
        const pod = podWith(`p${i}`, r);
        return s.repeat[i] === true ? [pod, pod] : [pod];
      });
      pods.forEach((pod, i) => {
        const request = podInfoOf(pod).requests.actual;
        // A copy of the first node with its first pod gone: NodeInfo's cpu and memory fields must follow the copy.
        const first = nodes[0] as NodeInfo;
        const copy = first.clone();
        const gone = [...copy.pods.keys()][0];
        if (gone !== undefined) copy.removePod(gone);
        const scored = [...nodes, copy];
        const expected = scored.map((n) => reference.balancedAllocationScore(s.resources, request, n));
        expect(scored.map((n) => plugin.score(newState(), pod, n))).toEqual(expected);
        const out = new Float64Array(scored.length);
        plugin.scoreAll?.(newState(), pod, scored, scored.length, out);
        expect([...out]).toEqual(expected);
        const target = nodes[(s.placeOn[i % 4] ?? 0) % nodes.length] as NodeInfo;
        target.addPod({ ...pod, metadata: { ...pod.metadata, name: `${pod.metadata.name}-${i}` }, spec: { ...pod.spec, nodeName: target.name } });
      });
    }), { numRuns: 300 });
  });
});
