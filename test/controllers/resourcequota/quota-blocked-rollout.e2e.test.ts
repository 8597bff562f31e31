/**
 * End to end: a rollout blocked by a ResourceQuota and resumed when the
 * quota is raised (scenarios/resource-quota.yaml), and the resource quota
 * controller's status (k/k pkg/controller/resourcequota).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResourceQuota } from '../../../src/api/types/quota.js';
import { renderSummary } from '../../../src/report/text/run-summary.js';
import { observeRun } from '../../helpers/cluster.js';
import { repoScenario, runYaml } from '../../helpers/scenario.js';

const SCENARIO = readFileSync(repoScenario('resource-quota.yaml'), 'utf8');
const WITHOUT_RAISE = SCENARIO.replace(/\n {4}- \{ at: 3m, action: patch.*\n/, '\n');

describe('a rollout blocked by a ResourceQuota (scenarios/resource-quota.yaml)', () => {
  const { report } = runYaml(SCENARIO);

  it('refuses the surge pod with upstream\'s message, retrying on the ReplicaSet controller\'s back-off', () => {
    const refusals = report.quotaBlocks?.[0];
    expect(report.quotaBlocks).toHaveLength(1);
    // 4 replicas × requests.cpu 1 = 4 = hard; the surge pod asks for 1 more.
    expect(refusals).toMatchObject({ workload: 'shop/web', kind: 'Deployment', quota: 'compute', resources: [{ name: 'requests.cpu', used: '4', limited: '4' }] });
    // set-image at 60 s; the new ReplicaSet's first create one watch delay (5 ms) + its own sync later.
    expect(refusals?.fromMs).toBe(60_010);
    // Retries at 5 ms × 2^k after the first: 60 010 + 5 + 10 + ... + 40 960 = 141 925 (15 refusals);
    // the quota is raised at 180 s, but the next retry only comes 81 920 ms later: 223 845.
    expect(refusals?.refusals).toBe(15);
    expect(refusals?.resumedMs).toBe(223_845);
  });

  it('completes the rollout once the quota admits the pods', () => {
    const rollout = report.summary.rollouts.find((r) => r.revision === 2);
    expect(rollout?.outcome).toBe('complete');
    expect(rollout?.startMs).toBe(60_000);
    expect((rollout?.completeMs as number) > 223_845).toBe(true);
  });

  it('says so in the summary', () => {
    const text = renderSummary(report, { wallMs: 1, events: 1 }, []);
    expect(text).toContain('! shop/web: rollout blocked by ResourceQuota compute (requests.cpu 4/4) from 1m, resumed at 3m43s (15 refused creates).');
  });

  it('without the raise the rollout is still blocked at the end', () => {
    const blocked = runYaml(WITHOUT_RAISE).report;
    expect(blocked.quotaBlocks?.[0]).toMatchObject({ workload: 'shop/web', resumedMs: null });
    expect(blocked.summary.rollouts.find((r) => r.revision === 2)?.outcome).not.toBe('complete');
    expect(renderSummary(blocked, { wallMs: 1, events: 1 }, [])).toContain('from 1m, still blocked at the end');
  });
});

describe('resource quota controller', () => {
  it('copies spec.hard to status.hard and keeps status.used: 4 pods × 1 CPU, then 6 after the raise, 4 again at the end', () => {
    const run = observeRun(SCENARIO, ['ResourceQuota']);
    const statuses = run.changes.map(({ tMs, change }) => ({ tMs, status: (change.object as ResourceQuota).status }));
    // First sync one watch delay after the create: nothing is running yet.
    expect(statuses[0]).toEqual({ tMs: 5, status: { hard: { 'requests.cpu': '4', pods: '10' }, used: { 'requests.cpu': '0', pods: '0' } } });
    // The patch at 180 s changes spec only; the controller's sync 5 ms later copies it.
    expect(statuses.find((s) => s.tMs === 180_005)?.status?.hard).toEqual({ 'requests.cpu': '6', pods: '10' });
    // 4 + maxSurge 1 = 5 running, plus an old pod still terminating (charged until it is gone) = 6 = the new hard.
    const peak = Math.max(...statuses.map((s) => Number(s.status?.used?.pods ?? 0)));
    expect(peak).toBe(6);
    expect(statuses.at(-1)?.status?.used).toEqual({ 'requests.cpu': '4', pods: '4' });
  });

  it('frees a deleted pod\'s usage (replenishment) and counts only pods in the quota\'s scope', () => {
    const yaml = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: replenish }
spec:
  seed: 1
  duration: 2m
  cluster: { nodePools: [ { name: w, count: 1, capacity: { cpu: "8", memory: 8Gi, pods: 110 } } ] }
  timing: { network: { watchDelay: 5ms } }
  manifests:
    - { apiVersion: v1, kind: ResourceQuota, metadata: { name: best-effort }, spec: { hard: { pods: "5" }, scopes: [ BestEffort ] } }
    - { apiVersion: v1, kind: Pod, metadata: { name: a }, spec: { containers: [ { name: c, image: "app:1" } ] } }
    - { apiVersion: v1, kind: Pod, metadata: { name: b }, spec: { containers: [ { name: c, image: "app:1", resources: { requests: { cpu: 100m } } } ] } }
  timeline:
    - { at: 1m, action: delete-pod, pod: a, gracePeriodSeconds: 0 }
`;
    const run = observeRun(yaml, ['ResourceQuota']);
    const used = run.changes.map(({ tMs, change }) => ({ tMs, pods: (change.object as ResourceQuota).status?.used?.pods }));
    // At the first sync only pod a (no requests) is BestEffort: 1 of 5; after a is deleted at 60 s: 0.
    expect(used[0]).toEqual({ tMs: 5, pods: '1' });
    expect(used.at(-1)).toEqual({ tMs: 60_005, pods: '0' });
  });
});

describe('other controllers refused by a quota', () => {
  it('a Job held to the quota\'s pods: 2 running of parallelism 3, its third pod refused with FailedCreate until one finishes', () => {
    const yaml = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: job-quota }
spec:
  seed: 1
  duration: 5m
  cluster: { nodePools: [ { name: w, count: 1, capacity: { cpu: "8", memory: 8Gi, pods: 110 } } ] }
  timing: { network: { watchDelay: 5ms }, kubelet: { podStartup: 1s } }
  images: [ { image: "render:1", runTime: 30s } ]
  manifests:
    - { apiVersion: v1, kind: ResourceQuota, metadata: { name: two-pods }, spec: { hard: { pods: "2" } } }
  timeline:
    - at: 10s
      action: apply
      manifests:
        - apiVersion: batch/v1
          kind: Job
          metadata: { name: render }
          spec:
            completions: 3
            parallelism: 3
            template: { spec: { restartPolicy: Never, containers: [ { name: render, image: "render:1" } ] } }
`;
    const { report, jobs } = runYaml(yaml);
    const block = report.quotaBlocks?.[0];
    expect(report.quotaBlocks).toHaveLength(1);
    expect(block).toMatchObject({ workload: 'default/render', kind: 'Job', quota: 'two-pods', resources: [{ name: 'pods', used: '2', limited: '2' }] });
    // The third create of the first sync is refused; a finished pod (Succeeded) stops counting towards pods,
    // so the refused pod is created once the quota controller has seen a pod finish: after 10 s + 1 s start-up + 30 s.
    expect(block?.fromMs).toBe(10_005); // the apply at 10 s, seen by the Job controller one 5 ms watch delay later
    expect(block?.resumedMs).not.toBeNull();
    expect(block?.resumedMs as number).toBeGreaterThan(41_000);
    expect(jobs.find((j) => j.name === 'render')?.outcome).toBe('Complete');
    const text = renderSummary(report, { wallMs: 1, events: 1 }, []);
    expect(text).toContain('default/render: Job pod creation blocked by ResourceQuota two-pods (pods 2/2) from');
  });
});
