import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { ActionType } from '../../src/scheduler/framework/cluster-events.js';
import { gpuShare } from '../../src/scheduler/gpushare/gpu-share.js';
import { observeRun } from '../helpers/cluster.js';
import { cluster } from '../scheduler/helpers.js';
import { gpuNode, gpuPod, oneGpuNodeScenario } from './helpers.js';

const bound = (pod: Pod): Pod => ({ ...pod, spec: { ...pod.spec, nodeName: 'n' } });

describe('GpuShare queueing hints', () => {
  const { handle } = cluster([[gpuNode('n', 4), []]]);
  const hints = gpuShare(handle).eventsToRegister();
  const hintFor = (resource: string, action: number) => {
    const found = hints.find((h) => h.event.resource === resource && (h.event.actionType & action) !== 0);
    if (found?.hint === undefined) throw new Error(`no hint for ${resource}`);
    return found.hint;
  };
  const waiting = gpuPod('waiting', { whole: 2 });

  it.each([
    ['a bound pod that held a shared GPU is deleted: its device is free', bound(gpuPod('a', { milli: 500 })), 'Queue'],
    ['a bound pod that held 2 GPUs is deleted', bound(gpuPod('a', { whole: 2 })), 'Queue'],
    ['a bound CPU-only pod is deleted: no device comes free', bound(gpuPod('a', {})), 'QueueSkip'],
    ['an unbound GPU pod is deleted: it held nothing', gpuPod('a', { whole: 1 }), 'QueueSkip'],
  ])('%s → %s', (_label, deleted, expected) => {
    expect(hintFor('Pod', ActionType.Delete)(waiting, deleted, undefined)).toBe(expected);
  });

  it.each([
    // The waiting pod asks for 2 whole GPUs.
    ['a node with 4 devices is added', gpuNode('m', 4), 'Queue'],
    ['a node with 2 devices is added (exactly enough when empty)', gpuNode('m', 2), 'Queue'],
    ['a node with 1 device is added: never enough', gpuNode('m', 1), 'QueueSkip'],
  ])('%s → %s', (_label, node: Node, expected) => {
    expect(hintFor('Node', ActionType.Add)(waiting, undefined, node)).toBe(expected);
  });

  it('registers no pod update: the rejected pod\'s own status write is not a reason to try again', () => {
    expect(hints.some((h) => h.event.resource === 'Pod' && (h.event.actionType & ~ActionType.Delete) !== 0)).toBe(false);
  });
});

// One node with two devices: `first` (600 milli) best-fits device 0 at 1 s, `other` (600 milli) device 1 at 2 s,
// leaving 400 + 400. `second` (500 milli) passes NodeResourcesFit (800 gpu-milli left in all) but no single
// device has 500: GpuShare rejects it at 10 s, and it waits.
const pod = (name: string, at: string) => `
    - at: ${at}
      action: apply
      manifests:
        - { apiVersion: v1, kind: Pod, metadata: { name: ${name} }, spec: { containers: [ { name: c, image: "app:1", resources: { requests: { cpu: "1", memory: 1Gi, alibaba.com/gpu-milli: ${name === 'second' ? '500' : '600'} } } } ] } }`;

describe('a pod GpuShare rejects', () => {
  it('is tried once when nothing changes, not again at once because of its own PodScheduled=False write', () => {
    const observed = observeRun(oneGpuNodeScenario('one-attempt', '20s', 2, `${pod('first', '1s')}${pod('other', '2s')}${pod('second', '10s')}`), ['Pod']);
    const failures = observed.events().filter((e) => e.reason === 'FailedScheduling' && e.name === 'second');
    expect(failures.map((e) => e.message.split(' preemption:')[0])).toEqual(['0/1 nodes are available: 1 Insufficient GPU on any single device.']);
    // No node or GPU pod changes before the run ends at 20 s, so no further attempt.
    expect(failures.map((e) => e.tMs)).toEqual([10_000]);
  });
});
