/**
 * GpuPacking and GpuClustering scored the plain way, every node from its
 * pods and devices each time (the simulator's gpu_packing_score.go and
 * gpu_clustering_score.go), for the equivalence property of the bundled
 * plugins, which keep what they read of a node per node generation
 * (test/gpushare/policy-cache.property.test.ts).
 */
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';
import { gpuShapeOf, isGpuShape, type GpuShape } from '../../../src/scheduler/gpushare/gpu-shape.js';

function leftOf(node: NodeInfo): number[] {
  return Array.from(node.gpu?.milliLeft ?? []);
}

export function referenceGpuPacking(shape: GpuShape, node: NodeInfo): number {
  if (shape.gpuMilli <= 0) return 0;
  const left = leftOf(node);
  const fullyFree = left.filter((l) => l === 1000).length;
  if (fullyFree === left.length) return Math.max(33 - fullyFree, fullyFree);
  const order = left.map((l, d) => ({ l, d })).sort((a, b) => a.l - b.l || a.d - b.d);
  let wanted = shape.gpuCount;
  let freeTaken = 0;
  let percent = 0;
  for (const { l } of order) {
    if (wanted === 0) break;
    if (l < shape.gpuMilli) continue;
    wanted--;
    percent += Math.trunc((l * 100) / 1000);
    if (l === 1000) freeTaken++;
  }
  if (wanted !== 0) return 0;
  if (freeTaken > 0) return Math.max(50 - freeTaken, 33);
  return Math.max(100 - Math.trunc(percent / 10), 50);
}

function kindOf(shape: GpuShape): string | undefined {
  if (shape.gpuCount === 0) return undefined;
  return shape.gpuMilli < 1000 ? 'share' : `${shape.gpuCount}-gpu`;
}

export function referenceGpuClustering(shape: GpuShape, node: NodeInfo): number {
  const kind = kindOf(shape);
  if (kind === undefined) return 0;
  const kinds = new Set<string>();
  for (const info of node.pods.values()) {
    const s = gpuShapeOf(info.requests.actual);
    const k = isGpuShape(s) ? kindOf(s) : undefined;
    if (k !== undefined) kinds.add(k);
  }
  const idle = leftOf(node).reduce((sum, l) => sum + l, 0);
  const fullness = Math.trunc((25 * (8000 - idle)) / 8000);
  if (kinds.has(kind)) return fullness + (kinds.size === 1 ? 75 : 50);
  return fullness + (kinds.size === 0 ? 25 : 0);
}
