/**
 * A pod deleted between its scheduling decision and its binding, while the
 * scheduler's informer has not seen the deletion yet (watch delay 10 ms).
 * The failed bind is an internal error: the pod goes to the error back-off
 * heap, which is never popped early (k/k pkg/scheduler/backend/queue
 * backoff_queue.go, podErrorBackoffQ), so the
 * scheduler does not retry at the same instant; by the time the back-off
 * ends its informer knows the pod is gone. (An earlier version popped it at
 * once and span forever at one simulated millisecond.)
 */
import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/scenario.js';

const SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: bind-race }
spec:
  duration: 30s
  cluster:
    nodePools: [ { name: n, count: 2, capacity: { cpu: "4", memory: 8Gi } } ]
  timing:
    network: { watchDelayByComponent: { default-scheduler: 10ms } }
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: { name: doomed }
      spec: { containers: [ { name: c, image: app:1 } ] }
  timeline:
    # The scheduler hears of the pod at 10 ms and schedules it in the same
    # instant; this deletion runs just before its scheduling cycle.
    - { at: 10ms, action: delete-pod, pod: doomed }
`;

describe('a pod deleted while its binding is in flight', () => {
  it('fails the bind once, backs off, and is forgotten without a retry storm', () => {
    const { pods, events } = runYaml(SCENARIO);
    const failures = events.filter((e) => e.reason === 'FailedScheduling' && e.name === 'doomed');
    // One failed bind (the pod is gone), reported once.
    expect(failures.map((e) => [e.tMs, e.message.startsWith('Binding rejected')])).toEqual([[10, true]]);
    expect(events.some((e) => e.reason === 'Scheduled' && e.name === 'doomed')).toBe(false);
    const pod = pods.find((p) => p.name === 'doomed');
    expect(pod?.deletedMs).toBe(10);
    expect(pod?.node).toBeUndefined();
  });
});
