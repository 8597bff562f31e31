/**
 * ResourceQuota admission (k/k plugin/pkg/admission/resourcequota
 * controller.go checkRequest, pkg/quota/v1/evaluator/core pods.go) through
 * the API store. A quota's status is what admission reads, so each table
 * row writes status.hard and status.used as the quota controller would
 * have. The arithmetic is in the comments.
 */
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../../../src/api/store.js';
import type { ResourceQuota } from '../../../src/api/types/quota.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { deploymentInput, podInput, podWithResources as pod } from '../../helpers/builders.js';
import { must } from '../../helpers/api-result.js';

type Json = Record<string, unknown>;

function storeWithQuota(hard: Record<string, string>, used: Record<string, string>, spec: Json = {}): ApiStore {
  const store = new ApiStore(new Simulation(1), { freeze: true });
  must(store.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard, ...spec } }));
  must(store.patch('ResourceQuota', 'q', 'default', (rq) => ({ ...rq, status: { hard, used } })));
  return store;
}

const quotaOf = (store: ApiStore) => store.get('ResourceQuota', 'q', 'default') as ResourceQuota;

describe('exceeded quota', () => {
  it.each([
    // hard, used, pod resources → message (only exceeded resources are listed)
    ['requests.cpu: 3500m used + 1 > 4', { 'requests.cpu': '4' }, { 'requests.cpu': '3500m' }, { requests: { cpu: '1' } }, 'exceeded quota: q, requested: requests.cpu=1, used: requests.cpu=3500m, limited: requests.cpu=4'],
    ['the cpu shorthand counts requests: 2 + 500m > 2', { cpu: '2' }, { cpu: '2' }, { requests: { cpu: '500m' } }, 'exceeded quota: q, requested: cpu=500m, used: cpu=2, limited: cpu=2'],
    ['pods: 10 used + 1 > 10', { pods: '10' }, { pods: '10' }, undefined, 'exceeded quota: q, requested: pods=1, used: pods=10, limited: pods=10'],
    ['limits.memory: 768Mi + 512Mi > 1Gi; requests.memory 256Mi + 512Mi fits 1Gi and is not listed', { 'limits.memory': '1Gi', 'requests.memory': '1Gi' }, { 'limits.memory': '768Mi', 'requests.memory': '256Mi' }, { requests: { memory: '512Mi' }, limits: { memory: '512Mi' } }, 'exceeded quota: q, requested: limits.memory=512Mi, used: limits.memory=768Mi, limited: limits.memory=1Gi'],
    ['two resources over, listed by name', { pods: '1', 'requests.cpu': '1' }, { pods: '1', 'requests.cpu': '1' }, { requests: { cpu: '100m' } }, 'exceeded quota: q, requested: pods=1,requests.cpu=100m, used: pods=1,requests.cpu=1, limited: pods=1,requests.cpu=1'],
    ['count/pods', { 'count/pods': '2' }, { 'count/pods': '2' }, undefined, 'exceeded quota: q, requested: count/pods=1, used: count/pods=2, limited: count/pods=2'],
  ] as const)('refuses %s', (_, hard, used, resources, message) => {
    const result = storeWithQuota(hard, used).create(pod(resources));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('Forbidden');
    expect(result.error.message).toBe(`pods "p" is forbidden: ${message}`);
  });

  it('charges an admitted pod into status.used at once: 1500m + 2 × 250m (two containers) = 2; pods 3 + 1', () => {
    const store = storeWithQuota({ 'requests.cpu': '2', pods: '4' }, { 'requests.cpu': '1500m', pods: '3' });
    const resources = { requests: { cpu: '250m' } };
    must(store.create(podInput('p', { containers: [{ name: 'a', image: 'i', resources }, { name: 'b', image: 'i', resources }] })));
    expect(quotaOf(store).status?.used).toEqual({ 'requests.cpu': '2', pods: '4' });
  });

  it('counts an init container as a maximum: max(sum 300m, init 1) = 1 against 1 free', () => {
    const store = storeWithQuota({ 'requests.cpu': '2' }, { 'requests.cpu': '1' });
    must(store.create(pod({ requests: { cpu: '300m' } }, { initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '1' } } }] })));
    expect(quotaOf(store).status?.used).toEqual({ 'requests.cpu': '2' });
  });
});

