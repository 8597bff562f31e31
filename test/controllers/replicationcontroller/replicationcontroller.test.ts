/**
 * The ReplicationController: the API server's defaulting and validation
 * (k/k pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController,
 * pkg/apis/core/validation ValidateReplicationController) and the
 * controller, which is the ReplicaSet controller behind a conversion
 * (pkg/controller/replication/conversion.go): a ReplicationController and a
 * ReplicaSet with the same selector and template behave the same.
 */
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../../../src/api/store.js';
import type { Pod } from '../../../src/api/types/pod.js';
import type { ReplicationController } from '../../../src/api/types/quota.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { changesOf, observeRun } from '../../helpers/cluster.js';

function create(object: Record<string, unknown>) {
  return new ApiStore(new Simulation(1)).create({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'nginx' }, ...object });
}

const TEMPLATE = { metadata: { labels: { app: 'nginx', tier: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

describe('ReplicationController defaults (SetDefaults_ReplicationController)', () => {
  it.each([
    // spec as written → selector, labels and replicas stored
    ['no selector: the template labels', { template: TEMPLATE }, { app: 'nginx', tier: 'web' }, { app: 'nginx', tier: 'web' }, 1],
    ['an empty selector counts as none', { selector: {}, template: TEMPLATE, replicas: 3 }, { app: 'nginx', tier: 'web' }, { app: 'nginx', tier: 'web' }, 3],
    ['a selector of its own is kept', { selector: { app: 'nginx' }, template: TEMPLATE, replicas: 0 }, { app: 'nginx' }, { app: 'nginx', tier: 'web' }, 0],
  ] as const)('%s', (_, spec, selector, labels, replicas) => {
    const result = create({ spec });
    expect(result.ok).toBe(true);
    const rc = (result as { object: ReplicationController }).object;
    expect(rc.spec.selector).toEqual(selector);
    expect(rc.metadata.labels).toEqual(labels);
    expect(rc.spec.replicas).toBe(replicas);
    expect(rc.metadata.generation).toBe(1);
    expect(rc.spec.template?.spec.restartPolicy).toBe('Always'); // the template is defaulted as a pod spec
  });

  it('keeps labels of its own', () => {
    const result = create({ metadata: { name: 'nginx', labels: { owner: 'course' } }, spec: { template: TEMPLATE } });
    expect(result.ok && result.object.metadata.labels).toEqual({ owner: 'course' });
  });
});

describe('ReplicationController validation', () => {
  it.each([
    ['a selector the template labels do not match', { selector: { app: 'other' }, template: TEMPLATE }, 'spec.template.metadata.labels', '`selector` does not match template `labels`'],
    ['no template', { selector: { app: 'nginx' } }, 'spec.template', 'Required value'],
    ['no selector and a template without labels', { template: { spec: TEMPLATE.spec } }, 'spec.selector', 'Required value'],
    ['negative replicas', { replicas: -1, template: TEMPLATE }, 'spec.replicas', 'Invalid value: -1: must be greater than or equal to 0'],
    ['restartPolicy Never', { template: { ...TEMPLATE, spec: { ...TEMPLATE.spec, restartPolicy: 'Never' } } }, 'spec.template.spec.restartPolicy', 'Unsupported value: "Never": supported values: "Always"'],
  ] as const)('refuses %s', (_, spec, field, message) => {
    const result = create({ spec });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('Invalid');
    expect(result.error.causes).toContainEqual({ field, message });
  });
});

function scenario(manifest: string, timeline: readonly string[] = []): string {
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: rc }
spec:
  seed: 3
  duration: 3m
  cluster:
    nodePools: [ { name: worker, count: 2, capacity: { cpu: "4", memory: 8Gi, pods: 110 } } ]
  timing: { network: { watchDelay: 5ms } }
  manifests:
${manifest}
  timeline:${timeline.length === 0 ? ' []' : ''}
${timeline.map((line) => `    - ${line}`).join('\n')}`;
}

const RC = `    - apiVersion: v1
      kind: ReplicationController
      metadata: { name: nginx }
      spec:
        replicas: 3
        template:
          metadata: { labels: { app: nginx } }
          spec: { containers: [ { name: nginx, image: "nginx:1.27", resources: { requests: { cpu: 100m } } } ] }`;
const RS = `    - apiVersion: apps/v1
      kind: ReplicaSet
      metadata: { name: nginx }
      spec:
        replicas: 3
        selector: { matchLabels: { app: nginx } }
        template:
          metadata: { labels: { app: nginx } }
          spec: { containers: [ { name: nginx, image: "nginx:1.27", resources: { requests: { cpu: 100m } } } ] }`;

/** Pod names aside, what happened to the pods, with times. */
function podStory(yaml: string, kind: string) {
  const run = observeRun(yaml, ['Pod', kind]);
  const pods = changesOf<Pod>(run, 'Pod');
  const owner = pods[0]?.object.metadata.ownerReferences?.[0];
  const events = run.events().filter((e) => e.kind === kind).map((e) => ({ tMs: e.tMs, reason: e.reason }));
  const status = changesOf<{ status?: unknown } & ReplicationController>(run, kind).at(-1)?.object.status;
  return { owner, created: pods.filter((p) => p.type === 'ADDED').map((p) => p.tMs), deleted: pods.filter((p) => p.type === 'DELETED').map((p) => p.tMs), events, status };
}

describe('ReplicationController manager (the ReplicaSet logic, pkg/controller/replication)', () => {
  it('creates replicas 3 pods owned by the ReplicationController, and replaces one deleted at 30 s, as a ReplicaSet does', () => {
    const deletePod = ['{ at: 30s, action: delete-pod, selector: { app: nginx }, count: 1 }'];
    const rc = podStory(scenario(RC, deletePod), 'ReplicationController');
    const rs = podStory(scenario(RS, deletePod), 'ReplicaSet');
    expect(rc.owner).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', controller: true });
    expect(rs.owner).toMatchObject({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx', controller: true });
    expect(rc.created).toHaveLength(4); // 3, then the replacement
    expect(rc.created).toEqual(rs.created);
    expect(rc.deleted).toEqual(rs.deleted);
    expect(rc.events).toEqual(rs.events);
    expect(rc.events.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(4);
    expect(rc.status).toEqual(rs.status);
    expect(rc.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, fullyLabeledReplicas: 3 });
  });

  it('scales with a patch of spec.replicas and leaves pods its equality selector does not match', () => {
    const yaml = scenario(`${RC}
    - { apiVersion: v1, kind: Pod, metadata: { name: stray, labels: { app: nginx-canary } }, spec: { containers: [ { name: c, image: "nginx:1.27" } ] } }`, ['{ at: 1m, action: patch, kind: ReplicationController, name: nginx, patch: { spec: { replicas: 1 } } }']);
    const run = observeRun(yaml, ['Pod', 'ReplicationController']);
    const pods = changesOf<Pod>(run, 'Pod');
    expect(pods.filter((p) => p.type === 'ADDED' && p.object.metadata.name !== 'stray')).toHaveLength(3);
    const live = run.cluster.store.list('Pod').filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(live.map((p) => p.metadata.name).filter((n) => n !== 'stray')).toHaveLength(1);
    expect(run.cluster.store.get('Pod', 'stray', 'default')?.metadata.ownerReferences).toBeUndefined();
    expect(run.cluster.store.get('ReplicationController', 'nginx', 'default')?.status).toMatchObject({ replicas: 1 });
  });

  it('deleting the ReplicationController deletes its pods (garbage collector)', () => {
    const yaml = scenario(RC, ['{ at: 1m, action: delete, kind: ReplicationController, name: nginx }']);
    const run = observeRun(yaml, ['Pod']);
    expect(run.cluster.store.list('Pod')).toEqual([]);
  });
});
