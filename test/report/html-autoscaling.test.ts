/**
 * report.html for an autoscaled run: the nodes-per-pool chart (with the
 * group's min and max) and the cost chart render with vega, and the
 * Cluster Autoscaler's decisions are marked on the timeline strip, one
 * mark for the 7 empty nodes removed in the same scan.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/html/registry.js';
import { renderRunHtml, runChartContext } from '../../src/report/html/run-report.js';
import type { Chart } from '../../src/report/html/spec-types.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

async function svgTexts(chart: Chart): Promise<string[]> {
  const v = new vega.View(vega.parse(compile(chart.spec).spec), { renderer: 'none' });
  await v.runAsync();
  return [...(await v.toSVG()).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
}

describe('report.html with the Cluster Autoscaler', () => {
  const { report } = runScenario(loadScenario(repoScenario('autoscaler-spike.yaml')));
  const context = runChartContext(report);
  const charts = buildCharts(report, context);

  it('draws nodes per pool and cost so far', async () => {
    const nodes = charts.find((c) => c.id === 'autoscaling-nodes');
    const cost = charts.find((c) => c.id === 'autoscaling-cost');
    expect(nodes).toBeDefined();
    expect(cost?.caption).toContain('1.15 for 5.74 node-hours');
    // The y axis reaches the group's max (12), above the peak of 10 nodes.
    expect(await svgTexts(nodes as Chart)).toContain('12');
    expect((await svgTexts(cost as Chart)).length).toBeGreaterThan(0);
  });

  it('marks the scale-up and the bulk scale-down on the timeline', () => {
    const marks = context.actions.filter((a) => a.action === 'cluster-autoscaler').map((a) => a.description);
    expect(marks).toEqual([
      '5m10s Scale-up: setting group worker size to 10 instead of 3 (max: 12)',
      expect.stringMatching(/^30m10s Scale-down: removing empty node "worker-\d+" \(and 6 more\)$/),
    ]);
    expect(renderRunHtml(report)).toContain('Nodes: worker 3 → 10 nodes (scale-up at 5m10s), 3 at the end');
  });
});
