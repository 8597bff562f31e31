/**
 * ImageLocality (imagelocality/image_locality.go; k8s-scheduler.md §6.10):
 * favours nodes that already hold the pod's images, each image weighted by
 * the share of nodes holding it (spread), summed over init and regular
 * containers, clamped to [23 MiB, 1000 MiB × containers] and scaled to 0..100.
 * No normalization; weight 1.
 */
import type { ScorePlugin, FrameworkHandle } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { Pod } from '../../api/types/pod.js';
import { nodeImageSizes, normalizedImageName } from './image-names.js';

export const IMAGE_LOCALITY = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** calculatePriority. */
export function imageLocalityScore(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const sum = sumScores < MIN_THRESHOLD ? MIN_THRESHOLD : sumScores > maxThreshold ? maxThreshold : sumScores;
  return Math.trunc((100 * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export function imageLocality(handle: FrameworkHandle): ScorePlugin {
  const sizes = new WeakMap<NodeInfo['node'], Map<string, number>>();
  const score = (pod: Pod, nodeInfo: NodeInfo): number => {
      // A node without images scores 0 (the sum is clamped to the minimum).
      const images = nodeInfo.node.status?.images;
      if (images === undefined || images.length === 0) return 0;
      let nodeSizes = sizes.get(nodeInfo.node);
      if (nodeSizes === undefined) {
        nodeSizes = nodeImageSizes(nodeInfo.node);
        sizes.set(nodeInfo.node, nodeSizes);
      }
      const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
      const totalNodes = handle.nodeInfos().length;
      let sum = 0;
      for (const container of containers) {
        const name = normalizedImageName(container.image ?? '');
        const size = nodeSizes.get(name);
        if (size === undefined) continue;
        // scaledImageScore: int64(float64(size) * spread).
        sum += Math.trunc(size * (handle.nodesWithImage(name) / totalNodes));
      }
      return imageLocalityScore(sum, containers.length);
  };
  return {
    name: IMAGE_LOCALITY,
    score: (_state, pod, nodeInfo) => score(pod, nodeInfo),
    scoreAll(_state, pod, nodes, count, out) {
      for (let i = 0; i < count; i++) out[i] = score(pod, nodes[i] as NodeInfo);
    },
  };
}
