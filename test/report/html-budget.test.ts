/**
 * report.html at scale (issue 16): a faceted chart of more Deployments than
 * FACET_MAX_PANELS draws the least available ones and says how many of how
 * many and where the rest are; a panel's series is thinned to two points per
 * pixel column and says so; actions at the same instant draw one rule per
 * panel; the node heat map's cells go as CSV text and still compile to the
 * same cells.
 */
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { availabilityChart } from '../../src/report/html/charts/availability.js';
import { FACET_MAX_PANELS, facetSpec, PANEL_MAX_POINTS } from '../../src/report/html/charts/facets.js';
import { seriesFieldChart, seriesItems } from '../../src/report/html/charts/generic-series.js';
import { endpointsChart } from '../../src/report/html/charts/services.js';
import { nodeHeatmapChart } from '../../src/report/html/charts/node-heatmap.js';
import type { ChartContext } from '../../src/report/html/spec-types.js';
import { timeAxisFor } from '../../src/report/html/time-axis.js';
import type { DeploymentPoint, NodeRecord } from '../../src/metrics/types.js';

const context: ChartContext = { axis: timeAxisFor(600_000), durationMs: 600_000, actions: [] };
const point = (tMs: number, available: number): DeploymentPoint =>
  ({ tMs, replicas: 4, statusReplicas: 4, updatedReplicas: 4, readyReplicas: available, availableReplicas: available, unavailableReplicas: 4 - available, minAvailable: 3 });
type Values = Array<Record<string, unknown>>;
const valuesOf = (spec: unknown): Values => (spec as { data: { values: Values } }).data.values;

describe('availability panels over the budget', () => {
  it('draws the 24 least available of 30 Deployments, worst first, and says where every series is', () => {
    expect(FACET_MAX_PANELS).toBe(24);
    const deployments = Array.from({ length: 30 }, (_, i) => ({ name: `d${i}`, namespace: 'default', series: [point(0, 4)] }));
    // d0 … d29 at or above the floor 1 − i/100 of the time; d12 has no figure (goes last)
    const ranks = deployments.filter((_, i) => i !== 12)
      .map((d, i) => ({ name: d.name, namespace: d.namespace, fractionAtLeastMinAvailable: 1 - Number(d.name.slice(1)) / 100, timeBelowDesiredMs: i }));
    const chart = availabilityChart(deployments, context, ranks);
    const keys = (chart?.spec as unknown as { facet: { sort: string[] } }).facet.sort;
    // least available first: d29 (0.71), d28, …, d5 (0.95) without d12: 24 panels; d4 … d0 and d12 (no figure) are left out
    expect(keys).toEqual(Array.from({ length: 25 }, (_, i) => `default/d${29 - i}`).filter((k) => k !== 'default/d12').slice(0, 24));
    expect(chart?.caption).toContain('24 of 30 Deployments, one panel each: the least available, worst first; every one\'s series is in csv/deployments.csv.');
    expect(new Set(valuesOf(chart?.spec).map((r) => r.key))).toEqual(new Set(keys));
  });

  it('keeps every Deployment, in report order, with the old caption at 24 or fewer', () => {
    const deployments = Array.from({ length: 3 }, (_, i) => ({ name: `d${i}`, namespace: 'default', series: [point(0, 4)] }));
    const chart = availabilityChart(deployments, context, []);
    expect((chart?.spec as unknown as { facet: { sort: string[] } }).facet.sort).toEqual(['default/d0', 'default/d1', 'default/d2']);
    expect(chart?.caption).toContain('All 3 Deployments, one panel each.');
  });

  it('thins a panel\'s series to two points per pixel column (580) and says so', () => {
    expect(PANEL_MAX_POINTS).toBe(580);
    // 2 Deployments of 1,000 changes each (every 600 ms, available 4, 3, 4, 3 …): within the page's budget (10,000 each) but over 580
    const series = Array.from({ length: 1000 }, (_, i) => point(i * 600, i % 2 === 0 ? 4 : 3));
    const chart = availabilityChart([{ name: 'a', namespace: 'default', series }, { name: 'b', namespace: 'default', series }], context, []);
    const rows = valuesOf(chart?.spec).filter((r) => r.kind === 'series' && r.key === 'default/a');
    // 290 slices of 600,000 / 290 ms (about 3.45 changes each): the lowest (3) and the last point of each, plus the step to the end
    expect(rows.length).toBeLessThanOrEqual(PANEL_MAX_POINTS + 1);
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.some((r) => r.available === 3)).toBe(true);
    expect(chart?.caption).toContain('2 of 2 Deployments changed more than 580 times: each is drawn through the lowest-available and the last point of each of 290 equal time slices');
  });
});

