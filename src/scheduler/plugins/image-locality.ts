/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality/image_locality.go):
 * favours nodes that already hold the pod's images, each image weighted by
 * the share of nodes holding it (spread), summed over init and regular
 * containers, clamped to [23 MiB, 1000 MiB × containers] and scaled to 0..100.
 * No normalization; weight 1.
 */
import type { ScorePlugin, FrameworkHandle } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { Pod } from '../../api/types/pod.js';
import { normalizedImageName } from '../framework/image-names.js';

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

/** The pod's normalized image names, init containers included, once per pod object. */
function podImages(): (pod: Pod) => readonly string[] {
  let lastPod: Pod | undefined;
  let names: string[] = [];
  return (pod) => {
    if (pod !== lastPod) {
      lastPod = pod;
      names = [];
      for (const c of pod.spec.initContainers ?? []) names.push(normalizedImageName(c.image ?? ''));
      for (const c of pod.spec.containers) names.push(normalizedImageName(c.image ?? ''));
    }
    return names;
  };
}

export function imageLocality(handle: FrameworkHandle): ScorePlugin {
  const imagesOf = podImages();
  // spread per image: the share of nodes holding it, fixed for one scoring pass.
  const spreads = (names: readonly string[]): number[] => {
    const totalNodes = handle.nodeInfos().length;
    return names.map((name) => handle.nodesWithImage(name) / totalNodes);
  };
  const score = (names: readonly string[], spread: readonly number[], nodeInfo: NodeInfo): number => {
    const nodeSizes = nodeInfo.imageSizes;
    let sum = 0;
    for (let i = 0; i < names.length; i++) {
      const size = nodeSizes.get(names[i] as string);
      // scaledImageScore: int64(float64(size) * spread).
      if (size !== undefined) sum += Math.trunc(size * (spread[i] as number));
    }
    return imageLocalityScore(sum, names.length);
  };
  return {
    name: IMAGE_LOCALITY,
    score(_state, pod, nodeInfo) {
      const names = imagesOf(pod);
      return score(names, spreads(names), nodeInfo);
    },
    uniformScore(_state, pod) {
      const names = imagesOf(pod);
      // No node holds any of the images: every sum is 0, clamped to the 23 MiB floor, which scores 0 (image_locality.go calculatePriority).
      for (const name of names) if (handle.nodesWithImage(name) > 0) return undefined;
      return imageLocalityScore(0, names.length);
    },
    scoreAll(_state, pod, nodes, count, out) {
      const names = imagesOf(pod);
      const spread = spreads(names);
      const index = handle.images;
      if (index === undefined) {
        for (let i = 0; i < count; i++) out[i] = score(names, spread, nodes[i] as NodeInfo);
        return;
      }
      // The sizes by node id of each of the pod's images (undefined for an image no node holds): the same sums as score().
      const sizes = names.map((name) => index.holders(name)?.sizes);
      for (let i = 0; i < count; i++) {
        const node = nodes[i] as NodeInfo;
        if (!index.describes(node)) {
          out[i] = score(names, spread, node);
          continue;
        }
        const id = node.id;
        let sum = 0;
        for (let k = 0; k < sizes.length; k++) {
          const bytes = sizes[k]?.[id];
          // scaledImageScore: int64(float64(size) * spread); a node without the image adds 0.
          if (bytes !== undefined && bytes !== 0) sum += Math.trunc(bytes * (spread[k] as number));
        }
        out[i] = imageLocalityScore(sum, names.length);
      }
    },
  };
}
