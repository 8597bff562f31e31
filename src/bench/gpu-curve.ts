/** A cell's GPU curve from its report (report.json gpu.byArrivedWorkload), as gpu-curves.ts writes it to curves.csv. */
import type { Report } from '../report/report.js';

/** [percent of arrived workload, GPU allocated %, fragmentation % or null] per whole percent. */
export type GpuCurve = ReadonlyArray<readonly [number, number, number | null]>;

const pct = (share: number): number => Math.round(share * 1e6) / 1e4;

export function readGpuCurve(report: Report): GpuCurve | undefined {
  return report.gpu?.byArrivedWorkload.map((p) => [p.percent, pct(p.gpuAllocationShare), p.gpuFragmentation === null ? null : pct(p.gpuFragmentation)] as const);
}
