/**
 * NodeResourcesFit's fast paths (free-room arrays, the hasRoom check, the
 * shortfall-keyed statuses, the per-request WeakMap, the per-node score memo,
 * filterAll and scoreAll) give the verdicts and scores of the plain,
 * upstream-shaped version in test/scheduler/reference/node-resources-fit.ts,
 * over random clusters and a sequence of pods placed one after the other
 * (so the caches see nodes change between cycles and requests repeat).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import { podInfoOf } from '../../src/scheduler/framework/pod-info.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { nodeResourcesFit } from '../../src/scheduler/plugins/noderesources/fit.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';
import * as reference from './reference/node-resources-fit.js';

const GPU = 'nvidia.com/gpu';

/**
 * Requests: each resource absent (undefined) or an amount; cpu in
 * millicores, memory and storage in MiB. Coarse steps, so that a request
 * often equals what is left on a node exactly (the boundary of every check).
 */
const step = (unit: number, max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max }).map((k) => k * unit);
const requests = fc.record({
  cpu: fc.option(step(500, 6), { nil: undefined }),
  memory: fc.option(step(512, 6), { nil: undefined }),
  storage: fc.option(step(256, 3), { nil: undefined }),
  gpu: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});
type Requests = typeof requests extends fc.Arbitrary<infer T> ? T : never;

function requestList(r: Requests): Record<string, string> {
  return {
    ...(r.cpu === undefined ? {} : { cpu: `${r.cpu}m` }),
    ...(r.memory === undefined ? {} : { memory: `${r.memory}Mi` }),
    ...(r.storage === undefined || r.storage === 0 ? {} : { 'ephemeral-storage': `${r.storage}Mi` }),
    ...(r.gpu === undefined ? {} : { [GPU]: String(r.gpu) }),
  };
}

function podWith(name: string, r: Requests): Pod {
  const list = requestList(r);
  return makePod(name, { spec: { containers: [{ name: 'c', image: 'app:1', ...(Object.keys(list).length === 0 ? {} : { resources: { requests: list } }) }] } });
}

const node = fc.record({
  cpu: step(500, 12),
  memory: step(512, 12),
  storage: step(256, 4),
  gpu: fc.integer({ min: 0, max: 4 }),
  pods: fc.integer({ min: 0, max: 5 }),
  running: fc.array(requests, { maxLength: 3 }),
});

const scenario = fc.record({
  nodes: fc.array(node, { minLength: 1, maxLength: 6 }),
  incoming: fc.array(requests, { minLength: 1, maxLength: 4 }),
  // Which incoming pods are sent twice (the same object: the caches' identity keys hit).
  repeat: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  placeOn: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  strategy: fc.constantFrom('LeastAllocated' as const, 'MostAllocated' as const),
  resources: fc.constantFrom(
    [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }],
    [{ name: 'cpu', weight: 2 }, { name: 'memory', weight: 1 }, { name: GPU, weight: 3 }, { name: 'ephemeral-storage', weight: 1 }],
  ),
  ignoreGpu: fc.boolean(),
});

function verdict(status: Status | undefined): string {
  return status === undefined || status.code === 'Success' ? 'Success' : `${status.code}: ${status.reasons.join(', ')}`;
}

describe('NodeResourcesFit equals the plain fitsRequest and scorers', () => {
  it('Filter, filterAll, Score and scoreAll, pod after pod', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { nodes } = cluster(s.nodes.map((n, i) => [
        makeNode(`n${i}`, { cpu: `${n.cpu}m`, memory: `${n.memory}Mi`, pods: n.pods, extra: { 'ephemeral-storage': `${n.storage}Mi`, [GPU]: String(n.gpu) } }),
        n.running.map((r, k) => podWith(`run-${i}-${k}`, r)),
      ] as const));
      const ignored = new Set(s.ignoreGpu ? [GPU] : []);
      const plugin = nodeResourcesFit({ ignoredResources: [...ignored], scoringStrategy: { type: s.strategy, resources: s.resources } });
      const pods = s.incoming.flatMap((r, i) => {
        const pod = podWith(`p${i}`, r);
        return s.repeat[i] === true ? [pod, pod] : [pod];
      });
      pods.forEach((pod, i) => {
        const { actual, nonZero } = podInfoOf(pod).requests;
        const expectedVerdicts = nodes.map((n) => verdict(reference.filter(actual, n, ignored, new Set())));
        const expectedScores = nodes.map((n) => reference.score(s.strategy, s.resources, nonZero, n));

        const state = newState();
        plugin.preFilter(state, pod, nodes);
        expect(nodes.map((n) => verdict(plugin.filter(state, pod, n)))).toEqual(expectedVerdicts);
        const statuses: Array<Status | undefined> = nodes.map(() => undefined);
        plugin.filterAll?.(state, pod, nodes, nodes.length, statuses);
        expect(statuses.map(verdict)).toEqual(expectedVerdicts);

        expect(nodes.map((n) => plugin.score(state, pod, n))).toEqual(expectedScores);
        const out = new Float64Array(nodes.length);
        plugin.scoreAll?.(state, pod, nodes, nodes.length, out);
        expect([...out]).toEqual(expectedScores);

        // Place the pod (ignoring fit: the node's ledgers change either way) so the next cycle sees new generations.
        const target = nodes[(s.placeOn[i % 4] ?? 0) % nodes.length] as NodeInfo;
        target.addPod({ ...pod, metadata: { ...pod.metadata, name: `${pod.metadata.name}-${i}` }, spec: { ...pod.spec, nodeName: target.name } });
      });
    }), { numRuns: 300 });
  });
});
