/**
 * The scheduling part's allocation series (scheduling.allocation in
 * report.json): after every change, the last point's share of each
 * resource is what bound, live, unfinished pods request over what the
 * nodes offer, added up plainly from scratch (cpu, memory and extended
 * resources such as nvidia.com/gpu; a resource no node offers has no
 * share). The part keeps running totals, updated per pod bound or unbound
 * from the pod's cached requests (PodSlot.requestsOf); this checks them
 * against the plain sum on random histories of pods created, bound,
 * moved, finished and deleted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountOf, podRequests, vectorFromList } from '../../src/api/resources.js';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { StoreChange } from '../../src/api/watch.js';
import { SchedulingRecorder } from '../../src/metrics/recorders/scheduling.js';

const NODES: Record<string, Record<string, string>> = {
  n1: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '4', pods: '110' },
  n2: { cpu: '4', memory: '16Gi', pods: '110' },
};

function node(name: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}`, creationTimestamp: 0 }, spec: {}, status: { allocatable: NODES[name] } } as unknown as Node;
}

const requests = fc.record({
  cpu: fc.constantFrom('100m', '250m', '1', '2'),
  memory: fc.constantFrom('64Mi', '1Gi', '3Gi'),
  'nvidia.com/gpu': fc.constantFrom('1', '2'),
  'example.com/foo': fc.constantFrom('1', '3'),
}, { requiredKeys: [] });

/** What happens next to pod `pod` (an index into the pods made so far, or a new one). */
const step = fc.record({
  pod: fc.nat(5),
  what: fc.constantFrom('create', 'bind-n1', 'bind-n2', 'finish', 'delete'),
  requests,
});

interface PodState { pod: Pod; deleted: boolean }

describe('scheduling part: allocation shares', () => {
  it('equal the plain sum of bound, live, unfinished pods\' requests over the nodes\' allocatable after every change', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
      const part = new SchedulingRecorder();
      const recording = (): ReturnType<SchedulingRecorder['recording']> => part.recording();
      let t = 0;
      const pods: PodState[] = [];
      let nodesAdded = 0;
      const change = (c: StoreChange): void => {
        part.onChange(c, ++t);
        if (c.object.kind === 'Node') nodesAdded++;
        if (nodesAdded < Object.keys(NODES).length) return;
        // Plain: every resource any node offers; requested summed over the pods that count.
        const allocatable = new Map<string, number>();
        for (const name of Object.keys(NODES)) {
          const vector = vectorFromList(node(name).status?.allocatable);
          for (const r of ['cpu', 'memory', ...vector.scalar.keys()]) allocatable.set(r, (allocatable.get(r) ?? 0) + amountOf(vector, r));
        }
        const expected: Record<string, number> = {};
        for (const [r, offered] of allocatable) {
          let requested = 0;
          for (const { pod, deleted } of pods) {
            const counts = !deleted && (pod.spec.nodeName ?? '') !== '' && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
            if (counts) requested += amountOf(podRequests(pod.spec).actual, r);
          }
          if (offered > 0) expected[r] = requested / offered;
        }
        const series = recording().allocation;
        expect(series[series.length - 1]?.requested).toEqual(expected);
      };
      for (const name of Object.keys(NODES)) change({ type: 'ADDED', object: node(name) });
      for (const s of steps) {
        const state = pods[s.pod];
        if (s.what === 'create' || state === undefined) {
          const uid = `uid-${pods.length}`;
          const pod = {
            apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${pods.length}`, namespace: 'default', uid, creationTimestamp: t },
            spec: { containers: [{ name: 'c', resources: { requests: s.requests } }] }, status: { phase: 'Pending' },
          } as unknown as Pod;
          pods.push({ pod, deleted: false });
          change({ type: 'ADDED', object: pod });
          continue;
        }
        if (state.deleted) continue;
        const old = state.pod;
        if (s.what === 'delete') {
          state.deleted = true;
          change({ type: 'DELETED', object: old, oldObject: old });
          continue;
        }
        // Binding copies the spec with nodeName set (a new spec object, the same containers); finishing keeps the spec.
        const next = s.what === 'finish'
          ? { ...old, status: { phase: 'Succeeded' } } as Pod
          : { ...old, spec: { ...old.spec, nodeName: s.what === 'bind-n1' ? 'n1' : 'n2' } } as Pod;
        state.pod = next;
        change({ type: 'MODIFIED', object: next, oldObject: old });
      }
    }), { numRuns: 500 });
  });
});