describe('other panels over the budget', () => {
  it('draws the 24 Services with the fewest ready endpoints at their lowest, and the first 24 objects of an unknown section', () => {
    // s0 … s29: s_i has 10 ready endpoints, then drops to (i · 7) mod 30 (7 and 30 are coprime: every value 0 … 29 once)
    const services = Array.from({ length: 30 }, (_, i) => ({ namespace: 'default', name: `s${i}`, series: [{ tMs: 0, readyEndpoints: 0, notReadyEndpoints: 10 }, { tMs: 1000, readyEndpoints: 10, notReadyEndpoints: 0 }, { tMs: 2000, readyEndpoints: (i * 7) % 30, notReadyEndpoints: 0 }] }));
    const chart = endpointsChart(services, context);
    const keys = (chart?.spec as unknown as { facet: { sort: string[] } }).facet.sort;
    // lowest 0 (s0), 1 (s13: 91 mod 30), 2 (s26: 182 mod 30), 3 (s9) … 9; the 20 that never went under 10 tie and keep
    // the report's order, so the first 14 of them fill the 24 panels
    expect(keys.slice(0, 4)).toEqual(['default/s0', 'default/s13', 'default/s26', 'default/s9']);
    expect(keys).toHaveLength(24);
    expect(chart?.caption).toContain('24 of 30 Services, one panel each: those with the fewest ready endpoints at their lowest first; every one\'s series is in csv/services.csv.');
    const hpa = Array.from({ length: 26 }, (_, i) => ({ namespace: 'default', name: `h${i}`, series: [{ tMs: 0, desiredReplicas: i }] }));
    const generic = seriesFieldChart('hpa', seriesItems(hpa), 'desiredReplicas', context, 'HorizontalPodAutoscalers');
    expect((generic?.spec as unknown as { facet: { sort: string[] } }).facet.sort).toEqual(Array.from({ length: 24 }, (_, i) => `default/h${i}`));
    expect(generic?.caption).toBe('24 of 26 HorizontalPodAutoscalers, one panel each: the first in the report; every one\'s series is in csv/hpa.csv.');
  });
});

describe('scenario actions in panels', () => {
  it('draws one rule per instant in each panel, however many actions share it', () => {
    const axis = timeAxisFor(600_000);
    const actions = [...Array.from({ length: 375 }, (_, i) => ({ t: axis.toUnit(300_000), action: 'set-image', description: `d${i}` })), { t: axis.toUnit(330_000), action: 'fail-node', description: 'n' }];
    const spec = facetSpec({ keys: ['a', 'b'], rows: [], layers: [], context: { axis, durationMs: 600_000, actions } });
    // 2 panels × 2 instants (5 min and 5.5 min), not 2 × 376
    expect(valuesOf(spec).filter((r) => r.kind === 'action')).toEqual([
      { kind: 'action', key: 'a', t: 5 }, { kind: 'action', key: 'a', t: 5.5 }, { kind: 'action', key: 'b', t: 5 }, { kind: 'action', key: 'b', t: 5.5 },
    ]);
  });
});

describe('node heat map', () => {
  it('sends its cells as CSV (band row, bucket, cpu, memory) with the band labels once, and compiles', () => {
    const node = (name: string, cpuMilli: number): NodeRecord => ({
      name, cpuAllocatableMilli: 4000, memoryAllocatableBytes: 8e9, series: [{ tMs: 0, ready: true, cpuRequestedMilli: cpuMilli, memoryRequestedBytes: 2e9, pods: 1 }],
    });
    const chart = nodeHeatmapChart([node('n0', 1000), node('n1', 3000)], context);
    const data = (chart?.spec as unknown as { data: { values: string; format: { type: string } } }).data;
    expect(data.format.type).toBe('csv');
    const lines = data.values.split('\n');
    // 600 s → 120 buckets of 5 s for each of 2 nodes; n0 at 1000/4000 = 0.25 cpu, 2/8 = 0.25 memory; n1 at 0.75
    expect(lines).toHaveLength(1 + 2 * 120);
    expect(lines.slice(0, 3)).toEqual(['row,b,cpu,memory', '0,0,0.25,0.25', '0,1,0.25,0.25']);
    expect(lines[121]).toBe('1,0,0.75,0.25');
    expect(JSON.stringify(chart?.spec)).toContain('{"row":1,"node":"n1"}');
    expect(() => compile(chart?.spec as never)).not.toThrow();
  });
});
