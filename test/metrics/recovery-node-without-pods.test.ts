import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/api/types/core.js';
import type { Node } from '../../src/api/types/node.js';
import { RecoveryRecorder } from '../../src/metrics/recorders/recovery.js';
import { makeNode } from '../helpers/builders.js';

function faultEvent(node: string, reason: string): KubeEvent {
  return { involvedObject: { kind: 'Node', name: node }, reason, message: '', type: 'Normal', source: 'fault-injector' };
}

/** Node n as the node lifecycle controller leaves it: Ready Unknown, and the unreachable NoExecute taint when `tainted`. */
function notReady(tainted: boolean): Node {
  const node = makeNode('n');
  return {
    ...node,
    spec: tainted ? { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } : {},
    status: { ...node.status, conditions: [{ type: 'Ready', status: 'Unknown', lastTransitionTime: 0 }] },
  };
}

describe('the recovery record of a failed node that had no Ready pods', () => {
  // Nothing ran there, so nothing is to recover: recovered at the failure (+0 ms).
  // Its NotReady and taint still come from the node lifecycle controller
  // (grace period 40 s, then the taint) and belong in the record.
  const run = (endFaultBeforeNotReady: boolean) => {
    const recorder = new RecoveryRecorder();
    recorder.onEvent(faultEvent('n', 'NodeFailed'), 60_000);
    if (endFaultBeforeNotReady) recorder.onEvent(faultEvent('n', 'NodeBooted'), 70_000);
    recorder.onChange({ type: 'MODIFIED', object: notReady(false) }, 100_000);
    recorder.onChange({ type: 'MODIFIED', object: notReady(true) }, 100_050);
    return recorder.finished(600_000);
  };

  it('records NotReady and the taint seen while the fault lasts (both were absent before)', () => {
    expect(run(false)).toEqual([{ node: 'n', fault: 'machine', failedMs: 60_000, recoveredMs: 60_000, notReadyMs: 100_000, taintedMs: 100_050, lostCapacityPodSeconds: 0 }]);
  });

  it('does not take a NotReady that comes after the fault ended', () => {
    expect(run(true)).toEqual([{ node: 'n', fault: 'machine', failedMs: 60_000, recoveredMs: 60_000, lostCapacityPodSeconds: 0 }]);
  });
});
