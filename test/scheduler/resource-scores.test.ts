/**
 * Table tests for NodeResourcesFit's scoring strategies and
 * NodeResourcesBalancedAllocation (k/k pkg/scheduler/framework/plugins/
 * noderesources least_allocated.go, most_allocated.go,
 * requested_to_capacity_ratio.go, balanced_allocation.go), with the
 * arithmetic in comments. Nodes are 4 cpu / 16Gi unless said otherwise.
 */
import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../../src/scheduler/framework/pod-info.js';
import { balancedAllocation, balancedAllocationScore, balanceScore } from '../../src/scheduler/plugins/noderesources/balanced-allocation.js';
import { nodeResourcesFit } from '../../src/scheduler/plugins/noderesources/fit.js';
import { brokenLinear, leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer } from '../../src/scheduler/plugins/noderesources/scorers.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';

const CPU_MEM = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

function nodeWith(existing: Parameters<typeof makePod>[1][] = [], options: Parameters<typeof makeNode>[1] = {}) {
  const { nodes } = cluster([[makeNode('n', options), existing.map((o, i) => makePod(`e${i}`, o))]]);
  return nodes[0] as (typeof nodes)[number];
}

describe('LeastAllocated', () => {
  const score = leastAllocatedScorer(CPU_MEM);
  it.each([
    // cpu (4000−1000)·100/4000 = 75; memory (16−4)·100/16 = 75; (75+75)/2 = 75
    ['1 cpu / 4Gi on an empty node', [], { cpu: '1', memory: '4Gi' }, 75],
    // Q cpu = 2000+1000 → 1000·100/4000 = 25; Q mem = 8+4 Gi → 4·100/16 = 25
    ['next to 2 cpu / 8Gi', [{ cpu: '2', memory: '8Gi' }], { cpu: '1', memory: '4Gi' }, 25],
    // no requests → 100m and 200Mi: cpu 3900·100/4000 = 97 (97.5); memory (16Gi−200Mi)·100/16Gi = 98 (98.78); (97+98)/2 = 97
    ['a request-less pod (non-zero defaults)', [], {}, 97],
    // cpu 5000 > 4000 → 0; memory 15·100/16 = 93 (93.75); (0+93)/2 = 46
    ['over-requested cpu scores 0 for cpu', [], { cpu: '5', memory: '1Gi' }, 46],
  ])('%s', (_name, existing, pod, expected) => {
    expect(score(podInfoOf(makePod('p', pod)).requests.nonZero, nodeWith(existing))).toBe(expected);
  });

  it('weights resources: cpu 3, memory 1', () => {
    // cpu 75, memory (16−12)·100/16 = 25; (75·3 + 25·1)/4 = 62 (62.5)
    const weighted = leastAllocatedScorer([{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }]);
    expect(weighted(podInfoOf(makePod('p', { cpu: '1', memory: '12Gi' })).requests.nonZero, nodeWith())).toBe(62);
  });

  it('counts an extended resource only when the pod requests it', () => {
    const withGpu = leastAllocatedScorer([...CPU_MEM, { name: 'nvidia.com/gpu', weight: 1 }]);
    const node = nodeWith([], { extra: { 'nvidia.com/gpu': '4' } });
    // cpu 75, memory 75, gpu (4−1)·100/4 = 75 → 75
    expect(withGpu(podInfoOf(makePod('g', { cpu: '1', memory: '4Gi', extra: { 'nvidia.com/gpu': '1' } })).requests.nonZero, node)).toBe(75);
    // gpu skipped: cpu (4000−2000)·100/4000 = 50, memory 75 → 62 (62.5)
    expect(withGpu(podInfoOf(makePod('c', { cpu: '2', memory: '4Gi' })).requests.nonZero, node)).toBe(62);
  });

  it('scores the same through NodeResourcesFit in batch, where the last score per node is kept, as pods come and requests change', () => {
    const plugin = nodeResourcesFit(undefined);
    const { nodes } = cluster([[makeNode('a'), []], [makeNode('b'), []]]);
    const out = new Float64Array(2);
    const check = (pod: ReturnType<typeof makePod>): void => {
      plugin.scoreAll?.(newState(), pod, nodes, 2, out);
      expect([...out]).toEqual(nodes.map((n) => score(podInfoOf(pod).requests.nonZero, n)));
    };
    // Two pods of one shape share their request vector: the second is answered from the memo.
    check(makePod('p1', { cpu: '1', memory: '4Gi' }));
    check(makePod('p2', { cpu: '1', memory: '4Gi' }));
    // a: 2 cpu / 8Gi more requested → cpu (4000−3000)·100/4000 = 25, memory (16−12)·100/16 = 25 → 25, not the 75 kept.
    const filler = makePod('filler', { cpu: '2', memory: '8Gi' });
    (nodes[0] as (typeof nodes)[number]).addPod({ ...filler, spec: { ...filler.spec, nodeName: 'a' } });
    check(makePod('p3', { cpu: '1', memory: '4Gi' }));
    expect(out[0]).toBe(25);
    check(makePod('p4', { cpu: '2', memory: '4Gi' }));
  });
});

