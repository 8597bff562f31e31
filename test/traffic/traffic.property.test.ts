import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProxyEndpoint } from '../../src/network/kube-proxy.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

interface Case {
  readonly replicas: number;
  readonly rps: number;
  readonly balancing: 'random' | 'round-robin';
  readonly serviceMs: number;
  readonly concurrency: number;
  readonly rolloutAtS: number;
  readonly faultAtS: number;
  readonly fault: 'fail-node' | 'stop-kubelet' | 'partition-cp' | 'partition-all' | 'none';
  readonly scaleTo: number;
  readonly probe: boolean;
}

function yaml(c: Case): string {
  const fault = {
    'fail-node': `    - { at: ${c.faultAtS}s, action: fail-node, node: w-1 }`,
    'stop-kubelet': `    - { at: ${c.faultAtS}s, action: stop-kubelet, node: w-1 }`,
    'partition-cp': `    - { at: ${c.faultAtS}s, action: partition, nodes: [w-1], duration: 90s }`,
    'partition-all': `    - { at: ${c.faultAtS}s, action: partition, nodes: [w-1], from: all, duration: 90s }`,
    none: '',
  }[c.fault];
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: traffic-property }
spec:
  seed: ${c.replicas * 7 + c.rps}
  duration: 4m
  cluster:
    nodePools: [ { name: w, count: 3, capacity: { cpu: "8", memory: 16Gi } } ]
  timing:
    # Controllers see changes after 5 ms; the data-path components lag more and randomly.
    network:
      watchDelay: 5ms
      watchDelayByComponent:
        kube-proxy: { dist: uniform, min: 1ms, max: 300ms }
        kube-controller-manager: { dist: uniform, min: 1ms, max: 50ms }
        kubelet: { dist: uniform, min: 1ms, max: 40ms }
    kubelet: { podStartup: { dist: uniform, min: 500ms, max: 3s } }
  images:
    - { image: "app:2", readyAfter: { dist: uniform, min: 0s, max: 4s } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: app }
      spec:
        replicas: ${c.replicas}
        selector: { matchLabels: { app: app } }
        template:
          metadata: { labels: { app: app } }
          spec:
            containers:
              - name: app
                image: "app:1"
${c.probe ? '                readinessProbe: { httpGet: { path: /ready, port: 80 }, periodSeconds: 2 }' : ''}
    - apiVersion: v1
      kind: Service
      metadata: { name: app }
      spec: { selector: { app: app }, ports: [ { port: 80 } ] }
  traffic:
    - { service: app, rps: ${c.rps}, serviceTime: { dist: exponential, mean: ${c.serviceMs}ms }, concurrency: ${c.concurrency}, timeout: 3s, loadBalancing: ${c.balancing}, queueLimit: 50 }
  timeline:
    - { at: ${c.rolloutAtS}s, action: set-image, deployment: app, container: app, image: "app:2" }
    - { at: ${c.rolloutAtS + 20}s, action: scale, deployment: app, replicas: ${c.scaleTo} }
${fault}
`;
}

const cases = fc.record({
  replicas: fc.integer({ min: 1, max: 6 }),
  rps: fc.integer({ min: 20, max: 300 }),
  balancing: fc.constantFrom<Case['balancing']>('random', 'round-robin'),
  serviceMs: fc.integer({ min: 1, max: 80 }),
  concurrency: fc.integer({ min: 1, max: 8 }),
  rolloutAtS: fc.integer({ min: 10, max: 120 }),
  faultAtS: fc.integer({ min: 5, max: 150 }),
  fault: fc.constantFrom<Case['fault']>('fail-node', 'stop-kubelet', 'partition-cp', 'partition-all', 'none'),
  scaleTo: fc.integer({ min: 0, max: 6 }),
  probe: fc.boolean(),
});

describe('the traffic model', () => {
  it('never serves a request from a pod that was not Ready in the entry node\'s proxy view', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const cluster = new SimulatedCluster(scenarioFromYaml(yaml(c)), { freezeObjects: true });
        // The rules each node's kube-proxy applied, recorded when it applied them.
        const applied = new Map<string, ReadonlyMap<string, ProxyEndpoint>>();
        for (const [node, proxy] of cluster.nodeAgents.kubeProxies) {
          proxy.onSync = () => {
            const view = proxy.endpoints('default/app');
            applied.set(node, new Map((view?.targets ?? []).map((e) => [e.ip, e])));
          };
        }
        const routedPods = new Set<string>();
        let violations = 0;
        let served = 0;
        let lastRoute: ProxyEndpoint | undefined;
        cluster.trafficPlane.traffic.observer = {
          routed: (route) => {
            const rules = applied.get(route.entryNode);
            const entry = rules?.get(route.endpoint.ip);
            // In the rules the node applied, as ready, or serving while terminating when nothing is ready.
            const fallbackOk = route.view.fallback && entry?.serving === true && entry.terminating;
            if (entry === undefined || !(entry.ready || fallbackOk)) violations++;
            lastRoute = route.endpoint;
            routedPods.add(route.endpoint.podUid);
          },
          served: (_service, podUid) => {
            served++;
            // The pod that answered is the one the endpoint names (pod IPs are never reused).
            if (!routedPods.has(podUid)) violations++;
          },
        };
        cluster.run();
        expect(violations).toBe(0);
        if (c.rps > 0 && lastRoute !== undefined) expect(served).toBeGreaterThan(0);
      }),
      { numRuns: 10, seed: 515 },
    );
  });

  it('conserves requests: arrived = served + failed + in flight, for every window too', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const cluster = new SimulatedCluster(scenarioFromYaml(yaml(c)), { freezeObjects: true });
        cluster.run();
        const [stats] = cluster.recorder.recording(240_000).requests;
        if (stats === undefined) throw new Error('no request stats');
        const failed = Object.values(stats.failedByCause).reduce((a, b) => a + b, 0);
        expect(failed).toBe(stats.failed);
        expect(stats.total).toBe(stats.served + stats.failed + stats.inFlightAtEnd);
        // Poisson at rps for 240 s: within 5 standard deviations of rps x 240
        const mean = c.rps * 240;
        expect(Math.abs(stats.total - mean)).toBeLessThan(5 * Math.sqrt(mean));
        const windowed = stats.series.reduce((sum, p) => sum + p.served + p.errors, 0);
        expect(windowed).toBe(stats.served + stats.failed);
      }),
      { numRuns: 10, seed: 77 },
    );
  });
});
