/**
 * report.html shows every workload: no kind of chart is cut to its first
 * few objects (Online Boutique has 12 Deployments and 12 Services, and
 * shippingservice, the 11th Deployment, had no chart when only 8 were
 * kept), step lines run to the end of the run, count axes have whole-number
 * ticks, a series that stays at 0 still has a readable axis, and no table
 * appears twice. Charts are rendered by vega headless (SVG) here; the
 * browser test renders the same page in Chromium.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { replicaSetLabel } from '../../src/report/html/charts/replicas.js';
import { seriesFieldChart } from '../../src/report/html/charts/generic-series.js';
import { buildCharts } from '../../src/report/html/registry.js';
import { renderRunHtml, runChartContext } from '../../src/report/html/run-report.js';
import type { Chart } from '../../src/report/html/spec-types.js';
import { timeAxisFor } from '../../src/report/html/time-axis.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

async function view(chart: Chart): Promise<vega.View> {
  const v = new vega.View(vega.parse(compile(chart.spec).spec), { renderer: 'none' });
  await v.runAsync();
  return v;
}

type Node = { marktype?: string; name?: string; items?: Node[]; datum?: Record<string, unknown> };

/** The panels a faceted chart drew (vega's "cell" group, one item per facet value). */
function panels(node: Node): string[] {
  const own = node.marktype === 'group' && node.name === 'cell' ? (node.items ?? []).map((i) => String(i.datum?.key)) : [];
  return [...own, ...(node.items ?? []).flatMap((child) => (child.items !== undefined || child.marktype !== undefined ? panels(child) : []))];
}

async function svgTexts(chart: Chart): Promise<string[]> {
  const svg = await (await view(chart)).toSVG();
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
}