describe('failed quota and status unknown', () => {
  it.each([
    ['requests.cpu tracked, none stated', { 'requests.cpu': '4' }, { requests: { memory: '1Gi' } }, 'failed quota: q: must specify requests.cpu'],
    ['limits tracked, only requests stated', { 'limits.cpu': '4', 'limits.memory': '4Gi' }, { requests: { cpu: '1', memory: '1Gi' } }, 'failed quota: q: must specify limits.cpu,limits.memory'],
  ] as const)('refuses %s', (_, hard, resources, message) => {
    const used = Object.fromEntries(Object.keys(hard).map((k) => [k, '0']));
    const result = storeWithQuota(hard, used).create(pod(resources));
    expect(!result.ok && result.error.message).toBe(`pods "p" is forbidden: ${message}`);
  });

  it('a pods-only quota does not ask for requests', () => {
    must(storeWithQuota({ pods: '5' }, { pods: '0' }).create(pod(undefined)));
  });

  it('refuses while a tracked resource has no usage yet (status unknown)', () => {
    const result = storeWithQuota({ pods: '5', 'requests.cpu': '4' }, { pods: '1' }).create(pod({ requests: { cpu: '1' } }));
    expect(!result.ok && result.error.message).toBe('pods "p" is forbidden: status unknown for quota: q, resources: pods,requests.cpu');
  });

  it('admits anything while the quota controller has not filled status.hard yet', () => {
    const store = new ApiStore(new Simulation(1));
    must(store.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '0' } } }));
    must(store.create(pod(undefined)));
  });
});

describe('scopes', () => {
  const deadline = { activeDeadlineSeconds: 60 };
  it.each([
    // scope(s) or selector, pod → does the quota (pods 0 of 0) apply?
    ['BestEffort, pod without requests', { scopes: ['BestEffort'] }, undefined, {}, true],
    ['BestEffort, pod with requests', { scopes: ['BestEffort'] }, { requests: { cpu: '100m' } }, {}, false],
    ['NotBestEffort, pod with limits only', { scopes: ['NotBestEffort'] }, { limits: { memory: '64Mi' } }, {}, true],
    ['Terminating, activeDeadlineSeconds set', { scopes: ['Terminating'] }, undefined, deadline, true],
    ['NotTerminating, activeDeadlineSeconds set', { scopes: ['NotTerminating'] }, undefined, deadline, false],
    ['PriorityClass In [high], class high', { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } }, undefined, { priorityClassName: 'high' }, true],
    ['PriorityClass In [high], no class', { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } }, undefined, {}, false],
    ['PriorityClass Exists, no class', { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Exists' }] } }, undefined, {}, false],
    ['PriorityClass NotIn [high], no class', { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }] } }, undefined, {}, true],
  ] as const)('%s → applies: %s', (_, spec, resources, extra, applies) => {
    const store = storeWithQuota({ pods: '0' }, { pods: '0' }, spec);
    if ('priorityClassName' in extra) must(store.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }));
    expect(store.create(pod(resources, extra)).ok).toBe(!applies);
  });

  it('a scoped quota never applies to other kinds', () => {
    const store = storeWithQuota({ 'count/deployments.apps': '0' }, { 'count/deployments.apps': '0' }, { scopes: ['BestEffort'] });
    must(store.create(deploymentInput('web')));
  });
});

describe('object counts', () => {
  it.each([
    ['count/deployments.apps', deploymentInput('web'), 'deployments.apps "web" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1'],
    ['services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }, 'services "web" is forbidden: exceeded quota: q, requested: services=1, used: services=1, limited: services=1'],
    ['count/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }, 'configmaps "cfg" is forbidden: exceeded quota: q, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1'],
  ] as const)('%s', (resource, object, message) => {
    const result = storeWithQuota({ [resource]: '1' }, { [resource]: '1' }).create(object);
    expect(!result.ok && result.error.message).toBe(message);
  });
});
