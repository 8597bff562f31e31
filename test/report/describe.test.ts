/**
 * `kubesim describe <report dir> deployment/NAME [--at TIME]`: kubectl
 * describe deployment's layout (k8s.io/kubectl/pkg/describe/describe.go)
 * on a real run, at the end and in the middle of a rollout, with ages as
 * apimachinery's HumanDuration prints them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeRunOutputs } from '../../src/cli/output.js';
import type { PodRecord } from '../../src/metrics/types.js';
import type { Report } from '../../src/report/report.js';
import { humanDuration } from '../../src/report/describe/human-duration.js';
import { selectorString } from '../../src/report/describe/parts.js';
import { tabbed } from '../../src/report/describe/tabbed.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

async function describeCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(['describe', ...args]), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** The value after `Label:` on its line (tabwriter padding removed). */
function field(text: string, label: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${label}:`));
  return line?.slice(label.length + 1).trim();
}

/** Rows of the table under `title`, split on runs of 2+ spaces. */
function table(text: string, title: string): string[][] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 3)) {
    if (!line.startsWith('  ')) break;
    rows.push(line.trim().split(/\s{2,}/));
  }
  return rows;
}

describe('humanDuration (k8s.io/apimachinery/pkg/util/duration)', () => {
  it.each([
    [-2_000, '<invalid>'], // more than a second in the future
    [-1_500, '0s'], // truncated toward zero: -1 s is tolerated skew
    [0, '0s'],
    [119_000, '119s'], // seconds up to 2 minutes
    [120_000, '2m'],
    [125_000, '2m5s'], // minutes and seconds below 10 minutes
    [600_000, '10m'],
    [179 * 60_000, '179m'], // minutes below 3 hours
    [3 * 3_600_000 + 5 * 60_000, '3h5m'], // hours and minutes below 8 hours
    [47 * 3_600_000, '47h'],
    [49 * 3_600_000, '2d1h'], // days and hours below 8 days
    [9 * 86_400_000, '9d'],
    [(2 * 365 + 3) * 86_400_000, '2y3d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('%i ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('the layout', () => {
  it('pads each column of consecutive tabbed lines to its widest cell plus 2, as text/tabwriter', () => {
    expect(tabbed([['Name:', 'web'], ['RollingUpdateStrategy:', 'x'], ['Pod Template:'], ['  Labels:', 'app=web']])).toBe(
      'Name:                   web\nRollingUpdateStrategy:  x\nPod Template:\n  Labels:  app=web\n',
    );
  });

  it.each([
    [{ matchLabels: { tier: 'web', app: 'shop' } }, 'app=shop,tier=web'],
    [{ matchExpressions: [{ key: 'env', operator: 'In' as const, values: ['prod', 'dev'] }, { key: 'canary', operator: 'DoesNotExist' as const }] }, '!canary,env in (dev,prod)'],
  ])('prints selector %j as %s (requirements and values sorted)', (selector, text) => {
    // `!canary` sorts by its key, canary, before env.
    expect(selectorString(selector)).toBe(text);
  });
});

describe('kubesim describe deployment/web on the quickstart', () => {
  // web: 10 replicas of web:v1, set-image to web:v2 at 2m (maxSurge 25 % of 10 = 3 rounded up,
  // maxUnavailable 25 % of 10 = 2 rounded down); worker-2 fails at 4m and recovers at 11m.
  let folder = '';
  let report: Report;
  let pods: readonly PodRecord[] = [];
  beforeAll(() => {
    folder = tempFiles({});
    const run = runScenario(loadScenario(repoScenario('quickstart.yaml')));
    writeRunOutputs(folder, run);
    report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')) as Report;
    pods = run.pods;
  });
  const rsOfRevision = (revision: number): string => report.replicaSets.find((rs) => rs.owner === 'Deployment/web' && rs.revision === revision)?.name ?? '';

  it('at the end of the run: 10 of web:v2, the rollout done, its events with ages back from 15m', async () => {
    const { code, stdout, stderr } = await describeCli([folder, 'deployment/web']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('# deployment/web at +15m (the end of the run), simulated time; times are +time since the start of the run');
    expect(field(stdout, 'Name')).toBe('web');
    expect(field(stdout, 'Namespace')).toBe('default');
    expect(field(stdout, 'Selector')).toBe('app=web');
    expect(field(stdout, 'Annotations')).toBe('deployment.kubernetes.io/revision: 2');
    expect(field(stdout, 'Replicas')).toBe('10 desired | 10 updated | 10 total | 10 available | 0 unavailable');
    expect(field(stdout, 'StrategyType')).toBe('RollingUpdate');
    expect(field(stdout, 'MinReadySeconds')).toBe('0');
    // The defaults, as the API server fills them in (DeploymentStrategy's 25 % / 25 %).
    expect(field(stdout, 'RollingUpdateStrategy')).toBe('25% max unavailable, 25% max surge');
    expect(field(stdout, '    Image')).toBe('web:v2');
    expect(table(stdout, 'Conditions')).toEqual([['Available', 'True', 'MinimumReplicasAvailable'], ['Progressing', 'True', 'NewReplicaSetAvailable']]);
    // The old ReplicaSet is scaled to 0, so it is not listed (FindOldReplicaSets' required ones only).
    expect(field(stdout, 'OldReplicaSets')).toBe('<none>');
    expect(field(stdout, 'NewReplicaSet')).toBe(`${rsOfRevision(2)} (10/10 replicas created)`);
    const events = table(stdout, 'Events');
    // Scaled up to 10 at t≈1s: 14m before the end; the rollout's events at 2m+: 12m (or 12m..13m) before.
    expect(events[0]).toEqual(['Normal', 'ScalingReplicaSet', '14m', 'deployment-controller', `Scaled up replica set ${rsOfRevision(1)} from 0 to 10`]);
    expect(events.at(-1)?.[4]).toBe(`Scaled down replica set ${rsOfRevision(1)} from 1 to 0`);
    // Every Deployment event of the run is counted once: rows' counts add up to the lines of events.jsonl.
    const recorded = readFileSync(join(folder, 'events.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"kind":"Deployment","namespace":"default","name":"web"')).length;
    const counted = events.reduce((n, row) => n + Number(/\(x(\d+) over/.exec(row[2] as string)?.[1] ?? 1), 0);
    expect(counted).toBe(recorded);
  });

  it('at 30s: revision 1 of web:v1, one event 29s old', async () => {
    const { code, stdout } = await describeCli([folder, 'deployment/web', '--at', '30s']);
    expect(code).toBe(0);
    expect(field(stdout, 'Annotations')).toBe('deployment.kubernetes.io/revision: 1');
    expect(field(stdout, '    Image')).toBe('web:v1');
    expect(field(stdout, 'NewReplicaSet')).toBe(`${rsOfRevision(1)} (10/10 replicas created)`);
    const events = table(stdout, 'Events');
    expect(events).toHaveLength(1);
    // Created at t=0, scaled up within the first second: 29 whole seconds before 30s.
    expect(events[0]?.[2]).toBe('29s');
  });

  it('in the middle of the rollout: the counts the rolling update allows, and both ReplicaSets', async () => {
    const web = report.deployments.find((d) => d.name === 'web');
    const mid = web?.series.find((p) => p.tMs > 120_000 && p.updatedReplicas > 0 && p.updatedReplicas < 10);
    expect(mid).toBeDefined();
    const at = mid?.tMs ?? 0;
    const { code, stdout } = await describeCli([folder, 'deployment/web', '--at', `${at}ms`]);
    expect(code).toBe(0);
    const replicas = /^(\d+) desired \| (\d+) updated \| (\d+) total \| (\d+) available \| (\d+) unavailable$/.exec(field(stdout, 'Replicas') ?? '');
    const [desired, updated, total, available, unavailable] = (replicas?.slice(1) ?? []).map(Number);
    expect([desired, updated, total, available, unavailable]).toEqual([10, mid?.updatedReplicas, mid?.statusReplicas, mid?.availableReplicas, mid?.unavailableReplicas]);
    // At most 10 + 3 pods (maxSurge) and at least 10 - 2 available (maxUnavailable).
    expect(total).toBeLessThanOrEqual(13);
    expect(available).toBeGreaterThanOrEqual(8);
    expect(field(stdout, 'Annotations')).toBe('deployment.kubernetes.io/revision: 2');
    expect(field(stdout, 'OldReplicaSets')).toMatch(new RegExp(`^${rsOfRevision(1)} \\(\\d+/\\d+ replicas created\\)$`));
    expect(field(stdout, 'NewReplicaSet')).toMatch(new RegExp(`^${rsOfRevision(2)} \\(\\d+/\\d+ replicas created\\)$`));
  });

  it('replicaset/<revision 1> in the middle of the rollout: its own replica counts, selector, owner and pods by phase', async () => {
    const old = report.replicaSets.find((rs) => rs.name === rsOfRevision(1));
    const point = old?.series.find((p) => p.tMs > 120_000 && p.specReplicas > 0 && p.specReplicas < 10);
    expect(point).toBeDefined();
    const at = point?.tMs ?? 0;
    const { code, stdout } = await describeCli([folder, `rs/${rsOfRevision(1)}`, '--at', `${at}ms`]);
    expect(code).toBe(0);
    const hash = rsOfRevision(1).slice('web-'.length);
    // The Deployment's selector plus the pod-template-hash the Deployment controller adds.
    expect(field(stdout, 'Selector')).toBe(`app=web,pod-template-hash=${hash}`);
    expect(field(stdout, 'Controlled By')).toBe('Deployment/web');
    expect(field(stdout, 'Replicas')).toBe(`${point?.replicas} current / ${point?.specReplicas} desired`);
    // Pods Status counts its pods that still exist, terminating ones too (their phase is still Running).
    const existing = pods.filter((p) => p.owner === `ReplicaSet/${rsOfRevision(1)}` && p.createdMs <= at && (p.deletedMs === undefined || p.deletedMs > at));
    const running = existing.filter((p) => p.startedMs !== undefined && p.startedMs <= at).length;
    expect(field(stdout, 'Pods Status')).toBe(`${running} Running / ${existing.length - running} Waiting / 0 Succeeded / 0 Failed`);
    expect(table(stdout, 'Events').map((row) => row[1])).toContain('SuccessfulCreate');
  });

  it('pod/<a pod of web:v2> at the end: bound to its node, Running, with the kubelet\'s events', async () => {
    const pod = pods.find((p) => p.owner === `ReplicaSet/${rsOfRevision(2)}` && p.deletedMs === undefined);
    const { code, stdout } = await describeCli([folder, `pod/${pod?.name ?? ''}`]);
    expect(code).toBe(0);
    expect(field(stdout, 'Node')).toBe(pod?.node);
    expect(field(stdout, 'Status')).toBe('Running');
    expect(field(stdout, 'Controlled By')).toBe(`ReplicaSet/${rsOfRevision(2)}`);
    expect(field(stdout, '    Image')).toBe('web:v2');
    expect(table(stdout, 'Events').map((row) => row[1])).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
  });

  it.each([
    [['deployment/nope'], 'kubesim describe: no Deployment "nope" in namespace default in this run (it has: web)\n'],
    [['deployment/web', '--at', '1h'], /--at 1h is after the end of the run/],
    [['service/web'], /describe shows deployment\/NAME, replicaset\/NAME or pod\/NAME/],
    [['pod/nope'], /no pod "nope" in namespace default in this run/],
    [['deployment/web', '--at', 'soon'], /--at expects a simulated time/],
  ])('%j is refused, exit 2', async (args, message) => {
    const { code, stderr } = await describeCli([folder, ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('kubesim describe pod/NAME of a pod no node can hold', () => {
  // One node of 1 CPU; the pod asks for 2: Insufficient cpu at every attempt, never bound.
  it('shows Node <none>, Pending, PodScheduled False and the FailedScheduling event', async () => {
    const folder = tempFiles({
      's.yaml': `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: unschedulable }
spec:
  duration: 1m
  cluster: { nodePools: [ { name: w, count: 1, capacity: { cpu: "1", memory: 4Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: big }
      spec:
        replicas: 1
        selector: { matchLabels: { app: big } }
        template: { metadata: { labels: { app: big } }, spec: { containers: [ { name: c, image: i, resources: { requests: { cpu: "2" } } } ] } }
`,
    });
    const out = join(folder, 'out');
    const run = runScenario(loadScenario(join(folder, 's.yaml')));
    writeRunOutputs(out, run);
    const { code, stdout } = await describeCli([out, `pod/${run.pods[0]?.name ?? ''}`]);
    expect(code).toBe(0);
    expect(field(stdout, 'Node')).toBe('<none>');
    expect(field(stdout, 'Status')).toBe('Pending');
    expect(table(stdout, 'Conditions')).toEqual([['PodScheduled', 'False']]);
    const events = table(stdout, 'Events');
    expect(events[0]?.slice(0, 2)).toEqual(['Warning', 'FailedScheduling']);
    expect(events[0]?.[4]).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });
});