describe('MostAllocated', () => {
  const score = mostAllocatedScorer(CPU_MEM);
  it.each([
    // cpu 1000·100/4000 = 25; memory 4·100/16 = 25
    ['1 cpu / 4Gi on an empty node', [], { cpu: '1', memory: '4Gi' }, 25],
    // cpu 3000·100/4000 = 75; memory 12·100/16 = 75
    ['next to 2 cpu / 8Gi', [{ cpu: '2', memory: '8Gi' }], { cpu: '1', memory: '4Gi' }, 75],
    // cpu min(5000, 4000)·100/4000 = 100; memory 1·100/16 = 6 (6.25); (100+6)/2 = 53
    ['over-requested cpu is capped at 100', [], { cpu: '5', memory: '1Gi' }, 53],
  ])('%s', (_name, existing, pod, expected) => {
    expect(score(podInfoOf(makePod('p', pod)).requests.nonZero, nodeWith(existing))).toBe(expected);
  });
});

describe('RequestedToCapacityRatio', () => {
  const rise = [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }];
  const fall = [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }];
  it.each([
    // util 25 on both → 0 + (100−0)·(25−0)/(100−0) = 25 each → 25
    ['rising shape, 25 % used', rise, CPU_MEM, { cpu: '1', memory: '4Gi' }, 25],
    // util 25 → 100 + (0−100)·25/100 = 75
    ['falling shape, 25 % used', fall, CPU_MEM, { cpu: '1', memory: '4Gi' }, 75],
    // explicit cpu "0": util 0 → score 0, left out; memory util 25 → 25; 25/1 = 25 (not 12)
    ['a resource scoring 0 is left out of both sums', rise, CPU_MEM, { cpu: '0', memory: '4Gi' }, 25],
    // cpu util 25 → 25, memory util 50 → 50; (25·1 + 50·2)/3 = 41.67 → rounds to 42
    ['the weighted mean is rounded', rise, [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 2 }], { cpu: '1', memory: '8Gi' }, 42],
  ])('%s', (_name, shape, resources, pod, expected) => {
    const score = requestedToCapacityRatioScorer(resources, shape);
    expect(score(podInfoOf(makePod('p', pod)).requests.nonZero, nodeWith())).toBe(expected);
  });

  it('interpolates with Go integer division, truncating toward zero on falling segments', () => {
    // points ×10: (0,100), (60,30); util 25 → 100 + trunc(−70·25/60) = 100 + trunc(−29.17) = 71 (floor would give 70)
    expect(brokenLinear([{ utilization: 0, score: 100 }, { utilization: 60, score: 30 }])(25)).toBe(71);
    // beyond the last point: its score; below the first: its score
    expect(brokenLinear([{ utilization: 10, score: 30 }, { utilization: 50, score: 70 }])(80)).toBe(70);
    expect(brokenLinear([{ utilization: 10, score: 30 }, { utilization: 50, score: 70 }])(5)).toBe(30);
  });

  it('is selected by the NodeResourcesFit args', () => {
    const plugin = nodeResourcesFit({ scoringStrategy: { type: 'RequestedToCapacityRatio', resources: CPU_MEM, requestedToCapacityRatio: { shape: fall } } });
    expect(plugin.score(newState(), makePod('p', { cpu: '1', memory: '4Gi' }), nodeWith())).toBe(75);
  });
});

