import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../src/api/types/discovery.js';
import type { Lease, Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { changesOf, observeRun } from '../helpers/cluster.js';

function scenario(failAt: string, extraTimeline = ''): string {
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: node-failure-test }
spec:
  seed: 4
  duration: 10m
  cluster:
    nodePools:
      - { name: w, count: 4, capacity: { cpu: "4", memory: 16Gi }, labels: { topology.kubernetes.io/zone: a } }
  timing:
    network: { watchDelay: 5ms }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: api }
      spec:
        replicas: 8
        selector: { matchLabels: { app: api } }
        template:
          metadata: { labels: { app: api } }
          spec: { containers: [ { name: api, image: api:1, resources: { requests: { cpu: 250m } } } ] }
    - apiVersion: v1
      kind: Service
      metadata: { name: api }
      spec: { selector: { app: api }, ports: [ { port: 80 } ] }
  timeline:
    - { at: ${failAt}, action: fail-node, node: w-1 }
${extraTimeline}`;
}

describe('a hard node failure with default timings (kube-controller-manager flags)', () => {
  const run = observeRun(scenario('2m'));
  const failMs = 120_000;
  const renewals = changesOf<Lease>(run, 'Lease', 'w-1').map((c) => c.object.spec.renewTime as number).filter((t) => t <= failMs);
  const lastHeartbeatMs = Math.max(...renewals);
  const nodeChanges = changesOf<Node>(run, 'Node', 'w-1');
  const notReadyMs = nodeChanges.find((c) => c.tMs > failMs && c.object.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'Unknown')?.tMs as number;
  const noExecute = nodeChanges.find((c) => c.tMs > failMs && (c.object.spec.taints ?? []).some((t) => t.effect === 'NoExecute'));
  const taintMs = noExecute?.tMs as number;
  const podsOnNode = new Set(changesOf<Pod>(run, 'Pod').filter((c) => c.object.spec.nodeName === 'w-1' && c.tMs < failMs).map((c) => c.object.metadata.uid));
  // Endpoints removed: the first slice write after the failure in which none of w-1's pods is ready.
  const slices = changesOf<EndpointSlice>(run, 'EndpointSlice');
  const removedMs = slices.find((c) => c.tMs > failMs && c.object.endpoints.every((e) => !podsOnNode.has(e.targetRef?.uid ?? '') || e.conditions.ready === false))?.tMs as number;
  const events = run.events();
  const evictions = events.filter((e) => e.reason === 'TaintManagerEviction');
  const creates = events.filter((e) => e.reason === 'SuccessfulCreate' && e.tMs > failMs);

  it('stops renewing the Lease at the failure (renewals every 10-10.4 s before it)', () => {
    expect(failMs - lastHeartbeatMs).toBeGreaterThanOrEqual(0);
    expect(failMs - lastHeartbeatMs).toBeLessThanOrEqual(10_400);
    expect(renewals.length).toBeGreaterThanOrEqual(11);
  });

  it('sets Ready=Unknown on the 5 s pass 50 s after the one that saw the last renewal', () => {
    // The controller saw the renewal on its next pass (<= 5 s later); Unknown 50 s after that pass.
    expect(notReadyMs % 5_000).toBe(0);
    expect(notReadyMs - lastHeartbeatMs).toBeGreaterThanOrEqual(50_000);
    expect(notReadyMs - lastHeartbeatMs).toBeLessThanOrEqual(55_000);
    // 40-60 s after the failure: the 50 s grace period counts from the last
    // Lease renewal (every 10 s), seen on 5 s --node-monitor-period passes
    // (k/k node_lifecycle_controller.go tryUpdateNodeHealth)
    expect(notReadyMs - failMs).toBeGreaterThanOrEqual(40_000);
    expect(notReadyMs - failMs).toBeLessThanOrEqual(60_000);
  });

  it('removes the endpoints about 50 s after the last heartbeat, never before 40 s', () => {
    expect(removedMs - lastHeartbeatMs).toBeGreaterThanOrEqual(40_000);
    expect(removedMs - lastHeartbeatMs).toBeLessThanOrEqual(56_000);
    // marked NotReady at the pass, the EndpointSlice written within a few watch delays
    expect(removedMs - notReadyMs).toBeLessThan(100);
  });

  it('adds unreachable:NoExecute on the next pass, through the 100 ms tainting grid', () => {
    // observed Unknown on the next pass (+5 s), tainted by the following 100 ms drain
    expect(taintMs - notReadyMs).toBe(5_100);
    expect(noExecute?.object.spec.taints?.find((t) => t.effect === 'NoExecute')?.key).toBe('node.kubernetes.io/unreachable');
  });

  it('evicts the pods 300 s after the taint and the ReplicaSet replaces them at once', () => {
    expect(evictions.length).toBe(podsOnNode.size);
    for (const e of evictions) expect(e.tMs).toBe(taintMs + 300_000);
    expect(creates.length).toBe(podsOnNode.size);
    for (const c of creates) expect(c.tMs - (taintMs + 300_000)).toBeLessThan(100);
  });

  it('reports the timeline in recovery[]', () => {
    const recovery = run.cluster.recorder.recording(600_000).recovery;
    expect(recovery).toHaveLength(1);
    const r = recovery[0];
    expect(r).toMatchObject({ node: 'w-1', fault: 'machine', failedMs: failMs, notReadyMs, taintedMs: taintMs, evictedMs: taintMs + 300_000 });
    // replacements start in 1.5 s typically (lognormal, p99 5 s)
    expect((r?.recoveredMs ?? 0) - (taintMs + 300_000)).toBeLessThan(10_000);
    // the pods on w-1 were lost from the failure until their replacements were Ready
    expect(r?.lostCapacityPodSeconds).toBeGreaterThan(podsOnNode.size * ((r?.evictedMs ?? 0) - failMs) / 1000);
  });
});

describe('a node that comes back before its pods are evicted (taint_eviction.go)', () => {
  it('loses its taints and keeps its pods when the kubelet restarts within the toleration', () => {
    const run = observeRun(scenario('2m', '    - { at: 4m, action: stop-kubelet, node: w-2 }\n    - { at: 6m, action: start-kubelet, node: w-2 }'));
    const events = run.events();
    const onW2 = events.filter((e) => e.reason === 'Scheduled' && e.message.endsWith('to w-2') && e.tMs < 240_000).map((e) => e.name);
    expect(onW2.length).toBeGreaterThan(0);
    // No pod of w-2 was evicted; the kubelet adopted its running containers (no new Started event for them after 4m).
    expect(events.filter((e) => e.reason === 'TaintManagerEviction' && onW2.includes(e.name))).toEqual([]);
    expect(events.filter((e) => e.reason === 'Started' && e.tMs > 240_000 && onW2.includes(e.name))).toEqual([]);
    const w2 = changesOf<Node>(run, 'Node', 'w-2');
    const last = w2[w2.length - 1]?.object;
    expect(last?.spec.taints ?? []).toEqual([]);
    expect(last?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    // It went NotReady in between and was tainted.
    expect(w2.some((c) => (c.object.spec.taints ?? []).some((t) => t.effect === 'NoExecute'))).toBe(true);
  });
});
