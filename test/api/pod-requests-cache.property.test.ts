/**
 * podRequests and computePodRequests read one cache keyed by a spec's first
 * container (src/api/resources.ts): specs that share their container
 * objects, init containers, pod-level resources and overhead (the pods of
 * one template, a pod and its bound copy) get the requests computed for the
 * first of them. Property: on random sequences of specs drawn from shared
 * and fresh parts, both give exactly what the plain computation of a deep
 * copy gives (nothing shared, so nothing cached applies).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePodRequests, podRequests } from '../../src/api/resources.js';
import type { Container, PodSpec } from '../../src/api/types/pod.js';

const SEED = Number(process.env.FC_SEED ?? 16_331);
const RUNS = Number(process.env.FC_RUNS ?? 200);

const list = fc.record(
  { cpu: fc.constantFrom('100m', '1', '250m'), memory: fc.constantFrom('256Mi', '1Gi'), 'nvidia.com/gpu': fc.constantFrom('1', '2') },
  { requiredKeys: [] },
);
/** Every container requests some cpu, so that specs of different containers mostly differ in their sums. */
const containerList = fc.record({ cpu: fc.constantFrom('100m', '1', '250m', '2'), memory: fc.constantFrom('256Mi', '1Gi'), 'nvidia.com/gpu': fc.constantFrom('1', '2') }, { requiredKeys: ['cpu'] });
const container = (name: string): fc.Arbitrary<Container> =>
  fc.record({ requests: containerList }, { requiredKeys: [] }).map((resources) => ({ name, image: 'app:1', resources }) as Container);
const restartable = container('sidecar').map((c) => ({ ...c, restartPolicy: 'Always' }) as Container);

/** Parts specs are made of: a few of each, picked by index, so that specs share them or not. */
const parts = fc.record({
  containers: fc.array(container('app'), { minLength: 2, maxLength: 4 }),
  inits: fc.array(fc.array(fc.oneof(container('init'), restartable), { maxLength: 2 }), { minLength: 1, maxLength: 2 }),
  overheads: fc.array(list, { minLength: 1, maxLength: 2 }),
  podLevels: fc.array(list, { minLength: 1, maxLength: 2 }),
});

interface Pick {
  readonly containers: readonly number[];
  readonly init: number | undefined;
  readonly overhead: number | undefined;
  readonly podLevel: number | undefined;
  readonly cached: boolean;
}

const pick: fc.Arbitrary<Pick> = fc.record({
  containers: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
  // Mostly none, so that specs often share all but their containers.
  init: fc.constantFrom(undefined, undefined, 0, 1),
  overhead: fc.constantFrom(undefined, undefined, 0, 1),
  podLevel: fc.constantFrom(undefined, undefined, undefined, 0),
  cached: fc.boolean(),
});

function at<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

describe('pod requests cached per shared container', () => {
  it('are the requests of a deep copy, whatever the specs share (property)', () => {
    fc.assert(
      fc.property(parts, fc.array(pick, { minLength: 1, maxLength: 30 }), (p, picks) => {
        for (const k of picks) {
          // A new containers array each time, of shared container objects (the same first one with others after it, too).
          const containers = k.containers.map((i) => at(p.containers, i));
          const spec = {
            containers,
            ...(k.init === undefined ? {} : { initContainers: at(p.inits, k.init) }),
            ...(k.overhead === undefined ? {} : { overhead: at(p.overheads, k.overhead) }),
            ...(k.podLevel === undefined ? {} : { resources: { requests: at(p.podLevels, k.podLevel) } }),
          } as PodSpec;
          const plain = computePodRequests(structuredClone(spec));
          expect(k.cached ? podRequests(spec) : computePodRequests(spec)).toEqual(plain);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('give the pods of one template the requests computed for the first, and a spec with other init containers its own', () => {
    const app = { name: 'app', image: 'app:1', resources: { requests: { cpu: '500m', memory: '1Gi' } } } as Container;
    const first = podRequests({ containers: [app] } as PodSpec);
    expect(computePodRequests({ containers: [app], nodeName: 'n1' } as PodSpec)).toBe(first);
    // 500m + 1 (a restartable init container adds to the sum): 1500m.
    const sidecar = { name: 'sidecar', image: 's:1', restartPolicy: 'Always', resources: { requests: { cpu: '1' } } } as Container;
    expect(podRequests({ containers: [app], initContainers: [sidecar] } as PodSpec).actual.cpuMilli).toBe(1500);
    expect(podRequests({ containers: [app] } as PodSpec).actual.cpuMilli).toBe(500);
  });
});
