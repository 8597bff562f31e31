/**
 * Call-graph invariants over random graphs: with constant service times, no
 * network delay and no queueing, every request to `a` takes exactly its own
 * time plus, step by step, its call (sequential) or its slowest call
 * (parallel); each call is one request to the called Service; and every
 * Service's requests add up (total = served + failed + in flight).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/scenario.js';

const SERVICE_MS = { a: 5, b: 7, c: 11 } as const;
type Callee = 'b' | 'c';

interface Step {
  readonly parallel: boolean;
  readonly calls: ReadonlyArray<{ readonly service: Callee; readonly count: number }>;
}

const step = fc.record({
  parallel: fc.boolean(),
  calls: fc.array(fc.record({ service: fc.constantFrom<Callee>('b', 'c'), count: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
});

function callsYaml(steps: readonly Step[]): string {
  const call = (c: Step['calls'][number]) => `{ service: ${c.service}, count: ${c.count} }`;
  return `[ ${steps.flatMap((s) => (s.parallel ? [`{ parallel: [ ${s.calls.map(call).join(', ')} ] }`] : s.calls.map(call))).join(', ')} ]`;
}

/** a's own time, then each step: a sequential call's count × its time, a parallel step's slowest call. */
function expectedLatency(steps: readonly Step[]): number {
  return steps.reduce<number>((sum, s) => sum + (s.parallel ? Math.max(...s.calls.map((c) => SERVICE_MS[c.service])) : s.calls.reduce((t, c) => t + c.count * SERVICE_MS[c.service], 0)), SERVICE_MS.a);
}

function deployment(name: string): string {
  return `
    - { apiVersion: apps/v1, kind: Deployment, metadata: { name: ${name} }, spec: { replicas: 2, selector: { matchLabels: { app: ${name} } }, template: { metadata: { labels: { app: ${name} } }, spec: { containers: [ { name: ${name}, image: "${name}:1" } ] } } } }
    - { apiVersion: v1, kind: Service, metadata: { name: ${name} }, spec: { selector: { app: ${name} }, ports: [ { port: 80 } ] } }`;
}

describe('call graphs', () => {
  it('add up sequential calls, take the slowest of parallel ones, and count every call once', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
        const { report } = runYaml(`
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: call-graph-property }
spec:
  seed: 3
  duration: 40s
  cluster:
    nodePools: [ { name: w, count: 2, capacity: { cpu: "8", memory: 16Gi } } ]
  manifests:${deployment('a')}${deployment('b')}${deployment('c')}
  traffic:
    - { service: a, rps: [ { at: 20s, rps: 20 } ], serviceTime: { dist: constant, value: ${SERVICE_MS.a}ms }, concurrency: 1000, calls: ${callsYaml(steps)} }
    - { service: b, serviceTime: { dist: constant, value: ${SERVICE_MS.b}ms }, concurrency: 1000 }
    - { service: c, serviceTime: { dist: constant, value: ${SERVICE_MS.c}ms }, concurrency: 1000 }
`);
        const by = new Map(report.requests.map((r) => [r.service.slice('default/'.length), r]));
        const a = by.get('a');
        if (a === undefined || a.served === 0) throw new Error('a served nothing');
        expect(a.failed).toBe(0);
        // Latencies up to a few hundred ms: the histogram is exact below 64 ms and within 1.6 % above.
        const expected = expectedLatency(steps);
        expect(Math.abs((a.latencyMs.max ?? 0) - expected)).toBeLessThanOrEqual(expected < 64 ? 0 : expected * 0.016);
        expect(Math.abs((a.latencyMs.p50 ?? 0) - expected)).toBeLessThanOrEqual(expected < 64 ? 0 : expected * 0.016);
        for (const callee of ['b', 'c'] as const) {
          const perRequest = steps.flatMap((s) => s.calls).filter((c) => c.service === callee).reduce((n, c) => n + c.count, 0);
          const r = by.get(callee);
          // Every a request that finished made all its calls; those in flight at the end made some.
          expect(r?.total ?? 0).toBeGreaterThanOrEqual(perRequest * a.served);
          expect(r?.total ?? 0).toBeLessThanOrEqual(perRequest * a.total);
        }
        for (const r of report.requests) expect(r.total).toBe(r.served + r.failed + r.inFlightAtEnd);
      }),
      { numRuns: 12, seed: 18 },
    );
  });
});
