/**
 * GPU allocation and fragmentation against the arrived workload, from the
 * report's `gpu` section (metrics/gpu-section.ts): the x axis is the GPU
 * requested by the pods created so far, as a percent of the GPU capacity
 * (the FGD paper's Figure 9 axis, docs/research.md), not time. Drawn only
 * for runs with GPU nodes. A fragmentation that could not be computed (no
 * typical-pod mix) is left out of the chart and the caption says so.
 */
import type { Chart, ChartBuilder } from '../spec-types.js';
import { asSpec, isRow, rowsOf } from '../spec-types.js';
import { base } from './common.js';

const SERIES: ReadonlyArray<readonly [string, string]> = [
  ['gpuAllocationShare', 'GPU allocated'],
  ['gpuFragmentation', 'GPU fragmentation'],
];

export function gpuCharts(section: unknown): Chart[] {
  if (!isRow(section)) return [];
  const points = rowsOf(section.byArrivedWorkload).filter((p) => typeof p.percent === 'number');
  if (points.length === 0) return [];
  const values = points.flatMap((p) =>
    SERIES.flatMap(([field, label]) => (typeof p[field] === 'number' ? [{ arrivedPct: p.percent, series: label, share: p[field] }] : [])),
  );
  const noMix = points.every((p) => typeof p.gpuFragmentation !== 'number');
  const lastPercent = Math.max(...points.map((p) => p.percent as number));
  return [{
    id: 'gpu-by-arrived-workload',
    title: 'GPU allocation and fragmentation against arrived workload',
    caption: 'x: GPU requested by the pods created so far, % of GPU capacity; y: share of GPU capacity allocated to bound pods, and idle GPU that the typical pods could not use (fragmentation, docs/research.md).'
      + (noMix ? ' Fragmentation is not shown: the run published no typical-pod mix.' : ''),
    spec: asSpec({
      ...base(220),
      data: { values },
      mark: { type: 'line' },
      encoding: {
        x: { field: 'arrivedPct', type: 'quantitative', title: 'arrived workload (% of GPU capacity)', scale: { domain: [0, lastPercent], nice: false } },
        y: { field: 'share', type: 'quantitative', title: 'share of GPU capacity', axis: { format: '.0%' }, scale: { domainMin: 0 } },
        color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } },
        tooltip: [{ field: 'series' }, { field: 'arrivedPct', title: 'arrived %' }, { field: 'share', format: '.2%' }],
      },
    }),
  }];
}

export const gpuBuilder: ChartBuilder<Record<string, unknown>> = {
  section: 'gpu',
  build(report) {
    return gpuCharts(report.gpu);
  },
};
