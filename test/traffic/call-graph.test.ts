/**
 * Call graphs (issue 18 item 3): a request's latency is its own service
 * time plus its calls, added up step by step, a parallel step counting as
 * its slowest call; a failing backend shows up as the caller's errors,
 * blamed on it. Service times are constant and there is no network delay,
 * and the load is light (20 requests/s over 2 pods of concurrency 10), so
 * nothing queues and every latency is exact (the histogram is exact below
 * 64 ms). b and c serve 100 requests at once per pod: a burst of Poisson
 * arrivals fanning out 3 calls each must not queue either.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceRequestReport } from '../../src/metrics/request-stats.js';
import { trafficAnswers } from '../../src/report/text/traffic-answers.js';
import { runYaml } from '../helpers/scenario.js';

function deployment(name: string, replicas = 2): string {
  return `
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: ${name} }
      spec:
        replicas: ${replicas}
        selector: { matchLabels: { app: ${name} } }
        template:
          metadata: { labels: { app: ${name} } }
          spec: { containers: [ { name: ${name}, image: "${name}:1" } ] }
    - apiVersion: v1
      kind: Service
      metadata: { name: ${name} }
      spec: { selector: { app: ${name} }, ports: [ { port: 80 } ] }`;
}

function run(calls: string, options: { cReplicas?: number; cTimeout?: string } = {}): Map<string, ServiceRequestReport> {
  const { report } = runYaml(`
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: call-graph }
spec:
  seed: 9
  duration: 2m
  cluster:
    nodePools: [ { name: w, count: 2, capacity: { cpu: "8", memory: 16Gi } } ]
  manifests:${deployment('a')}${deployment('b')}${deployment('c', options.cReplicas ?? 2)}
  traffic:
    - { service: a, rps: [ { at: 30s, rps: 20 } ], serviceTime: { dist: constant, value: 10ms }, calls: ${calls} }
    - { service: b, serviceTime: { dist: constant, value: 20ms }, concurrency: 100 }
    - { service: c, serviceTime: { dist: constant, value: 30ms }, concurrency: 100${options.cTimeout === undefined ? '' : `, timeout: ${options.cTimeout}`} }
`);
  return new Map(report.requests.map((r) => [r.service.slice('default/'.length), r]));
}

describe('call graph latency', () => {
  it.each([
    // [calls, a's latency by hand]
    ['[ { service: b }, { service: c } ]', 60], // 10 + 20 + 30: sequential calls add up
    ['[ { parallel: [ { service: b }, { service: c } ] } ]', 40], // 10 + max(20, 30)
    ['[ { service: b, count: 2 } ]', 50], // 10 + 20 + 20
    ['[ { service: b }, { parallel: [ { service: b }, { service: c, count: 2 } ] } ]', 60], // 10 + 20 + max(20, 30, 30)
    ['[ { parallel: [ { service: b, count: 3 } ] } ]', 30], // 10 + max(20, 20, 20)
  ])('calls %s → %d ms', (calls, expected) => {
    const services = run(calls);
    const a = services.get('a');
    expect(a?.failed).toBe(0);
    expect(a?.latencyMs.p50).toBe(expected);
    expect(a?.latencyMs.max).toBe(expected);
    // The called Services count the calls as their own requests: b at 20 ms, c at 30 ms.
    expect(services.get('b')?.latencyMs.max).toBe(20);
  });

  it('makes count calls per request, and each with its probability', () => {
    const services = run('[ { service: b, count: 2 }, { service: c, probability: 0.25 } ]');
    const a = services.get('a')?.served ?? 0;
    expect(services.get('b')?.total).toBe(2 * a);
    // Binomial(a ≈ 1 800, 0.25): sd = sqrt(0.25 × 0.75 / a) ≈ 0.0102; within 4 sd of 0.25.
    expect(Math.abs((services.get('c')?.total ?? 0) / a - 0.25)).toBeLessThan(4 * Math.sqrt(0.25 * 0.75 / a));
  });
});

describe('a failing backend', () => {
  it('fails the caller, blamed on the backend, after the retries', () => {
    // c has no pods: every attempt fails at once (noEndpoints); 1 try + 2 retries per request.
    const services = run('[ { service: b }, { service: c, retries: 2 } ]', { cReplicas: 0 });
    const a = services.get('a');
    const c = services.get('c');
    expect(a?.served).toBe(0);
    expect(a?.failedByCause.dependency).toBe(a?.failed);
    expect(a?.failedByDependency).toEqual({ 'default/c': a?.failed });
    expect(c?.total).toBe(3 * (a?.total ?? 0));
    expect(c?.failedByCause.noEndpoints).toBe(c?.total);
    // b was called first and answered every time: the failure is c's alone.
    expect(services.get('b')?.failed).toBe(0);
  });

  it('times a slow call out at the call timeout and blames the slow Service', () => {
    // c takes 30 ms; its callers give up after 25 ms.
    const services = run('[ { service: c, timeout: 25ms } ]');
    const a = services.get('a');
    expect(a?.served).toBe(0);
    expect(a?.failedByDependency).toEqual({ 'default/c': a?.failed });
    expect(services.get('c')?.failedByCause.timeout).toBe(services.get('c')?.total);
  });

  it('says which Service caused the failures in the summary', () => {
    const { report } = runYaml(`
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: chain }
spec:
  seed: 9
  duration: 1m
  cluster:
    nodePools: [ { name: w, count: 2, capacity: { cpu: "8", memory: 16Gi } } ]
  manifests:${deployment('a')}${deployment('b')}${deployment('c', 0)}
  traffic:
    - { service: a, rps: [ { at: 30s, rps: 20 } ], calls: [ { service: b } ] }
    - { service: b, calls: [ { service: c } ] }
`);
    // a → b → c: c has no endpoints, so b fails, so a fails; both are blamed on c, the end of the chain.
    const a = report.requests.find((r) => r.service === 'default/a');
    expect(a?.failedByDependency).toEqual({ 'default/c': a?.failed });
    expect(trafficAnswers(report).map((t) => t.text)).toContain(`Requests to default/a: ${a?.failed.toLocaleString("en-US")} failed because a call to another Service failed, caused by default/c (${a?.failed.toLocaleString("en-US")}).`);
  });
});
