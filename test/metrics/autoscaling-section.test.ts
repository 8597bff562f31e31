/** report.json's autoscaling section from a recording, with the arithmetic in comments. */
import { describe, expect, it } from 'vitest';
import { autoscalingSection } from '../../src/metrics/autoscaling-section.js';
import type { AutoscalerRecording } from '../../src/metrics/recorders/autoscaler.js';
import type { Scenario } from '../../src/scenario/model.js';

const HOUR = 3_600_000;

function scenario(pools: Scenario['nodePools'], autoscaled: boolean): Scenario {
  return { nodePools: pools, ...(autoscaled ? { clusterAutoscaler: {} } : {}) } as unknown as Scenario;
}

const recording: AutoscalerRecording = {
  // a: 2 nodes, 4 from 1h to 1.5h, 2 again until the end at 2h.
  // b: 1 node throughout.
  pools: new Map([
    ['a', [{ tMs: 0, nodes: 2 }, { tMs: HOUR, nodes: 4 }, { tMs: 1.5 * HOUR, nodes: 2 }]],
    ['b', [{ tMs: 0, nodes: 1 }]],
  ]),
  waitedMs: [60_000, 120_000],
  stillWaitingMs: [300_000],
  decisions: [],
};

describe('autoscalingSection', () => {
  it('node-hours and cost per pool and in total, at the end and over time', () => {
    const s = autoscalingSection(scenario([
      { name: 'a', count: 2, capacity: {}, autoscaling: { min: 1, max: 5 }, pricePerHour: 0.5 },
      { name: 'b', count: 1, capacity: {}, pricePerHour: 2 },
    ], true), recording, 2 * HOUR);
    // a: 2 × 1h + 4 × 0.5h + 2 × 0.5h = 5 node-hours, × 0.5 = 2.5; b: 1 × 2h = 2 node-hours, × 2 = 4.
    expect(s?.pools.map((p) => [p.name, p.nodeHours, p.cost, p.initialNodes, p.peakNodes, p.finalNodes])).toEqual([['a', 5, 2.5, 2, 4, 2], ['b', 2, 4, 1, 1, 1]]);
    expect([s?.nodeHours, s?.cost]).toEqual([7, 6.5]);
    // At 1h: a 2 + b 1 node-hours, cost 1 + 2; at 1.5h: a 2 + 2, b 1.5 → 5.5 node-hours, cost 2 + 3 = 5.
    expect(s?.series.map((p) => [p.tMs / HOUR, p.nodes, p.nodeHours, p.cost])).toEqual([[0, 3, 0, 0], [1, 5, 3, 3], [1.5, 3, 5.5, 5], [2, 3, 7, 6.5]]);
    // Two pods got a node after 1 and 2 min; one has waited 5 min and still waits: the max is a lower bound.
    expect(s?.podWaitForNodeMs.count).toBe(3);
    expect(s?.podWaitForNodeMs.censored).toBe(1);
    expect(s?.podWaitForNodeMs.lowerBound.max).toBe(true);
  });

  it('no total cost when a pool with nodes has no price: absent, not partial', () => {
    const s = autoscalingSection(scenario([
      { name: 'a', count: 2, capacity: {}, autoscaling: { min: 1, max: 5 }, pricePerHour: 0.5 },
      { name: 'b', count: 1, capacity: {} },
    ], true), recording, 2 * HOUR);
    expect(s?.cost).toBeNull();
    expect(s?.unpricedPools).toEqual(['b']);
    expect(s?.pools.find((p) => p.name === 'b')?.cost).toBeNull();
    expect(s?.series.every((p) => p.cost === null)).toBe(true);
  });

  it('is absent when no pool is autoscaled or priced', () => {
    expect(autoscalingSection(scenario([{ name: 'b', count: 1, capacity: {} }], false), recording, HOUR)).toBeUndefined();
  });
});
