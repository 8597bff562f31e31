/**
 * ImageLocality's scoreAll reads the scheduler cache's index of image sizes
 * by node id (src/scheduler/indexes/image-nodes.ts) instead of each node's
 * own map of images. Over random sequences of nodes added, changed and
 * removed, it must give the scores of the plain per-node form (score) and
 * of image_locality.go written out below, also for a copy of a cache node
 * and for a NodeInfo the cache does not hold (those fall back to the node's
 * own images).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { SchedulerCache } from '../../src/scheduler/cache.js';
import type { FrameworkHandle } from '../../src/scheduler/framework/interfaces.js';
import { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { imageLocality } from '../../src/scheduler/plugins/image-locality.js';
import { makeNode, makePod } from '../helpers/builders.js';
import { newState } from './helpers.js';

const MB = 1024 * 1024;
/** Names as a kubelet reports them and as pods ask for them: with and without the tag ImageLocality appends. */
const NAMES = ['app', 'app:latest', 'app:v2', 'registry.io/db:1', 'registry.io:5000/cache', 'tools:7'];

/** Go's image_locality.go on one node: sum over the pod's containers of trunc(size × numNodes / totalNodes), clamped and scaled. */
function referenceScore(pod: Pod, node: Node, all: readonly Node[]): number {
  const normalized = (name: string): string => (name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name);
  const states = (n: Node): Map<string, number> => {
    const out = new Map<string, number>();
    for (const image of n.status?.images ?? []) for (const name of image.names) out.set(normalized(name), image.sizeBytes ?? 0);
    return out;
  };
  const own = states(node);
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let sum = 0;
  for (const container of containers) {
    const name = normalized(container.image ?? '');
    const size = own.get(name);
    if (size === undefined) continue;
    const numNodes = all.filter((n) => states(n).has(name)).length;
    sum += Math.trunc(size * (numNodes / all.length));
  }
  const minThreshold = 23 * MB;
  const maxThreshold = 1000 * MB * containers.length;
  const clamped = Math.min(Math.max(sum, minThreshold), maxThreshold);
  return Math.trunc((100 * (clamped - minThreshold)) / (maxThreshold - minThreshold));
}

const image = fc.record({
  names: fc.subarray(NAMES, { minLength: 1, maxLength: 2 }),
  sizeBytes: fc.integer({ min: 0, max: 3000 }).map((m) => m * MB + 7),
});

/** add / replace (a new version of the node) / remove node `index`. */
const operation = fc.record({
  kind: fc.constantFrom('set' as const, 'set' as const, 'remove' as const),
  index: fc.integer({ min: 0, max: 5 }),
  images: fc.array(image, { maxLength: 4 }),
});

const podImages = fc.record({
  init: fc.array(fc.constantFrom(...NAMES), { maxLength: 1 }),
  main: fc.array(fc.constantFrom(...NAMES, 'absent:1'), { minLength: 1, maxLength: 3 }),
});

function podWith(images: { init: readonly string[]; main: readonly string[] }): Pod {
  const pod = makePod('p');
  return {
    ...pod,
    spec: {
      ...pod.spec,
      ...(images.init.length === 0 ? {} : { initContainers: images.init.map((name, i) => ({ name: `init-${i}`, image: name })) }),
      containers: images.main.map((name, i) => ({ name: `c-${i}`, image: name })),
    },
  };
}

describe('ImageLocality over the image index', () => {
  it('scoreAll equals score and image_locality.go, after nodes come, change and go', () => {
    fc.assert(fc.property(fc.array(operation, { minLength: 1, maxLength: 14 }), podImages, (operations, images) => {
      const cache = new SchedulerCache();
      const live = new Map<string, Node>();
      for (const op of operations) {
        const name = `n${op.index}`;
        if (op.kind === 'remove') {
          const node = live.get(name);
          if (node !== undefined) cache.removeNode(node);
          live.delete(name);
        } else {
          const node = makeNode(name, { images: op.images });
          cache.addNode(node);
          live.set(name, node);
        }
      }
      const nodes = cache.nodes();
      if (nodes.length === 0) return;
      const handle = {
        nodeInfos: () => cache.nodes(),
        nodesWithImage: (name: string) => cache.nodesWithImage(name),
        images: cache.images,
      } as unknown as FrameworkHandle;
      const plugin = imageLocality(handle);
      const pod = podWith(images);
      const all = [...live.values()];
      // A copy of the first node (as preemption makes) and the second node's object in a NodeInfo of no cache.
      const scored = [...nodes, (nodes[0] as NodeInfo).clone(), ...(nodes.length > 1 ? [new NodeInfo((nodes[1] as NodeInfo).node)] : [])];
      const expected = scored.map((n) => referenceScore(pod, n.node, all));
      const out = new Float64Array(scored.length);
      plugin.scoreAll?.(newState(), pod, scored, scored.length, out);
      expect(Array.from(out)).toEqual(expected);
      expect(scored.map((n) => plugin.score(newState(), pod, n))).toEqual(expected);
    }), { numRuns: 400 });
  });
});
