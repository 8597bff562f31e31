/**
 * GpuPacking (the FGD paper's baseline; simulator gpu_packing_score.go):
 * tiers, best first, so shared GPUs fill before whole GPUs are broken into
 * and used nodes before idle ones:
 *   1. the pod fits on devices already in use: 100 − ⌊Σ over the devices it
 *      would take of ⌊left·100/1000⌋ / 10⌋, at least 50;
 *   2. it must take fully free devices of a used node: 50 − (free devices
 *      taken), at least 33;
 *   3. the node is idle (all devices free): max(33 − free devices, free devices).
 * Devices taken are found least-left first. CPU-only pods score 0
 * everywhere. Devices: best fit.
 */
import { MILLI_PER_GPU } from '../gpu-shape.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { MAX_NODE_SCORE, milliLeftOf, perNodeState, byShape, policyPlugin } from './node-score.js';

export const GPU_PACKING = 'GpuPacking';

/** The node's fully free devices, and its device indices least milli left first, ties by index (a stable sort, as SortedMilliGpuLeftIndexList). */
function devicesByLeft(node: NodeInfo): { fullyFree: number; order: readonly number[] } {
  const left = milliLeftOf(node);
  let fullyFree = 0;
  for (const l of left) if (l === MILLI_PER_GPU) fullyFree++;
  return { fullyFree, order: Array.from(left.keys()).sort((a, b) => (left[a] as number) - (left[b] as number) || a - b) };
}

export function gpuPacking() {
  const nodeState = perNodeState(devicesByLeft);
  return byShape(policyPlugin(GPU_PACKING, (_state, shape, node) => {
    if (shape.gpuMilli <= 0) return 0;
    const left = milliLeftOf(node);
    const { fullyFree, order } = nodeState(node);
    if (fullyFree === left.length) return Math.max(Math.trunc(MAX_NODE_SCORE / 3) - fullyFree, fullyFree);
    let wanted = shape.gpuCount;
    let freeTaken = 0;
    let leftPercentTaken = 0;
    for (const d of order) {
      if (wanted === 0) break;
      const l = left[d] as number;
      if (shape.gpuMilli <= l) {
        wanted--;
        leftPercentTaken += Math.trunc((l * 100) / MILLI_PER_GPU);
        if (l === MILLI_PER_GPU) freeTaken++;
      }
    }
    if (wanted !== 0) return 0;
    if (freeTaken > 0) return Math.max(MAX_NODE_SCORE / 2 - freeTaken, Math.trunc(MAX_NODE_SCORE / 3));
    return Math.max(MAX_NODE_SCORE - Math.trunc(leftPercentTaken / 10), MAX_NODE_SCORE / 2);
  }));
}
