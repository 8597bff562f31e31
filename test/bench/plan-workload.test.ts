/**
 * SLO objectives scoped to one workload: a Deployment, a Service or a label
 * selector over pod templates. The scoped metrics use the aggregate's
 * formulas on the workload's share of the report (a selector that selects
 * every Deployment gives the aggregate back), a plan can pass on frontend's
 * availability while a single-replica Deployment's rollout drops the
 * cluster-wide minimum to 0, and a scope that names nothing is refused at
 * its line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetrics } from '../../src/bench/metrics.js';
import { holds } from '../../src/bench/plan-outcome.js';
import { loadPlan } from '../../src/bench/plan-spec.js';
import { inProcessRunner } from '../../src/bench/pool.js';
import { runPlan } from '../../src/bench/run-plan.js';
import { readWorkloadMetrics, SCOPABLE_METRICS } from '../../src/bench/workload-metrics.js';
import { resolveScope, type ScopeInput, type ScopeKind } from '../../src/bench/workload-scope.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

// frontend: 2 replicas behind Service frontend (20 requests/s). solo: 1 replica rolled at 30 s with
// maxSurge 0 and maxUnavailable 1, so its only pod goes before the new one is Ready: 0 of 1 available.
const SCENARIO = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: two-workloads }
spec:
  duration: 2m
  cluster: { nodePools: [ { name: w, count: 2, capacity: { cpu: "4", memory: 8Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: frontend }
      spec:
        replicas: 2
        selector: { matchLabels: { app: frontend } }
        template: { metadata: { labels: { app: frontend, tier: web } }, spec: { containers: [ { name: c, image: fe:v1, resources: { requests: { cpu: "1", memory: 1Gi } } } ] } }
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: solo }
      spec:
        replicas: 1
        selector: { matchLabels: { app: solo } }
        strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }
        template: { metadata: { labels: { app: solo } }, spec: { containers: [ { name: c, image: solo:v1, resources: { requests: { cpu: "1", memory: 1Gi } } } ] } }
    - apiVersion: v1
      kind: Service
      metadata: { name: frontend }
      spec: { selector: { app: frontend }, ports: [ { port: 80 } ] }
  traffic:
    - { service: frontend, rps: 20 }
  timeline:
    - { at: 30s, action: set-image, deployment: solo, container: c, image: solo:v2 }
`;

const folder = tempFiles({ 's.yaml': SCENARIO });
const scenario = loadScenario(join(folder, 's.yaml'));
const { report, pods } = runScenario(scenario);

function scoped(kind: ScopeKind, input: ScopeInput): Record<string, number | null> {
  const scope = resolveScope(scenario, kind, input);
  if ('problem' in scope) throw new Error(scope.problem);
  return readWorkloadMetrics(report, pods, Object.keys(SCOPABLE_METRICS).map((metric) => ({ key: metric, metric, scope }))).values;
}

describe('workload metrics', () => {
  it('over a selector that selects every Deployment equal the cluster-wide aggregates', () => {
    const all = readMetrics(report, Object.keys(SCOPABLE_METRICS));
    expect(scoped('selector', { selector: {} })).toEqual(all);
    // The aggregate availability is solo's 0 of 1 during its rollout.
    expect(all.availabilityMin).toBe(0);
  });

  it.each<[ScopeKind, ScopeInput, Record<string, number | null>]>([
    // frontend never loses a pod: 2 of 2 available throughout; solo's rollout leaves 0 of 1.
    ['deployment', { deployment: 'frontend' }, { availabilityMin: 1, rolloutDurationMs: null, podsPendingAtEnd: 0 }],
    ['deployment', { deployment: 'solo' }, { availabilityMin: 0, podsPendingAtEnd: 0, requestP99Ms: null, requestErrors: null }],
    ['service', { service: 'frontend' }, { availabilityMin: 1, rolloutDurationMs: null }],
    ['selector', { selector: { matchLabels: { tier: 'web' } } }, { availabilityMin: 1 }],
    ['selector', { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['solo'] }] } }, { availabilityMin: 0 }],
  ])('%s %j', (kind, input, expected) => {
    expect(scoped(kind, input)).toMatchObject(expected);
  });

  it("a Deployment's requests are those of the Services in front of it", () => {
    const frontend = scoped('deployment', { deployment: 'frontend' });
    expect(frontend.requestErrors).toBe(readMetrics(report, ['requestErrors']).requestErrors);
    expect(frontend.requestP99Ms).toBe(scoped('service', { service: 'frontend' }).requestP99Ms);
  });
});

function plan(slo: string, extra = ''): string {
  return `apiVersion: kubesim/v1
kind: Plan
metadata: { name: p }
spec:
  scenario: s.yaml
  seeds: 2
  parameter: { nodeCount: { pool: w, values: [1, 2] } }
  slo:
${slo}
${extra}`;
}

describe('a plan with a workload-scoped SLO', () => {
  it("passes on frontend's availability while the cluster-wide minimum fails every value", async () => {
    const dir = tempFiles({ 's.yaml': SCENARIO, 'scoped.yaml': plan('    - { metric: availabilityMin, deployment: frontend, atLeast: 100% }'), 'all.yaml': plan('    - { metric: availabilityMin, atLeast: 100% }') });
    const frontendOnly = await runPlan(loadPlan(join(dir, 'scoped.yaml')), { workers: 1, runner: inProcessRunner() });
    expect(frontendOnly.plan.slo[0]).toMatchObject({ key: 'availabilityMin@deployment/frontend', text: 'availabilityMin of deployment/frontend atLeast 100%', scope: { deployments: ['default/frontend'], services: ['default/frontend'] } });
    // One node of 4 cores holds frontend's 2 cores and solo's 1.
    expect(frontendOnly.chosen).toMatchObject({ index: 0, value: 1, seedsPassed: 2 });
    const cluster = await runPlan(loadPlan(join(dir, 'all.yaml')), { workers: 1, runner: inProcessRunner() });
    expect(cluster.chosen).toBeNull();
    expect(cluster.bestFailure).toMatchObject({ value: 2, seedsPassed: 0, missed: [{ key: 'availabilityMin', seedsMet: 0, mean: 0 }] });
  });

  it.each([
    ['an unknown Deployment', '    - { metric: availabilityMin, deployment: nope, atLeast: 90% }', 'p.yaml:9:46: spec.slo[0].deployment: the scenario creates no Deployment "nope" in namespace default at t=0 or by an apply action (it has: frontend, solo)'],
    ['a Service in another namespace', '    - { metric: requestErrors, service: frontend, namespace: shop, below: 1% }', 'p.yaml:9:41: spec.slo[0].service: the scenario creates no Service "frontend" in namespace shop at t=0 or by an apply action (it has: none)'],
    ['a selector that selects no pod template', '    - { metric: availabilityMin, selector: { matchLabels: { app: web } }, atLeast: 90% }', 'p.yaml:9:44: spec.slo[0].selector: the selector app=web selects the pods of no Deployment the scenario creates in namespace default at t=0 or by an apply action (it has: frontend, solo)'],
    ['request metrics of a Deployment no traffic reaches', '    - { metric: requestP99Ms, deployment: solo, below: 1s }', 'p.yaml:9:43: spec.slo[0].deployment: no spec.traffic entry sends requests to a Service in front of deployment/solo, so it has no requestP99Ms'],
    ['a cluster metric', '    - { metric: nodesUsed, deployment: frontend, atMost: 3 }', expect.stringMatching(/^p\.yaml:9:40: spec\.slo\[0\]\.deployment: nodesUsed is a cluster-wide metric and cannot be scoped to a workload/)],
    ['two scopes', '    - { metric: availabilityMin, deployment: frontend, service: frontend, atLeast: 90% }', 'p.yaml:9:7: spec.slo[0]: give at most one of deployment, service, selector (got deployment, service)'],
  ])('refuses %s at its line', (_name, slo, expected) => {
    const dir = tempFiles({ 's.yaml': SCENARIO, 'p.yaml': plan(slo) });
    let message = '';
    try {
      loadPlan(join(dir, 'p.yaml'));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      message = error.message.replace(`${dir}/`, '');
    }
    expect(message).toEqual(expected);
  });
});

describe('a scope naming a workload an apply action creates later in the run', () => {
  // late: 2 replicas and its Service, created by an apply action at 20 s (the Deployment from a file, the
  // Service inline); the apply at 40 s changes late's template labels (tier: v2), which a selector may name.
  const LATE = SCENARIO.replace('  timeline:\n', `  timeline:
    - { at: 20s, action: apply, files: [ late.yaml ], manifests: [ { apiVersion: v1, kind: Service, metadata: { name: late }, spec: { selector: { app: late }, ports: [ { port: 80 } ] } } ] }
    - { at: 40s, action: apply, files: [ late-v2.yaml ] }
`);
  const deployment = (tier: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: late }
spec:
  replicas: 2
  selector: { matchLabels: { app: late } }
  template: { metadata: { labels: { app: late, tier: ${tier} } }, spec: { containers: [ { name: c, image: late:${tier}, resources: { requests: { cpu: 100m } } } ] } }
`;
  const files = { 's.yaml': LATE, 'late.yaml': deployment('v1'), 'late-v2.yaml': deployment('v2') };

  it.each<[string, string, string[], string[]]>([
    ['deployment: late', '    - { metric: availabilityMin, deployment: late, atLeast: 50% }', ['default/late'], ['default/late']],
    ['service: late', '    - { metric: availabilityMin, service: late, atLeast: 50% }', ['default/late'], ['default/late']],
    ['a selector only the second apply matches', '    - { metric: availabilityMin, selector: { matchLabels: { tier: v2 } }, atLeast: 50% }', ['default/late'], ['default/late']],
  ])('%s resolves, and the runs measure it', async (_name, slo, deployments, services) => {
    const dir = tempFiles({ ...files, 'p.yaml': plan(slo) });
    const loaded = loadPlan(join(dir, 'p.yaml'));
    expect(loaded.slo[0]?.scope).toMatchObject({ deployments, services });
    const outcome = await runPlan({ ...loaded, seeds: 1, candidates: loaded.candidates.slice(1) }, { workers: 1, runner: inProcessRunner() });
    // late's pods come up from 20 s on; its availability is measured (not null), and 2 nodes hold everything.
    const value = outcome.points[0]?.runs[0]?.metrics[loaded.slo[0]?.key ?? ''];
    expect(typeof value).toBe('number');
    expect(outcome.chosen).toMatchObject({ value: 2 });
  });

  it('a scope that matches nothing in the whole run is refused at its line', () => {
    const dir = tempFiles({ ...files, 'p.yaml': plan('    - { metric: availabilityMin, deployment: later, atLeast: 50% }') });
    expect(() => loadPlan(join(dir, 'p.yaml'))).toThrow(/^.*p\.yaml:9:46: spec\.slo\[0\]\.deployment: the scenario creates no Deployment "later" in namespace default at t=0 or by an apply action \(it has: frontend, solo, late\)$/);
  });
});

describe('Online Boutique (scenarios/plan-boutique-frontend.yaml)', () => {
  it("is plannable on the frontend alone: at 3 nodes the frontend keeps 2 of 3 while the cluster-wide minimum is 0", async () => {
    const shipped = loadPlan(repoScenario('plan-boutique-frontend.yaml'));
    expect(shipped.slo.map((o) => [o.key, o.scope?.deployments, o.scope?.services])).toEqual([
      ['availabilityMin@deployment/frontend', ['default/frontend'], ['default/frontend', 'default/frontend-external']],
      ['requestErrors@service/frontend', ['default/frontend'], ['default/frontend']],
    ]);
    const three = shipped.candidates.findIndex((c) => c.value === 3);
    const { scope: _frontend, ...frontendObjective } = shipped.slo[0] as (typeof shipped.slo)[number];
    const clusterWide = { ...frontendObjective, key: 'availabilityMin', text: 'availabilityMin atLeast 66%' };
    const plan = { ...shipped, seeds: 1, candidates: [shipped.candidates[three] as (typeof shipped.candidates)[number]], slo: [...shipped.slo, clusterWide] };
    const outcome = await runPlan(plan, { workers: 1, runner: inProcessRunner() });
    const run = outcome.points[0]?.runs[0];
    // node-1 fails at 3m: the frontend loses one of its 3 replicas; some single-replica service on node-1 drops to 0 of 1.
    expect(run?.metrics['availabilityMin@deployment/frontend']).toBeCloseTo(2 / 3, 10);
    expect(run?.metrics.availabilityMin).toBe(0);
    expect(outcome.points[0]?.metrics['availabilityMin@deployment/frontend']?.seedsMet).toBe(1);
  });
});

describe('pods that never schedule', () => {
  // fits: 2 pods of 1 core, bound at once. big: 2 pods of 16 cores on 4-core nodes, Pending for the whole 1m run.
  const CENSORED = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: censored }
spec:
  duration: 1m
  cluster: { nodePools: [ { name: w, count: 2, capacity: { cpu: "4", memory: 8Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: fits }
      spec:
        replicas: 2
        selector: { matchLabels: { app: fits } }
        template: { metadata: { labels: { app: fits } }, spec: { containers: [ { name: c, image: i, resources: { requests: { cpu: "1" } } } ] } }
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: big }
      spec:
        replicas: 2
        selector: { matchLabels: { app: big } }
        template: { metadata: { labels: { app: big } }, spec: { containers: [ { name: c, image: i, resources: { requests: { cpu: "16" } } } ] } }
`;
  const dir = tempFiles({ 's.yaml': CENSORED });
  const s = loadScenario(join(dir, 's.yaml'));
  const run = runScenario(s);
  const r = run.report;
  const read = (deployment: string) => {
    const scope = resolveScope(s, 'deployment', { deployment });
    if ('problem' in scope) throw new Error(scope.problem);
    return readWorkloadMetrics(r, run.pods, ['schedulingP99Ms', 'podsNeverScheduled', 'podsPendingAtEnd'].map((metric) => ({ key: metric, metric, scope })));
  };

  it('count in the scoped scheduling p99 at their waiting time, as a lower bound, as the aggregate does', () => {
    const everything = resolveScope(s, 'selector', { selector: {} });
    if ('problem' in everything) throw new Error(everything.problem);
    const all = readWorkloadMetrics(r, run.pods, ['schedulingP99Ms', 'podsNeverScheduled'].map((metric) => ({ key: metric, metric, scope: everything })));
    expect(all.values).toEqual(readMetrics(r, ['schedulingP99Ms', 'podsNeverScheduled']));
    expect(all.lowerBounds).toEqual(['schedulingP99Ms']);
    // big's two pods waited the whole run (created at 0 s or just after, still Pending at 1m): p99 is "more than" ~60 s.
    const big = read('big');
    expect(big.values.podsNeverScheduled).toBe(2);
    expect(big.values.podsPendingAtEnd).toBe(2);
    expect(big.values.schedulingP99Ms).toBeGreaterThan(59_000);
    expect(big.lowerBounds).toEqual(['schedulingP99Ms']);
    const fits = read('fits');
    expect(fits.values.podsNeverScheduled).toBe(0);
    expect(fits.lowerBounds).toEqual([]);
  });

  it('a lower bound cannot meet "below" and meets "atLeast" only when the bound already does', () => {
    const run = { metrics: { schedulingP99Ms: 60_000 }, lowerBounds: ['schedulingP99Ms'] };
    const objective = (comparison: 'below' | 'atLeast', threshold: number) => ({ metric: 'schedulingP99Ms', key: 'schedulingP99Ms', comparison, threshold, written: threshold, text: '' });
    // "more than 60 s" may be 61 s or an hour: below 2 minutes is not shown, at least 30 s is.
    expect(holds(objective('below', 120_000), run)).toBe(false);
    expect(holds(objective('below', 120_000), { metrics: run.metrics })).toBe(true);
    expect(holds(objective('atLeast', 30_000), run)).toBe(true);
    expect(holds(objective('atLeast', 90_000), run)).toBe(false);
  });
});
