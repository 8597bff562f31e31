/**
 * GpuClustering (the FGD paper's baseline; simulator
 * gpu_clustering_score.go): keep pods of the same GPU kind together. A
 * pod's kind is "share" (a fraction of one GPU) or "N-gpu" (N whole GPUs);
 * a node's kinds are those of the GPU pods on it. With
 * b = ⌊25 · (8,000 − gpuLeft) / 8,000⌋ (fuller nodes a little higher):
 *   node holds only the pod's kind: 75 + b; the pod's kind among others:
 *   50 + b; no GPU pod yet: 25 + b; only other kinds: b. CPU-only pods: 0.
 * Devices: best fit.
 */
import type { NodeInfo } from '../../framework/node-info.js';
import { gpuShapeOf, isGpuShape, MILLI_PER_GPU, type GpuShape } from '../gpu-shape.js';
import { MAX_NODE_SCORE, MAX_SPEC_GPU_MILLI, idleMilliOf, perNodeState, byShape, policyPlugin } from './node-score.js';

export const GPU_CLUSTERING = 'GpuClustering';

/** "share", "N-gpu", or undefined for a CPU-only shape (GetGpuAffinityFromPodAnnotation). */
export function gpuKind(shape: GpuShape): string | undefined {
  if (shape.gpuCount === 0) return undefined;
  return shape.gpuMilli < MILLI_PER_GPU ? 'share' : `${shape.gpuCount}-gpu`;
}

/** The GPU kinds of the pods on a node. */
function nodeKinds(node: NodeInfo): Set<string> {
  const kinds = new Set<string>();
  for (const info of node.pods.values()) {
    const shape = gpuShapeOf(info.requests.actual);
    const kind = isGpuShape(shape) ? gpuKind(shape) : undefined;
    if (kind !== undefined) kinds.add(kind);
  }
  return kinds;
}

export function gpuClustering() {
  const quarter = MAX_NODE_SCORE / 4;
  const nodeState = perNodeState((node) => ({
    kinds: nodeKinds(node),
    fullness: Math.trunc((quarter * (MAX_SPEC_GPU_MILLI - idleMilliOf(node))) / MAX_SPEC_GPU_MILLI),
  }));
  return byShape(policyPlugin(GPU_CLUSTERING, (_state, shape, node) => {
    const kind = gpuKind(shape);
    if (kind === undefined) return 0;
    const { kinds, fullness } = nodeState(node);
    if (kinds.has(kind)) return fullness + (kinds.size === 1 ? 3 * quarter : 2 * quarter);
    return fullness + (kinds.size === 0 ? quarter : 0);
  }));
}
