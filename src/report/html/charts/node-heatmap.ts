/**
 * Node allocation heat map: one row per node, one column per time bucket,
 * colour = share of the node's allocatable CPU (or memory, chosen with the
 * radio buttons) requested by its bound pods, time-weighted within the
 * bucket. Large clusters are cut to the nodes that ever held a pod, then
 * grouped into bands of neighbours so the page stays small.
 */
import type { NodeRecord } from '../../../metrics/types.js';
import type { Report } from '../../report.js';
import { asSpec, type Chart, type ChartBuilder, type ChartContext } from '../spec-types.js';
import { base, VEGA_LITE_SCHEMA } from './common.js';

export const HEATMAP_BUCKETS = 120;
export const HEATMAP_MAX_ROWS = 150;

interface Share {
  readonly tMs: number;
  readonly cpu: number;
  readonly memory: number;
}

/** Time-weighted means of a step series in `buckets` equal slices of [0, endMs). */
export function bucketMeans(points: readonly Share[], endMs: number, buckets: number): Array<{ cpu: number; memory: number }> {
  const width = endMs / buckets;
  const out: Array<{ cpu: number; memory: number }> = [];
  let index = 0;
  let cpu = 0;
  let memory = 0;
  for (let b = 0; b < buckets; b++) {
    const from = b * width;
    const to = (b + 1) * width;
    let sumCpu = 0;
    let sumMemory = 0;
    let last = from;
    while (index < points.length && (points[index] as Share).tMs <= from) {
      cpu = (points[index] as Share).cpu;
      memory = (points[index] as Share).memory;
      index++;
    }
    while (index < points.length && (points[index] as Share).tMs < to) {
      const p = points[index] as Share;
      sumCpu += cpu * (p.tMs - last);
      sumMemory += memory * (p.tMs - last);
      last = p.tMs;
      cpu = p.cpu;
      memory = p.memory;
      index++;
    }
    sumCpu += cpu * (to - last);
    sumMemory += memory * (to - last);
    out.push({ cpu: width > 0 ? sumCpu / width : cpu, memory: width > 0 ? sumMemory / width : memory });
  }
  return out;
}

function shares(node: NodeRecord): Share[] {
  return node.series.map((p) => ({
    tMs: p.tMs,
    cpu: node.cpuAllocatableMilli > 0 ? p.cpuRequestedMilli / node.cpuAllocatableMilli : 0,
    memory: node.memoryAllocatableBytes > 0 ? p.memoryRequestedBytes / node.memoryAllocatableBytes : 0,
  }));
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function nodeHeatmapChart(nodes: readonly NodeRecord[], context: ChartContext): Chart | undefined {
  const used = nodes.filter((n) => n.series.some((p) => p.pods > 0));
  if (used.length === 0) return undefined;
  const buckets = Math.min(HEATMAP_BUCKETS, Math.max(1, Math.ceil(context.durationMs / 1000)));
  const perNode = used.map((n) => ({ name: n.name, means: bucketMeans(shares(n), context.durationMs, buckets) }));
  const groupSize = Math.ceil(perNode.length / HEATMAP_MAX_ROWS);
  const groups: Array<{ label: string; means: Array<{ cpu: number; memory: number }> }> = [];
  for (let i = 0; i < perNode.length; i += groupSize) {
    const members = perNode.slice(i, i + groupSize);
    const label = members.length === 1 ? (members[0] as { name: string }).name : `${(members[0] as { name: string }).name} … (${members.length} nodes)`;
    const means = Array.from({ length: buckets }, (_, b) => ({
      cpu: members.reduce((s, m) => s + (m.means[b]?.cpu ?? 0), 0) / members.length,
      memory: members.reduce((s, m) => s + (m.means[b]?.memory ?? 0), 0) / members.length,
    }));
    groups.push({ label, means });
  }
  // 150 × 120 cells as objects with a label each were 1.6 MB of the page: the cells go as CSV text
  // (row, bucket, shares), the band labels once, and each cell's time span is computed in the page.
  const bucketUnits = context.durationMs / buckets / context.axis.unitMs;
  const cells = groups.flatMap((g, row) => g.means.map((m, b) => `\n${row},${b},${round3(m.cpu)},${round3(m.memory)}`)).join('');
  const labels = groups.map((g, row) => ({ row, node: g.label }));
  const note = nodes.length > used.length ? ` ${nodes.length - used.length} nodes never held a pod and are left out.` : '';
  const grouped = groupSize > 1 ? ` Rows are bands of ${groupSize} neighbouring nodes (mean share).` : '';
  return {
    id: 'node-allocation',
    title: 'Node allocation',
    caption: `Share of each node's allocatable requested by its pods.${grouped}${note}`,
    spec: asSpec({
      ...base(Math.min(600, Math.max(120, groups.length * 12))),
      $schema: VEGA_LITE_SCHEMA,
      data: { values: `row,b,cpu,memory${cells}`, format: { type: 'csv', parse: { row: 'number', b: 'number', cpu: 'number', memory: 'number' } } },
      params: [{ name: 'resource', value: 'cpu', bind: { input: 'radio', options: ['cpu', 'memory'], name: 'resource ' } }],
      transform: [
        { lookup: 'row', from: { data: { values: labels }, key: 'row', fields: ['node'] } },
        { calculate: `datum.b * ${bucketUnits}`, as: 't' },
        { calculate: `(datum.b + 1) * ${bucketUnits}`, as: 't2' },
        { calculate: "resource === 'cpu' ? datum.cpu : datum.memory", as: 'share' },
      ],
      mark: { type: 'rect' },
      encoding: {
        x: { field: 't', type: 'quantitative', title: context.axis.title, scale: { domain: [0, context.axis.toUnit(context.durationMs)], nice: false } },
        x2: { field: 't2' },
        y: { field: 'node', type: 'ordinal', title: null, sort: { field: 'row' }, axis: groups.length > 40 ? { labels: false, ticks: false } : {} },
        color: { field: 'share', type: 'quantitative', title: 'requested / allocatable', scale: { domain: [0, 1], scheme: 'yelloworangered' } },
        tooltip: [{ field: 'node' }, { field: 'share', format: '.0%' }, { field: 't', format: '.2f' }],
      },
    }),
  };
}

export const nodeHeatmapBuilder: ChartBuilder<Report> = {
  section: 'nodes',
  build(report, context) {
    return [nodeHeatmapChart(report.nodes, context)].flatMap((c) => c ?? []);
  },
};
