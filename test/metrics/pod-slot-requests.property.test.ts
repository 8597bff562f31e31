/**
 * A pod slot keeps the pod's requests (PodSlot.requestsOf) and asks
 * podRequests again only for a spec that is not the very one it last read.
 * On random version histories of one pod — the spec kept (a status write),
 * copied with nodeName set and every field shared (a binding), or replaced
 * with other containers, init containers, pod-level resources or overhead
 * (a new object each time) — each version's requests equal the plain
 * podRequests of that version's spec.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podRequests } from '../../src/api/resources.js';
import type { Pod, PodSpec } from '../../src/api/types/pod.js';
import type { StoreChange } from '../../src/api/watch.js';
import { PodChange } from '../../src/metrics/pod-change.js';
import { PodSlot } from '../../src/metrics/pod-slot.js';

const quantity = fc.constantFrom('100m', '250m', '1', '2', '64Mi', '1Gi');
const requests = fc.record({ cpu: quantity, memory: quantity }, { requiredKeys: [] });
const container = fc.record({ name: fc.constantFrom('a', 'b'), resources: fc.record({ requests }) });
const newSpec = fc.record({
  containers: fc.array(container, { minLength: 1, maxLength: 2 }),
  initContainers: fc.option(fc.array(fc.record({ name: fc.constant('init'), resources: fc.record({ requests }), restartPolicy: fc.constantFrom(undefined, 'Always') }), { maxLength: 2 }), { nil: undefined }),
  resources: fc.option(fc.record({ requests }), { nil: undefined }),
  overhead: fc.option(requests, { nil: undefined }),
});
/** What a version does to the previous version's spec. */
const step = fc.oneof(
  fc.constant({ kind: 'same' as const }),
  fc.constantFrom('node-1', 'node-2').map((nodeName) => ({ kind: 'bind' as const, nodeName })),
  newSpec.map((spec) => ({ kind: 'replace' as const, spec })),
);

function pod(spec: PodSpec): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'uid-p', creationTimestamp: 0 }, spec } as unknown as Pod;
}

describe('PodSlot.requestsOf', () => {
  it('equals podRequests of every version, whether the spec is kept, copied at binding or replaced', () => {
    fc.assert(fc.property(newSpec, fc.array(step, { maxLength: 12 }), (first, steps) => {
      let spec = first as unknown as PodSpec;
      const slot = new PodSlot(PodChange.of({ type: 'ADDED', object: pod(spec) } as StoreChange));
      expect(slot.requestsOf(spec)).toEqual(podRequests(spec));
      for (const s of steps) {
        if (s.kind === 'bind') spec = { ...spec, nodeName: s.nodeName };
        else if (s.kind === 'replace') spec = s.spec as unknown as PodSpec;
        expect(slot.requestsOf(spec)).toEqual(podRequests(spec));
      }
    }), { numRuns: 300 });
  });
});
