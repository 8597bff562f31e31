/**
 * The allocation recorder samples the nodes as the run passes the report's
 * instants instead of keeping every change (recorders/allocation.ts). On
 * random runs of node and pod changes — nodes added and deleted, with and
 * without a GPU resource; pods created, bound, finished and deleted at
 * random times, several at one instant — its section equals the one the
 * plain record of every change gives (allocation-reference.ts), to the
 * last bit of every share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { StoreChange } from '../../src/api/watch.js';
import { allocationSection } from '../../src/metrics/allocation.js';
import { AllocationRecorder, sampleTimes } from '../../src/metrics/recorders/allocation.js';
import { ReferenceAllocation } from './allocation-reference.js';

const CPUS = ['2', '4', '8'];
const POD_CPUS = ['100m', '250m', '500m', '1', '3'];
const POD_MEMORY = ['128Mi', '512Mi', '1Gi', '6Gi'];

function node(name: string, cpu: string, gpus: number): Node {
  const allocatable: Record<string, string> = { cpu, memory: '8Gi', pods: '110' };
  if (gpus > 0) allocatable['nvidia.com/gpu'] = String(gpus);
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}`, creationTimestamp: 0 }, spec: {}, status: { allocatable } } as unknown as Node;
}

function pod(uid: string, cpu: string, memory: string, gpu: number, nodeName: string | undefined, phase: string): Pod {
  const requests: Record<string, string> = { cpu, memory };
  if (gpu > 0) requests['nvidia.com/gpu'] = String(gpu);
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: uid, namespace: 'default', uid, creationTimestamp: 0 },
    spec: { ...(nodeName === undefined ? {} : { nodeName }), containers: [{ name: 'c', image: 'i', resources: { requests } }] },
    status: { phase },
  } as unknown as Pod;
}

/** One step: how long after the previous one (0: the same instant), and what happens. */
const step = fc.record({
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
  what: fc.integer({ min: 0, max: 99 }),
  pick: fc.nat(),
  cpu: fc.constantFrom(...POD_CPUS),
  memory: fc.constantFrom(...POD_MEMORY),
  gpu: fc.constantFrom(0, 0, 1, 2),
});

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** Replays `steps` as store changes (with the objects' previous versions), in time order. */
function changesOf(steps: readonly Step[], gpuNodes: boolean): Array<[StoreChange, number]> {
  const out: Array<[StoreChange, number]> = [];
  const nodes = new Map<string, Node>();
  const pods = new Map<string, Pod>();
  let t = 0, made = 0;
  for (const s of steps) {
    t += s.gapMs;
    const nodeNames = [...nodes.keys()];
    const podUids = [...pods.keys()];
    if (s.what < 15 || nodeNames.length === 0) {
      const name = `n${made++}`;
      const n = node(name, CPUS[s.pick % CPUS.length] as string, gpuNodes ? 1 + (s.pick % 4) : 0);
      nodes.set(name, n);
      out.push([{ type: 'ADDED', object: n }, t]);
    } else if (s.what < 20) {
      const name = nodeNames[s.pick % nodeNames.length] as string;
      out.push([{ type: 'DELETED', object: nodes.get(name) as Node }, t]);
      nodes.delete(name);
    } else if (s.what < 50 || podUids.length === 0) {
      const p = pod(`p${made++}`, s.cpu, s.memory, s.gpu, undefined, 'Pending');
      pods.set(p.metadata.uid, p);
      out.push([{ type: 'ADDED', object: p }, t]);
    } else {
      const uid = podUids[s.pick % podUids.length] as string;
      const old = pods.get(uid) as Pod;
      const requests = old.spec.containers[0]?.resources?.requests ?? {};
      const gpu = Number(requests['nvidia.com/gpu'] ?? 0);
      const again = (nodeName: string | undefined, phase: string): Pod => pod(uid, String(requests.cpu), String(requests.memory), gpu, nodeName, phase);
      let next: Pod | undefined;
      if (s.what < 75 && old.spec.nodeName === undefined) next = again(nodeNames[s.pick % nodeNames.length], 'Running');
      else if (s.what < 85 && old.status?.phase === 'Running') next = again(old.spec.nodeName, s.pick % 2 === 0 ? 'Succeeded' : 'Failed');
      if (next === undefined) {
        out.push([{ type: 'DELETED', object: old, oldObject: old }, t]);
        pods.delete(uid);
      } else {
        out.push([{ type: 'MODIFIED', object: next, oldObject: old }, t]);
        pods.set(uid, next);
      }
    }
  }
  return out;
}

describe('allocation sampled as the run goes', () => {
  it('gives the same section as the record of every change', () => {
    fc.assert(fc.property(
      fc.array(step, { minLength: 0, maxLength: 120 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 400_000 }),
      fc.integer({ min: 1, max: 300 }),
      (steps, gpuNodes, extraMs, samples) => {
        const changes = changesOf(steps, gpuNodes);
        const endMs = (changes.at(-1)?.[1] ?? 0) + extraMs;
        const sampled = new AllocationRecorder(sampleTimes(endMs, samples));
        const reference = new ReferenceAllocation();
        for (const [change, atMs] of changes) {
          sampled.onChange(change, atMs);
          reference.onChange(change, atMs);
        }
        expect(allocationSection(sampled.recording(), endMs)).toEqual(reference.section(endMs, samples));
      },
    ), { numRuns: 300 });
  });
});
