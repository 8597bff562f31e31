/**
 * kubesim import's rules, one by one, on small dumps written as kubectl
 * prints them (a v1 List; several documents; several files).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importDump } from '../../src/import/import-dump.js';
import { readDump } from '../../src/import/read-dump.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { tempFiles } from '../helpers/scenario.js';

type Json = Record<string, unknown>;

const SERVER_FIELDS = {
  uid: '6bbf09ee-8ac0-66b3-a31d-7de2e8190930',
  resourceVersion: '1217',
  creationTimestamp: '2026-11-30T09:12:44Z',
  generation: 3,
  selfLink: '/api/v1/x',
  managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update' }],
};

function dumpList(items: readonly Json[]): string {
  return stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items });
}

function imported(items: readonly Json[]) {
  const folder = tempFiles({ 'dump.yaml': dumpList(items) });
  return importDump(readDump([join(folder, 'dump.yaml')]));
}

function find(manifests: readonly Json[], kind: string, name: string): Json | undefined {
  return manifests.find((m) => m.kind === kind && (m.metadata as Json).name === name);
}

const node = (name: string, extra: Json = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': 'eu-west-1a' }, ...SERVER_FIELDS },
  spec: { providerID: 'aws:///eu-west-1a/i-0', taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
  status: {
    capacity: { cpu: '4', memory: '15896412Ki', pods: '58' },
    allocatable: { cpu: '3920m', memory: '14879580Ki', pods: '58' },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    nodeInfo: { kubeletVersion: 'v1.31.2' },
  },
  ...extra,
});

const pod = (name: string, namespace: string, extra: { nodeName?: string; phase?: string; owner?: Json; labels?: Json; annotations?: Json } = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace,
    ...SERVER_FIELDS,
    ...(extra.labels === undefined ? {} : { labels: extra.labels }),
    ...(extra.annotations === undefined ? {} : { annotations: extra.annotations }),
    ...(extra.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', controller: true, blockOwnerDeletion: true, uid: 'f00-old-uid', ...extra.owner }] }),
  },
  spec: { containers: [{ name: 'c', image: 'app:1' }], ...(extra.nodeName === undefined ? {} : { nodeName: extra.nodeName }) },
  status: { phase: extra.phase ?? 'Running', podIP: '10.0.1.5', startTime: '2026-12-01T08:40:03Z' },
});

describe('kubesim import rules', () => {
  it('drops what the API server set from every object and kubectl\'s last-applied-configuration', () => {
    const { manifests, log } = imported([{
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' }, finalizers: ['x'], ...SERVER_FIELDS },
      data: { k: 'v' },
    }]);
    expect(manifests).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', annotations: { team: 'a' } }, data: { k: 'v' } }]);
    expect([...log.serverFields.keys()].sort()).toEqual([
      'annotation kubectl.kubernetes.io/last-applied-configuration', 'metadata.creationTimestamp', 'metadata.finalizers', 'metadata.generation',
      'metadata.managedFields', 'metadata.resourceVersion', 'metadata.selfLink', 'metadata.uid',
    ]);
  });

  it('gives a Node its status.allocatable (not capacity), labels and taints, and starts it Ready', () => {
    const { manifests } = imported([node('ip-10-0-1-17')]);
    const imported0 = find(manifests, 'Node', 'ip-10-0-1-17') as Json;
    const status = imported0.status as Json;
    expect(status.allocatable).toEqual({ cpu: '3920m', memory: '14879580Ki', pods: '58' });
    expect(status.capacity).toEqual({ cpu: '4', memory: '15896412Ki', pods: '58' });
    expect((status.conditions as Json[]).map((c) => [c.type, c.status])).toEqual([['Ready', 'True']]);
    expect(status.nodeInfo).toBeUndefined();
    expect((imported0.metadata as Json).labels).toEqual({ 'kubernetes.io/hostname': 'ip-10-0-1-17', 'topology.kubernetes.io/zone': 'eu-west-1a' });
    expect((imported0.spec as Json).taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
  });

  it('drops the taints the node lifecycle controller sets from conditions, and taints\' timeAdded', () => {
    const { manifests, log } = imported([node('n1', {
      spec: {
        unschedulable: true,
        taints: [
          { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-12-01T10:00:00Z' },
          { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: '2026-12-01T10:00:00Z' },
          { key: 'dedicated', value: 'db', effect: 'NoExecute', timeAdded: '2026-12-01T10:00:00Z' },
        ],
      },
    })]);
    expect(find(manifests, 'Node', 'n1')?.spec).toEqual({ unschedulable: true, taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
    expect(log.notes.map((n) => n.detail)).toEqual(['condition taints dropped (the node lifecycle controller sets them from the node\'s state)']);
  });

  it('creates the Namespaces objects live in when the dump has none, and drops the ones every cluster has', () => {
    const { manifests, log } = imported([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', ...SERVER_FIELDS }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', ...SERVER_FIELDS }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
      pod('a', 'shop'),
      pod('b', 'monitoring'),
      pod('c', 'kube-system'),
    ]);
    expect(manifests.filter((m) => m.kind === 'Namespace')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    ]);
    expect(log.notes.filter((n) => n.kind === 'Namespace').map((n) => [n.object, n.what])).toEqual([['default', 'dropped'], ['monitoring', 'created']]);
  });

  it('never copies a Secret\'s values: every key stays, with an empty value', () => {
    const { manifests } = imported([{
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name: 's', namespace: 'default', ...SERVER_FIELDS },
      data: { DATABASE_URL: 'cG9zdGdyZXM6Ly9odW50ZXIy', SESSION_KEY: 'c2VjcmV0' },
    }]);
    expect(manifests).toEqual([{ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 's', namespace: 'default' }, data: { DATABASE_URL: '', SESSION_KEY: '' } }]);
  });

  it('keeps owner references by kind and name without the old UID, and removes those whose owner is not in the dump', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-6c8f', namespace: 'default', ...SERVER_FIELDS }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'app:1' }] } } } };
    const { manifests, log } = imported([
      node('n1'),
      pod('web-6c8f-x', 'default', { nodeName: 'n1', owner: { kind: 'ReplicaSet', name: 'web-6c8f' } }),
      pod('job-pod', 'default', { nodeName: 'n1', owner: { kind: 'ReplicaSet', name: 'gone' } }),
      rs,
    ]);
    expect((find(manifests, 'Pod', 'web-6c8f-x')?.metadata as Json).ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6c8f', controller: true, blockOwnerDeletion: true }]);
    expect((find(manifests, 'Pod', 'job-pod')?.metadata as Json).ownerReferences).toBeUndefined();
    expect(log.notes.find((n) => n.object === 'default/job-pod' && n.what === 'changed' && n.detail.startsWith('owner'))?.detail).toBe('owner ReplicaSet is not in the dump: reference removed');
    // Owners come before what they own (owner-links.ts links to objects created earlier).
    expect(manifests.map((m) => m.kind)).toEqual(['Node', 'ReplicaSet', 'Pod', 'Pod']);
  });

  it('marks bound Running pods to run from t=0, leaves unbound ones to the scheduler and drops finished and mirror pods', () => {
    const { manifests, log } = imported([
      node('n1'),
      pod('running', 'default', { nodeName: 'n1' }),
      pod('elsewhere', 'default', { nodeName: 'n9' }),
      pod('creating', 'default', { nodeName: 'n1', phase: 'Pending' }),
      pod('pending', 'default', { phase: 'Pending' }),
      pod('done', 'default', { nodeName: 'n1', phase: 'Succeeded' }),
      pod('kube-apiserver-n1', 'kube-system', { nodeName: 'n1', annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
    ]);
    const annotation = (name: string) => ((find(manifests, 'Pod', name)?.metadata as Json).annotations as Json | undefined)?.['kubesim.io/running-at-start'];
    expect([annotation('running'), annotation('creating'), annotation('pending'), annotation('elsewhere')]).toEqual(['true', undefined, undefined, undefined]);
    expect((find(manifests, 'Pod', 'running')?.spec as Json).nodeName).toBe('n1');
    // n9 is not in the dump: a pod bound to it would never run.
    expect((find(manifests, 'Pod', 'elsewhere')?.spec as Json).nodeName).toBeUndefined();
    expect(log.notes.find((n) => n.object === 'default/elsewhere')?.detail).toBe('its node is not in the dump; the scheduler places it');
    expect(find(manifests, 'Pod', 'running')?.status).toBeUndefined();
    expect(log.notes.filter((n) => n.what === 'dropped').map((n) => [n.object, n.detail])).toEqual([
      ['default/done', 'finished (phase Succeeded)'],
      ['kube-system/kube-apiserver-n1', 'a static pod\'s mirror (the kubelet runs static pods from files; kubesim does not)'],
    ]);
  });

  it('allocates a Service\'s cluster IP afresh but keeps a headless Service headless', () => {
    const service = (name: string, clusterIP: string): Json => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', ...SERVER_FIELDS }, spec: { clusterIP, clusterIPs: [clusterIP], ports: [{ port: 80 }], selector: { app: name } }, status: { loadBalancer: {} } });
    const { manifests } = imported([service('web', '172.20.118.43'), service('db', 'None')]);
    expect(find(manifests, 'Service', 'web')?.spec).toEqual({ ports: [{ port: 80 }], selector: { app: 'web' } });
    expect(find(manifests, 'Service', 'db')?.spec).toEqual({ clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80 }], selector: { app: 'db' } });
  });

  it('restarts a running Job without its generated selector, drops its pods and drops a finished Job', () => {
    const job = (name: string, conditions: Json[]): Json => ({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default', ...SERVER_FIELDS },
      spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'old' } }, template: { metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'old', 'job-name': name } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'b:1' }] } } },
      status: { conditions },
    });
    const { manifests, log } = imported([
      job('migrate', []),
      job('backup', [{ type: 'Complete', status: 'True' }]),
      pod('migrate-abcde', 'default', { nodeName: 'n1', owner: { apiVersion: 'batch/v1', kind: 'Job', name: 'migrate' } }),
    ]);
    expect(manifests.map((m) => `${String(m.kind)}/${String((m.metadata as Json).name)}`)).toEqual(['Job/migrate']);
    expect((find(manifests, 'Job', 'migrate')?.spec as Json).selector).toBeUndefined();
    expect(((find(manifests, 'Job', 'migrate')?.spec as { template: { metadata: Json } }).template.metadata.labels)).toEqual({ 'job-name': 'migrate' });
    expect(log.notes.filter((n) => n.what === 'dropped').map((n) => [n.object, n.detail])).toEqual([
      ['default/backup', 'finished (Complete or Failed)'],
      ['default/migrate-abcde', 'its Job creates its pods afresh'],
    ]);
  });

  it('reports and drops kinds it does not import, and an object listed twice', () => {
    const { manifests, log } = imported([
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', ...SERVER_FIELDS } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '2' } },
    ]);
    expect(manifests).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } }]);
    expect(log.notes.map((n) => [n.kind, n.what, n.detail.slice(0, 32)])).toEqual([
      ['Endpoints', 'dropped', 'kind Endpoints is not imported ('],
      ['ConfigMap', 'dropped', 'listed twice; the first is kept'],
    ]);
  });

  it('reads several files and multi-document files, and names a non-object item by file, line and column', () => {
    const folder = tempFiles({
      'a.yaml': `${stringify(pod('a', 'default'))}---\n${stringify(pod('b', 'default'))}`,
      'b.yaml': dumpList([pod('c', 'default')]),
      'd.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod('d', 'default')] }, null, 4),
      'bad.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - just a string\n',
    });
    // kubectl -o json is read too (JSON is YAML).
    expect(readDump([join(folder, 'a.yaml'), join(folder, 'b.yaml'), join(folder, 'd.json')]).map((d) => d.object.metadata.name)).toEqual(['a', 'b', 'c', 'd']);
    try {
      readDump([join(folder, 'bad.yaml')]);
      expect.unreachable('a List item that is not an object is refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const issue = (error as ScenarioError).issues[0];
      expect([issue?.position.line, issue?.position.column, issue?.path]).toEqual([4, 5, 'items[0]']);
      expect(issue?.message).toContain('expected a Kubernetes object');
    }
  });
});