describe('NodeResourcesBalancedAllocation (v1.36)', () => {
  it.each([
    // with pod: fractions 1000/4000 = 0.25 and 1/16 = 0.0625, std = |0.25−0.0625|/2 = 0.09375, s = trunc(90.625) = 90;
    // without: 0 and 0, s = 100; score = 50 + trunc((50 + 90 − 100)/2) = 70
    ['1 cpu / 1Gi on an empty node', [], { cpu: '1', memory: '1Gi' }, 70],
    // upstream's case: without = cpu 200/4000 = 0.05, mem 0 → std 0.025 → 97.5 → 97; with = 0.1, 0 → std 0.05 → 95;
    // 50 + trunc((50 + 95 − 97)/2) = 74 (a float formula would give 73)
    ['sub-scores are truncated before the difference', [{ cpu: '200m', memory: '0' }], { cpu: '200m', memory: '0' }, 74],
    // without: 0.5 and 0.5 → 100; with: 0.75 and 0.5 → std 0.125 → 87 (87.5); 50 + trunc((50+87−100)/2) = 68
    ['unbalancing a balanced node', [{ cpu: '2', memory: '8Gi' }], { cpu: '1', memory: '0' }, 68],
    // with: min(6000/4000, 1) = 1 and 0.5 → std 0.25 → 75; without: 0.5, 0.5 → 100; 50 + trunc(25/2) = 62
    ['fractions are capped at 1', [{ cpu: '2', memory: '8Gi' }], { cpu: '4', memory: '0' }, 62],
  ])('%s', (_name, existing, pod, expected) => {
    expect(balancedAllocationScore(['cpu', 'memory'], podInfoOf(makePod('p', pod)).requests.actual, nodeWith(existing))).toBe(expected);
  });

  it('uses the population standard deviation for three resources', () => {
    // fractions 0.1, 0.2, 0.3: mean 0.2, variance (0.01+0+0.01)/3, std 0.0816 → trunc(91.83) = 91
    expect(balanceScore([0.1, 0.2, 0.3])).toBe(91);
  });

  it('scores the same in batch, where each node balance of its own is cached, as the pods on a node change', () => {
    const plugin = balancedAllocation(undefined);
    const { nodes } = cluster([[makeNode('a'), []], [makeNode('b', { cpu: '8' }), [makePod('e', { cpu: '1', memory: '2Gi' })]]]);
    const pod = makePod('p', { cpu: '500m', memory: '1Gi' });
    const request = podInfoOf(pod).requests.actual;
    const out = new Float64Array(2);
    const check = (): void => {
      plugin.scoreAll?.(newState(), pod, nodes, 2, out);
      expect([...out]).toEqual(nodes.map((n) => balancedAllocationScore(['cpu', 'memory'], request, n)));
    };
    check();
    // Node a: cpu 3000/4000 = 0.75, memory 0 → its own balance drops from 100 to 62; a stale cache would keep 100.
    const a = nodes[0] as (typeof nodes)[number];
    const big = makePod('big', { cpu: '3', memory: '0' });
    a.addPod({ ...big, spec: { ...big.spec, nodeName: 'a' } });
    check();
    expect(out[0]).toBe(balancedAllocationScore(['cpu', 'memory'], request, a));
    // A copy of node b with its pod gone shares b's id: scoring it must not reuse (or spoil) b's entry.
    const b = nodes[1] as (typeof nodes)[number];
    const copy = b.clone();
    copy.removePod([...copy.pods.keys()][0] as string);
    plugin.scoreAll?.(newState(), pod, [copy, b], 2, out);
    expect([...out]).toEqual([balancedAllocationScore(['cpu', 'memory'], request, copy), balancedAllocationScore(['cpu', 'memory'], request, b)]);
    // One change later b has made as many changes as the copy: only generations unique across copies keep them apart.
    const small = makePod('small', { cpu: '100m', memory: '0' });
    b.addPod({ ...small, spec: { ...small.spec, nodeName: 'b' } });
    plugin.scoreAll?.(newState(), pod, [copy, b], 2, out);
    expect([...out]).toEqual([balancedAllocationScore(['cpu', 'memory'], request, copy), balancedAllocationScore(['cpu', 'memory'], request, b)]);
  });

  it('skips pods that request none of its resources (PreScore Skip)', () => {
    const plugin = balancedAllocation(undefined);
    expect(plugin.preScore(newState(), makePod('p', { cpu: '0', memory: '0' }), []).code).toBe('Skip');
    expect(plugin.preScore(newState(), makePod('q', { cpu: '1' }), []).code).toBe('Success');
  });
});
