/**
 * A pod slot's yes/no fields are bits of one number (metrics/pod-slot.ts):
 * on random sequences of writes to them, each reads what was last written
 * to it, as separate fields (the plain form: a record of booleans) would,
 * and a fresh slot has every one false.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import { PodChange } from '../../src/metrics/pod-change.js';
import { PodSlot } from '../../src/metrics/pod-slot.js';

const FLAGS = [
  'timelineStarted', 'deploymentExists', 'deploymentActive', 'deploymentAvailable', 'preempted',
  'startupFollowed', 'neverBound', 'pending', 'recoveryReady',
] as const;

function slot(): PodSlot {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u-1', creationTimestamp: 7 }, spec: { containers: [] } } as unknown as Pod;
  return new PodSlot(PodChange.of({ type: 'ADDED', object: pod }));
}

describe('PodSlot flags', () => {
  it('start false, and each reads what was last written to it', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...FLAGS), fc.boolean()), { maxLength: 40 }), (writes) => {
      const packed = slot();
      const plain: Record<(typeof FLAGS)[number], boolean> = Object.fromEntries(FLAGS.map((f) => [f, false])) as Record<(typeof FLAGS)[number], boolean>;
      for (const [flag, on] of writes) {
        packed[flag] = on;
        plain[flag] = on;
        for (const f of FLAGS) expect(packed[f]).toBe(plain[f]);
      }
    }), { numRuns: 500 });
  });

  it('reads its uid and creation time from the timeline', () => {
    const s = slot();
    expect([s.uid, s.createdMs]).toEqual(['u-1', 7]);
    expect(s.record).toEqual({ uid: 'u-1', name: 'p', namespace: 'default', createdMs: 7 });
  });
});
