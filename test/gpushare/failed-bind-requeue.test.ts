/**
 * A GPU pod whose binding fails gives its devices back, and a pod GpuShare
 * rejected for want of those devices is tried again at once. Upstream,
 * handleBindingCycleError (k/k pkg/scheduler/schedule_one.go) forgets the
 * assumed pod and moves the parked pods with an AssignedPodDelete event
 * whose object is the assumed pod, bound to its node: GpuShare's hint
 * (a deleted bound GPU pod frees devices) reads spec.nodeName.
 */
import { describe, expect, it } from 'vitest';
import { observeRun } from '../helpers/cluster.js';
import { runYaml } from '../helpers/scenario.js';

const pod = (name: string, milli: number) => `
        - { apiVersion: v1, kind: Pod, metadata: { name: ${name} }, spec: { containers: [ { name: c, image: "app:1", resources: { requests: { cpu: "1", memory: 1Gi, alibaba.com/gpu-milli: "${String(milli)}" } } } ] } }`;

// One node with two devices. `first` (600 milli) takes device 0 at 1 s (400 left there). At 10 s `doomed`
// (600 milli) and `waiting` (500 milli) arrive together; the scheduler hears of them 10 ms late.
// `doomed` is deleted at 10.010 s, before the scheduler hears of it: it is assumed on device 1
// (400 + 400 left), so `waiting` passes NodeResourcesFit (800 gpu-milli left) but no device has 500:
// GpuShare alone rejects it. At 10.015 s (bind delay 5 ms) `doomed`'s bind fails (NotFound): device 1 has 1,000 again.
const SCENARIO = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: failed-bind-requeue }
spec:
  duration: 60s
  cluster: { nodePools: [ { name: g, count: 1, capacity: { cpu: "16", memory: 64Gi, nvidia.com/gpu: 2, alibaba.com/gpu-milli: 2000 } } ] }
  timing:
    network: { watchDelayByComponent: { default-scheduler: 10ms } }
    scheduler: { bindDelay: 5ms }
  scheduler:
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles: [ { schedulerName: default-scheduler, plugins: { multiPoint: { enabled: [ { name: GpuShare } ] } } } ]
  timeline:
    - { at: 1s, action: apply, manifests: [ ${pod('first', 600).trim().slice(2)} ] }
    - at: 10s
      action: apply
      manifests:${pod('doomed', 600)}${pod('waiting', 500)}
    - { at: 10010ms, action: delete-pod, pod: doomed }
`;

describe('a GPU pod whose bind fails', () => {
  it('frees its device for the pod GpuShare rejected meanwhile, which is scheduled without waiting for the 5-minute flush', () => {
    const observed = observeRun(SCENARIO, ['Pod']);
    const events = observed.events();
    const of = (name: string, reason: string) => events.filter((e) => e.name === name && e.reason === reason).map((e) => e.tMs);
    expect(of('doomed', 'FailedScheduling')).toHaveLength(1);
    expect(of('waiting', 'FailedScheduling')).toHaveLength(1);
    const rejected = of('waiting', 'FailedScheduling')[0] as number;
    const scheduled = of('waiting', 'Scheduled');
    // Requeued by the failed bind's AssignedPodDelete and scheduled in the next second, not after
    // podMaxInUnschedulablePodsDuration (5 min, beyond this 60 s run) as when the event carried the unbound pod.
    expect(scheduled).toHaveLength(1);
    expect((scheduled[0] as number) - rejected).toBeLessThan(1_000);
  });
});

// A Permit plugin that holds `doomed` 5 ms and then lets its wait time out: a rejection (Unschedulable), so the
// AssignedPodDelete comes after the failure handler and leaves `doomed` itself out.
const TIMEOUT_PLUGIN = `
export const plugins = {
  HoldDoomed: () => ({
    name: 'HoldDoomed',
    permit(_state, pod) { return pod.metadata.name === 'doomed' ? { status: { code: 'Wait', reasons: [] }, timeoutMs: 5 } : { status: { code: 'Success', reasons: [] } }; },
  }),
};
`;

describe('a GPU pod rejected at Permit after it was assumed', () => {
  it('frees its device for the pod GpuShare rejected meanwhile', () => {
    // As above, without the deletion: `doomed` is assumed on device 1 at 10 s and waits at Permit; `waiting`
    // (500 milli) finds 400 + 400 and is rejected by GpuShare; at 10.005 s doomed's wait times out.
    const yaml = SCENARIO
      .replace('    - { at: 10010ms, action: delete-pod, pod: doomed }\n', '')
      .replace('  timing:\n    network: { watchDelayByComponent: { default-scheduler: 10ms } }\n    scheduler: { bindDelay: 5ms }\n', '')
      .replace('  scheduler:\n', '  scheduler:\n    plugins: [ hold.mjs ]\n')
      .replace('[ { name: GpuShare } ]', '[ { name: GpuShare }, { name: HoldDoomed } ]');
    const { events } = runYaml(yaml, { 'hold.mjs': TIMEOUT_PLUGIN });
    const of = (name: string, reason: string) => events.filter((e) => e.name === name && e.reason === reason).map((e) => e.tMs);
    expect(of('waiting', 'FailedScheduling')).toEqual([10_000]);
    expect(of('doomed', 'FailedScheduling')[0]).toBe(10_005);
    // Requeued by the AssignedPodDelete of the assumed `doomed` and scheduled at once (before: never in the 60 s run).
    expect(of('waiting', 'Scheduled')).toEqual([10_005]);
  });
});
