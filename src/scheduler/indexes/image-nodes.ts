/**
 * Which nodes list each image in their status, and its size on each: the
 * inputs of ImageLocality, kept by the scheduler cache as nodes come,
 * change and go. Upstream keeps, per node, each image's size and the number
 * of nodes holding it (pkg/scheduler/backend/cache/cache.go
 * addNodeImageStates, ImageStateSummary.NumNodes). Here the sizes are also
 * laid out per image in one array by node id: scoring 500 nodes for a pod
 * then reads one array per image of the pod, instead of 500 maps of images,
 * one per node, each a likely cache miss.
 */
import type { Node } from '../../api/types/node.js';
import { nodeImageSizes } from '../framework/image-names.js';
import type { NodeInfo } from '../framework/node-info.js';

export interface ImageHolders {
  /** How many nodes list the image. */
  readonly count: number;
  /** The image's size in bytes by node id; 0 where the node does not list it, and past the end. */
  readonly sizes: Float64Array;
}

interface Holders {
  count: number;
  sizes: Float64Array;
}

function roomFor(id: number): number {
  return Math.max(64, 2 ** Math.ceil(Math.log2(id + 1)));
}

export class ImageNodes {
  /** Normalized image name → its holders. */
  private readonly byImage = new Map<string, Holders>();
  /** The Node object whose images are counted under each node id. */
  private readonly nodeById: Array<Node | undefined> = [];

  /** How many nodes list `image` (normalized). */
  count(image: string): number {
    return this.byImage.get(image)?.count ?? 0;
  }

  holders(image: string): ImageHolders | undefined {
    return this.byImage.get(image);
  }

  /**
   * Whether the sizes describe this NodeInfo: its id is indexed, with the
   * same Node object (so the same status images). Copies of a cache node
   * (preemption, nominated pods) share both; a NodeInfo built elsewhere,
   * or from another version of the node, does not.
   */
  describes(nodeInfo: NodeInfo): boolean {
    const id = nodeInfo.id;
    return id >= 0 && this.nodeById[id] === nodeInfo.node;
  }

  /** Counts the images of `node`, the node with this id. */
  add(id: number, node: Node): void {
    while (this.nodeById.length < id) this.nodeById.push(undefined);
    this.nodeById[id] = node;
    for (const [image, size] of nodeImageSizes(node)) {
      let holders = this.byImage.get(image);
      if (holders === undefined) {
        holders = { count: 0, sizes: new Float64Array(roomFor(id)) };
        this.byImage.set(image, holders);
      } else if (id >= holders.sizes.length) {
        const sizes = new Float64Array(roomFor(id));
        sizes.set(holders.sizes);
        holders.sizes = sizes;
      }
      holders.count++;
      holders.sizes[id] = size;
    }
  }

  /** Undoes add(id, node). */
  remove(id: number, node: Node): void {
    if (this.nodeById[id] === node) this.nodeById[id] = undefined;
    for (const image of nodeImageSizes(node).keys()) {
      const holders = this.byImage.get(image);
      if (holders === undefined) continue;
      holders.count--;
      if (holders.count === 0) this.byImage.delete(image);
      else if (id < holders.sizes.length) holders.sizes[id] = 0;
    }
  }
}
