/**
 * Nodes with `nodeAgent: kwok` (src/node/kwok-agent.ts): no kubelet runs
 * their pods; KWOK's default stages write a bound pod Running and Ready in
 * one status update after the configured delay, delete a pod being deleted
 * at once, and keep the node's Lease renewed so that the node lifecycle
 * controller leaves it Ready.
 */
import { describe, expect, it } from 'vitest';
import type { Lease, Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

function scenario(options: { duration: string; delay?: string; agent?: string; timeline?: string }): string {
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: kwok }
spec:
  duration: ${options.duration}
  cluster:
    nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 8Gi }, nodeAgent: ${options.agent ?? 'kwok'} } ]
  timing:
    kubelet: { podStartup: 2s }
${options.delay === undefined ? '' : `    kwok: { podReadyDelay: ${options.delay} }\n`}  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec: { containers: [ { name: app, image: "web:1" }, { name: sidecar, image: "proxy:1" } ] }
${options.timeline ?? ''}`;
}

interface PodWrite {
  readonly tMs: number;
  readonly pod: Pod;
}

/** Every stored version of pod `web`, with the time it was written. */
function podWrites(cluster: SimulatedCluster): PodWrite[] {
  const writes: PodWrite[] = [];
  cluster.store.observe({
    onChange: (change, tMs) => {
      if (change.object.kind === 'Pod' && change.type !== 'DELETED') writes.push({ tMs, pod: change.object as Pod });
    },
  });
  return writes;
}

const condition = (pod: Pod, type: string): string | undefined => pod.status?.conditions?.find((c) => c.type === type)?.status;

describe('KWOK node agent', () => {
  it.each([
    { delay: undefined, delayMs: 0 },
    { delay: '3s', delayMs: 3_000 },
    { delay: '250ms', delayMs: 250 },
  ])('writes a bound pod Running and Ready in one update, podReadyDelay $delay after the binding', ({ delay, delayMs }) => {
    const cluster = new SimulatedCluster(scenarioFromYaml(scenario({ duration: '1m', ...(delay === undefined ? {} : { delay }) })), { freezeObjects: true });
    const writes = podWrites(cluster);
    cluster.run();
    const bound = writes.find((w) => w.pod.spec.nodeName === 'n-0');
    const statusWrites = writes.filter((w) => w.pod.status?.phase !== undefined && w.pod.status.phase !== 'Pending');
    expect(bound).toBeDefined();
    // One status update after the binding: Pending -> Running with every condition True.
    expect(statusWrites).toHaveLength(1);
    const [ready] = statusWrites as [PodWrite];
    expect(ready.tMs - (bound as PodWrite).tMs).toBe(delayMs);
    expect(ready.pod.status?.phase).toBe('Running');
    for (const type of ['Initialized', 'ContainersReady', 'Ready', 'PodScheduled']) expect(condition(ready.pod, type)).toBe('True');
    expect(ready.pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe(ready.tMs);
    expect(ready.pod.status?.startTime).toBe(ready.tMs);
    expect(ready.pod.status?.podIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    // The first node's address, as its kubelet would report it (10.0.<index / 256>.<index % 256>).
    expect(ready.pod.status?.hostIP).toBe('10.0.0.0');
    expect(ready.pod.status?.containerStatuses).toEqual([
      { name: 'app', image: 'web:1', ready: true, started: true, restartCount: 0, state: { running: { startedAt: ready.tMs } } },
      { name: 'sidecar', image: 'proxy:1', ready: true, started: true, restartCount: 0, state: { running: { startedAt: ready.tMs } } },
    ]);
  });

  it('takes the kubelet\'s start-up time out: the same pod on a kubelet node is Ready 2 s (podStartup) after its binding, in more than one update', () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(scenario({ duration: '1m', agent: 'kubelet' })), { freezeObjects: true });
    const writes = podWrites(cluster);
    cluster.run();
    const bound = writes.find((w) => w.pod.spec.nodeName === 'n-0') as PodWrite;
    const readyAt = writes.find((w) => condition(w.pod, 'Ready') === 'True') as PodWrite;
    expect(readyAt.tMs - bound.tMs).toBe(2_000);
    expect(writes.filter((w) => w.tMs > bound.tMs).length).toBeGreaterThan(1);
  });

  it('keeps the node Ready for an hour with no kubelet: its Lease is renewed every 10-10.4 s and nothing marks it NotReady', () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(scenario({ duration: '1h' })), { freezeObjects: true });
    const renewals: number[] = [];
    const notReady: number[] = [];
    cluster.store.observe({
      onChange: (change, tMs) => {
        if (change.object.kind === 'Lease') renewals.push((change.object as Lease).spec.renewTime as number);
        if (change.object.kind === 'Node' && condition(change.object as unknown as Pod, 'Ready') !== 'True') notReady.push(tMs);
      },
    });
    cluster.run();
    expect(cluster.nodeAgents.kubelets.size).toBe(0);
    expect(cluster.nodeAgents.kwokAgents.size).toBe(1);
    expect(notReady).toEqual([]);
    const node = cluster.store.get('Node', 'n-0') as Node;
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node.spec.taints ?? []).toEqual([]);
    // The Lease is created as the agent starts (before this observer); then 3,600 s at one renewal per
    // 10-10.4 s (LEASE_RENEW_INTERVAL_MS with 4 % jitter): the first by 10.4 s, 346 to 360 in all.
    expect(renewals[0]).toBeGreaterThanOrEqual(10_000);
    expect(renewals[0]).toBeLessThanOrEqual(10_400);
    expect(renewals.length).toBeGreaterThanOrEqual(346);
    expect(renewals.length).toBeLessThanOrEqual(360);
    for (let i = 1; i < renewals.length; i++) {
      const gap = (renewals[i] as number) - (renewals[i - 1] as number);
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThanOrEqual(10_400);
    }
    expect(condition(cluster.store.get('Pod', 'web', 'default') as Pod, 'Ready')).toBe('True');
  });

  it('stops renewing on stop-kubelet, so the node lifecycle controller marks the node NotReady after its grace period', () => {
    const timeline = '  timeline:\n    - { at: 10m, action: stop-kubelet, node: n-0 }\n';
    const cluster = new SimulatedCluster(scenarioFromYaml(scenario({ duration: '15m', timeline })), { freezeObjects: true });
    cluster.run();
    const node = cluster.store.get('Node', 'n-0') as Node;
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
  });

  it.each([
    { agent: 'kwok', messages: [
      'KubeletStopped: KWOK stopped managing n-0 (no kubelet runs there); its pods keep their last status and its heartbeats stop',
      'KubeletStarted: KWOK manages n-0 again',
      'NodeFailed: Machine n-0 stopped: KWOK no longer writes its pods\' statuses, its Lease or its node status',
      'NodeBooted: Machine n-0 booted; KWOK writes its pods\' statuses and heartbeats again',
    ] },
    { agent: 'kubelet', messages: [
      'KubeletStopped: Kubelet on n-0 stopped; its containers keep running',
      'KubeletStarted: Kubelet on n-0 started',
      'NodeFailed: Machine n-0 stopped: its kubelet, containers and heartbeats are gone',
      'NodeBooted: Machine n-0 booted; its kubelet starts on an empty runtime',
    ] },
  ])('words fault events for the agent that runs the node ($agent), with the same reasons', ({ agent, messages }) => {
    const timeline = '  timeline:\n' + [
      '    - { at: 10s, action: stop-kubelet, node: n-0 }',
      '    - { at: 20s, action: start-kubelet, node: n-0 }',
      '    - { at: 30s, action: fail-node, node: n-0 }',
      '    - { at: 40s, action: recover-node, node: n-0 }',
    ].join('\n') + '\n';
    const cluster = new SimulatedCluster(scenarioFromYaml(scenario({ duration: '1m', agent, timeline })), { freezeObjects: true });
    const faults: string[] = [];
    cluster.store.observe({
      onChange: () => undefined,
      onEvent: (event) => {
        if (event.source === 'fault-injector') faults.push(`${event.reason}: ${event.message}`);
      },
    });
    cluster.run();
    expect(faults).toEqual(messages);
  });

  it('deletes a pod being deleted at once, without its 30 s grace period: no kubelet is there to stop containers', () => {
    const timeline = '  timeline:\n    - { at: 20s, action: delete, kind: Pod, name: web }\n';
    const cluster = new SimulatedCluster(scenarioFromYaml(scenario({ duration: '1m', timeline })), { freezeObjects: true });
    let deletedMs: number | undefined;
    cluster.store.observe({
      onChange: (change, tMs) => {
        if (change.object.kind === 'Pod' && change.type === 'DELETED') deletedMs = tMs;
      },
    });
    cluster.run();
    expect(cluster.store.get('Pod', 'web', 'default')).toBeUndefined();
    expect(deletedMs).toBe(20_000);
  });
});
