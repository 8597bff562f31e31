import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, runYaml } from '../helpers/scenario.js';

function yaml(opts: { timeline: string; probe?: boolean; preStop?: boolean; images?: string; network?: string; minReadySeconds?: number; duration?: string }): string {
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: faults }
spec:
  seed: 8
  duration: ${opts.duration ?? '6m'}
  cluster:
    nodePools: [ { name: n, count: 3, capacity: { cpu: "8", memory: 16Gi } } ]
  timing:
    network: ${opts.network ?? '{ watchDelay: 5ms }'}
    kubelet: { podStartup: 1s }
  images:
${opts.images ?? '    []'}
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 6
        minReadySeconds: ${opts.minReadySeconds ?? 0}
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: web
                image: "web:1"
${opts.probe === true ? '                readinessProbe: { httpGet: { path: /ready, port: 80 }, periodSeconds: 1 }' : ''}
${opts.preStop === true ? '                lifecycle: { preStop: { sleep: { seconds: 3 } } }' : ''}
    - apiVersion: v1
      kind: Service
      metadata: { name: web }
      spec: { selector: { app: web }, ports: [ { port: 80 } ] }
  traffic:
    - { service: web, rps: [ { at: 20s, rps: 200 } ], serviceTime: 10ms, timeout: 2s }
  timeline:
${opts.timeline}
`;
}

describe('request failures by fault (user story 1 and 4)', () => {
  it('a stopped kubelet loses no request: its containers keep serving until the endpoints move', () => {
    const { report } = runYaml(yaml({ timeline: '    - { at: 1m, action: stop-kubelet, node: n-1 }' }));
    const requests = report.requests[0];
    expect(requests?.failed).toBe(0);
    const endpoints = report.services[0]?.series ?? [];
    // n-1's two pods leave the ready endpoints ~50 s after the stop
    const drop = endpoints.find((p) => p.tMs > 60_000 && p.readyEndpoints === 4);
    expect((drop?.tMs ?? 0) - 60_000).toBeGreaterThanOrEqual(40_000);
    expect((drop?.tMs ?? 0) - 60_000).toBeLessThanOrEqual(60_000);
  });

  it('a machine failure times requests out until the endpoints go', () => {
    const { report } = runYaml(yaml({ timeline: '    - { at: 1m, action: fail-node, node: n-1 }' }));
    const requests = report.requests[0];
    expect(requests?.failed).toBe(requests?.failedByCause.timeout);
    // about 2 of 6 endpoints x 200/s x ~50 s = ~3 300
    expect(requests?.failed).toBeGreaterThan(2_500);
    expect(requests?.failed).toBeLessThan(4_200);
    const windows = (requests?.series ?? []).filter((p) => p.errors > 0).map((p) => p.tMs);
    expect(Math.min(...windows)).toBeGreaterThanOrEqual(50_000);
    expect(Math.max(...windows)).toBeLessThan(120_000);
  });

  it('a node cut off from everything times out the requests sent to its pods and those its clients send elsewhere', () => {
    const { report } = runYaml(yaml({ timeline: '    - { at: 1m, action: partition, nodes: [n-1], from: all, duration: 30s }' }));
    const requests = report.requests[0];
    expect(requests?.failed).toBeGreaterThan(0);
    expect(requests?.failed).toBe(requests?.failedByCause.timeout);
    const windows = (requests?.series ?? []).filter((p) => p.errors > 0).map((p) => p.tMs);
    // only while the partition lasts (the endpoints never went: 30 s < the 50 s grace)
    expect(Math.min(...windows)).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...windows)).toBeLessThan(90_000);
  });

  it('a rollout refuses requests to warming-up pods without a readiness probe, and to stopping pods without a preStop delay', () => {
    const rollout = '    - { at: 2m, action: set-image, deployment: web, container: web, image: "web:2" }';
    const images = '    - { image: "web:2", readyAfter: 3s }';
    const run = (probe: boolean, preStop: boolean) => runYaml(yaml({ timeline: rollout, images, probe, preStop })).report.requests[0];
    const neither = run(false, false);
    const probeOnly = run(true, false);
    const both = run(true, true);
    // new pods get traffic as soon as they run, 3 s before they answer
    expect(neither?.failedByCause.refused).toBeGreaterThan((probeOnly?.failedByCause.refused ?? 0) + 500);
    // old pods stop accepting at SIGTERM while kube-proxies still send them traffic (up to ~1 s)
    expect(probeOnly?.failedByCause.refused).toBeGreaterThan(0);
    expect(both?.failed).toBe(0);
  });
});

describe('API request latency and start-up phases (user stories 2 and 3)', () => {
  it('splits start-up into schedule, pull, start, probe-ready and available', () => {
    // 200Mi at 50Mi/s = 4 s pull; 1 s start; answers 2.5 s after start, readiness every 1 s; minReadySeconds 5
    const { report } = runYaml(yaml({
      timeline: '    []',
      images: '    - { image: "web:1", size: 200Mi, readyAfter: 2500ms }',
      probe: true,
      minReadySeconds: 5,
      duration: '1m',
    }));
    const phases = report.startupPhases;
    expect(phases.pullMs.count).toBe(6);
    expect(phases.pullMs.p50).toBeGreaterThanOrEqual(4_000);
    expect(phases.pullMs.max).toBeLessThanOrEqual(8_100); // two pods on one node pull one after the other
    expect(phases.startMs.p50).toBe(1_000);
    expect(phases.probeReadyMs.p50).toBeGreaterThanOrEqual(2_500);
    expect(phases.probeReadyMs.max).toBeLessThanOrEqual(3_500);
    expect(phases.availableMs.p50).toBe(5_000);
  });

  it('delays everything others see by the API latency of the writer', () => {
    const base = runYaml(yaml({ timeline: '    []', duration: '1m' })).report;
    const slow = runYaml(yaml({ timeline: '    []', duration: '1m', network: '{ watchDelay: 5ms, apiLatency: 50ms }' })).report;
    const firstReady = (r: typeof base) => r.services[0]?.series.find((p) => p.readyEndpoints > 0)?.tMs ?? 0;
    // replicaset create, scheduler bind, kubelet status, EndpointSlice write: four writes of 50 ms
    expect(firstReady(slow) - firstReady(base)).toBeGreaterThanOrEqual(200);
  });
});

describe('determinism', () => {
  it('gives the same report bytes for the same scenario and seed', () => {
    const a = runScenario(loadScenario(repoScenario('rollout-under-load.yaml')));
    const b = runScenario(loadScenario(repoScenario('rollout-under-load.yaml')));
    expect(JSON.stringify(a.report)).toBe(JSON.stringify(b.report));
    expect(a.events.length).toBe(b.events.length);
  });
});