const boutique = runScenario(loadScenario(repoScenario('online-boutique.yaml'))).report;
const boutiqueCharts = buildCharts(boutique, runChartContext(boutique));
const chart = (id: string): Chart => {
  const found = boutiqueCharts.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no chart ${id}`);
  return found;
};

describe('every workload has a chart', () => {
  const deployments = boutique.deployments.map((d) => `${d.namespace}/${d.name}`);
  const services = boutique.services.map((s) => `${s.namespace}/${s.name}`);

  it('draws a panel per Deployment and per Service of Online Boutique', async () => {
    // The release manifest has 12 Deployments and 12 Services (frontend-external is the 12th).
    expect(deployments).toHaveLength(12);
    expect(services).toHaveLength(12);
    expect(deployments).toContain('default/shippingservice');
    expect(panels(((await view(chart('availability'))).scenegraph() as unknown as { root: Node }).root)).toEqual(deployments);
    expect(panels(((await view(chart('services-endpoints'))).scenegraph() as unknown as { root: Node }).root)).toEqual(services);
    expect(chart('availability').caption).toContain('All 12 Deployments, one panel each.');
    expect(chart('services-endpoints').caption).toContain('All 12 Services, one panel each.');
  });

  it('lets the replicas chart pick any of the 12 Deployments', () => {
    const params = (chart('replicas').spec as { params?: Array<{ bind?: { options?: string[] } }> }).params ?? [];
    expect(params[0]?.bind?.options).toEqual(deployments);
    expect(chart('replicas').caption).toContain('12 Deployments: pick one with the selector');
  });

  it('runs every step line to the end of the run', () => {
    // 15 min run on a minute axis: every panel's last point is at t = 15.
    for (const id of ['availability', 'services-endpoints']) {
      const rows = (chart(id).spec as { data: { values: Array<{ kind: string; key: string; t: number }> } }).data.values.filter((r) => r.kind === 'series');
      const lastByKey = new Map<string, number>();
      for (const r of rows) lastByKey.set(r.key, Math.max(lastByKey.get(r.key) ?? 0, r.t));
      expect(lastByKey.size, id).toBe(12);
      for (const [key, last] of lastByKey) expect(last, `${id} ${key}`).toBe(15);
    }
  });

  it('labels count axes with whole numbers only', async () => {
    // Deployments of 1 replica: without tickMinStep the axis reads 0, 0.2, 0.4 …
    for (const id of ['availability', 'services-endpoints', 'replicas', 'allocation-nodes-used', 'pods-pending']) {
      const labels = (await svgTexts(chart(id))).filter((t) => /^-?[\d.,]+$/.test(t));
      expect(labels.length, id).toBeGreaterThan(0);
      // Time ticks are whole minutes here too (0, 2, 4 … 14).
      for (const label of labels) expect(label, id).toMatch(/^\d+$/);
    }
  });

  it('gives a series that stays at 0 a readable axis', async () => {
    // errors: 0 in every window. The domain [0, 0] printed its ticks as "0.000000".
    const context = { axis: timeAxisFor(60_000), durationMs: 60_000, actions: [] };
    const flat = seriesFieldChart('requests', [{ label: 'default/web', series: [{ tMs: 0, errors: 0 }, { tMs: 10_000, errors: 0 }] }], 'errors', context);
    const labels = (await svgTexts(flat as Chart)).filter((t) => /^-?[\d.]+$/.test(t));
    expect(labels).not.toContain('0.000000');
    // y: 0 and 1 (the axis keeps at least 0..1); x: 0.0 … 1.0 minutes.
    expect(labels.filter((t) => !t.includes('.'))).toEqual(['0', '1']);
  });

  it('lists each table once', () => {
    // rollout-under-load has requests and a node failure: the Requests and Node failures tables were listed again as "requests" and "recovery".
    const report = runScenario(loadScenario(repoScenario('rollout-under-load.yaml'))).report;
    const html = renderRunHtml(report);
    const tables = html.slice(html.indexOf('<h2>Tables</h2>'));
    const titles = [...tables.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => (m[1] as string).toLowerCase());
    expect(titles).toContain('requests');
    expect(titles).toContain('node failures');
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).not.toContain('recovery');
    expect(titles).not.toContain('services');
  });
});

describe('ReplicaSet names in the legend', () => {
  const rs = { name: 'web-5d8f', namespace: 'default', owner: 'Deployment/web', createdMs: 0, series: [] };

  it('keeps the first revision of a ReplicaSet a rollback brought back', () => {
    // rollout-undo to revision 1 after revision 2: the revision-1 ReplicaSet becomes revision 3 (revision-history "1").
    expect(replicaSetLabel({ ...rs, revision: 3, revisionHistory: '1' }, 3)).toBe('rev 1 (web-5d8f) (revision 1 → 3, new)');
    expect(replicaSetLabel({ ...rs, revision: 5, revisionHistory: '1,3' }, 6)).toBe('rev 1 (web-5d8f) (revision 1 → 3 → 5)');
    expect(replicaSetLabel({ ...rs, revision: 2 }, 2)).toBe('rev 2 new (web-5d8f)');
    expect(replicaSetLabel({ ...rs, revision: 1 }, 2)).toBe('rev 1 old (web-5d8f)');
  });

  it('names the renumbered ReplicaSets of scenarios/rollback.yaml by their first revision', () => {
    // v1 (1), v2 (2), v3 (3); undo → v2 becomes 4 (history "2"); undo --to-revision=1 → v1 becomes 5 (history "1").
    const report = runScenario(loadScenario(repoScenario('rollback.yaml'))).report;
    const spec = buildCharts(report, runChartContext(report)).find((c) => c.id === 'replicas')?.spec;
    // The legend rows are joined to the data by a lookup transform (each label once, not on every row).
    const lookup = /"lookup":"rs","from":\{"data":\{"values":(\[[^\]]*\])/.exec(JSON.stringify(spec))?.[1] ?? '[]';
    const legend = JSON.parse(lookup) as Array<{ replicaSet: string }>;
    const labels = legend.map((r) => r.replicaSet.replace(/\(web-[a-z0-9]+\)/, '(web-…)'));
    expect(labels).toEqual(['rev 1 (web-…) (revision 1 → 5, new)', 'rev 2 (web-…) (revision 2 → 4)', 'rev 3 old (web-…)']);
  });
});
