/**
 * FGD scored the plain way, for the equivalence property of the bundled
 * plugin's cached scoring (test/gpushare/fgd-cache.property.test.ts): every
 * node, every device, the fragmentation worked out afresh each time
 * (Weng et al., USENIX ATC '23, §4; the simulator's fgd_score.go
 * calculateGpuShareFragExtendScore), with no state shared between nodes or
 * pods.
 */
import type { TypicalPod } from '../../../src/scheduler/gpushare/fragmentation.js';
import { nodeFragmentation } from '../../../src/scheduler/gpushare/fragmentation.js';
import { bestFitDevices } from '../../../src/scheduler/gpushare/devices.js';
import type { GpuShape } from '../../../src/scheduler/gpushare/gpu-shape.js';

function scoreOf(before: number, left: readonly number[], cpuLeft: number, typical: readonly TypicalPod[]): number {
  const delta = before - nodeFragmentation(left, cpuLeft, typical);
  return Math.trunc((1 / (1 + Math.exp(-delta / 1000))) * 100);
}

/** The node's score and the devices the pod would take there (the first best device for a shared pod; none when no device fits). */
export function referenceFgd(milliLeft: readonly number[], cpuLeft: number, shape: GpuShape, typical: readonly TypicalPod[]): { score: number; devices: number[] } {
  if (shape.cpuMilli === 0 && shape.gpuCount === 0) return { score: 100, devices: [] };
  const before = nodeFragmentation(milliLeft, cpuLeft, typical);
  const cpuAfter = cpuLeft - shape.cpuMilli;
  if (shape.gpuCount === 1 && shape.gpuMilli < 1000) {
    let best = { score: 0, devices: [] as number[] };
    milliLeft.forEach((left, d) => {
      if (left < shape.gpuMilli) return;
      const after = milliLeft.map((l, i) => (i === d ? l - shape.gpuMilli : l));
      const score = scoreOf(before, after, cpuAfter, typical);
      if (best.devices.length === 0 || score > best.score) best = { score, devices: [d] };
    });
    return best;
  }
  const devices = bestFitDevices(milliLeft, shape) ?? [];
  const after = milliLeft.map((l, i) => (devices.includes(i) ? l - shape.gpuMilli : l));
  return { score: scoreOf(before, after, cpuAfter, typical), devices };
}
