/**
 * curves.csv of a bench (docs/bench.md, docs/research.md): for every cell
 * whose scenario has GPU nodes, one row per whole percent of arrived
 * workload (report.json gpu.byArrivedWorkload): the GPU allocated and the
 * fragmentation, as percentages of the GPU capacity. Rows in cell order
 * (scenario, profile, seed), then percent. A fragmentation that could not
 * be computed (no typical-pod mix) is an empty field.
 */
import type { CellResult } from './cell.js';

export const CURVES_FILE = 'curves.csv';
export const CURVES_HEADER = 'scenario,profile,seed,arrivedGpuPct,gpuAllocatedPct,gpuFragmentationPct';

function field(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function curvesCsv(cells: readonly CellResult[]): string | undefined {
  const withCurves = [...cells].filter((c) => c.gpuCurve !== undefined).sort((a, b) => a.index - b.index);
  if (withCurves.length === 0) return undefined;
  const lines = [CURVES_HEADER];
  for (const cell of withCurves) {
    const prefix = `${field(cell.scenario)},${field(cell.profile)},${cell.seed}`;
    for (const [percent, allocated, fragmentation] of cell.gpuCurve ?? []) lines.push(`${prefix},${percent},${allocated},${fragmentation ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}
