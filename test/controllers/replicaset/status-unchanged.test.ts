/**
 * When the ReplicaSet controller skips its status write
 * (replica_set_utils.go updateReplicaSetStatus): the counts compare as Go
 * int32s (missing is 0), terminatingReplicas as a pointer (missing is not
 * 0), conditions deep-equal.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicaSetStatus } from '../../../src/api/types/apps.js';
import { statusUnchanged } from '../../../src/controllers/replicaset/status.js';

const written: ReplicaSetStatus = {
  replicas: 3,
  fullyLabeledReplicas: 3,
  readyReplicas: 2,
  availableReplicas: 2,
  terminatingReplicas: 0,
  observedGeneration: 4,
};
/** `status` without one field. */
function without(status: ReplicaSetStatus, field: 'fullyLabeledReplicas' | 'terminatingReplicas'): ReplicaSetStatus {
  const copy: Record<string, unknown> = { ...status };
  delete copy[field];
  return copy as unknown as ReplicaSetStatus;
}
const failure = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: 5_000 } as const;

describe('ReplicaSet status write skipped when nothing changes', () => {
  it.each<[string, ReplicaSetStatus | undefined, ReplicaSetStatus, boolean]>([
    ['the same figures', written, { ...written }, true],
    ['no status yet', undefined, written, false],
    ['one more ready pod', written, { ...written, readyReplicas: 3 }, false],
    ['one fewer available pod', written, { ...written, availableReplicas: 1 }, false],
    ['a newer generation observed', written, { ...written, observedGeneration: 5 }, false],
    // Go reads a missing int32 as 0: a status without fullyLabeledReplicas already says 0.
    ['fullyLabeledReplicas missing against 0', without(written, 'fullyLabeledReplicas'), { ...written, fullyLabeledReplicas: 0 }, true],
    // terminatingReplicas is *int32: nil and 0 differ (ptr.Equal).
    ['terminatingReplicas missing against 0', without(written, 'terminatingReplicas'), written, false],
    ['a ReplicaFailure condition raised', written, { ...written, conditions: [failure] }, false],
    ['the same condition in a copied list', { ...written, conditions: [failure] }, { ...written, conditions: [{ ...failure }] }, true],
  ])('%s', (_name, current, next, unchanged) => {
    expect(statusUnchanged(current, next)).toBe(unchanged);
  });
});
