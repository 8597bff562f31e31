/**
 * LimitRanger admission on pod creates (k/k plugin/pkg/admission/limitranger
 * admission.go; LimitRange defaulting from pkg/apis/core/v1/defaults.go
 * SetDefaults_LimitRangeItem), through the API store as a user's create
 * goes. Messages are upstream's; the arithmetic is in the comments.
 */
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../../../src/api/store.js';
import type { LimitRange } from '../../../src/api/types/quota.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { podInput, podWithResources as pod } from '../../helpers/builders.js';
import { must } from '../../helpers/api-result.js';

type Json = Record<string, unknown>;

function storeWith(limits: Json[]): ApiStore {
  const store = new ApiStore(new Simulation(1), { freeze: true });
  must(store.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits } }));
  return store;
}

describe('LimitRange defaulting (SetDefaults_LimitRangeItem)', () => {
  it.each([
    // written → stored default / defaultRequest
    ['max only: default limit = max, default request = that limit', { max: { cpu: '2' } }, { cpu: '2' }, { cpu: '2' }],
    ['default only: default request = default', { default: { memory: '512Mi' } }, { memory: '512Mi' }, { memory: '512Mi' }],
    ['min only: default request = min, no default limit', { min: { cpu: '100m' } }, {}, { cpu: '100m' }],
    ['default wins over min for the request', { min: { cpu: '100m' }, default: { cpu: '500m' } }, { cpu: '500m' }, { cpu: '500m' }],
    ['an explicit defaultRequest is kept', { max: { cpu: '2' }, defaultRequest: { cpu: '250m' } }, { cpu: '2' }, { cpu: '250m' }],
  ] as const)('%s', (_, item, wantDefault, wantRequest) => {
    const lr = storeWith([{ type: 'Container', ...item }]).get('LimitRange', 'limits', 'default') as LimitRange;
    expect(lr.spec.limits?.[0]?.default).toEqual(wantDefault);
    expect(lr.spec.limits?.[0]?.defaultRequest).toEqual(wantRequest);
  });

  it('leaves Pod items alone', () => {
    const lr = storeWith([{ type: 'Pod', max: { cpu: '2' } }]).get('LimitRange', 'limits', 'default') as LimitRange;
    expect(lr.spec.limits?.[0]).toEqual({ type: 'Pod', max: { cpu: '2' } });
  });
});

describe('LimitRanger mutation: container defaults', () => {
  it('fills missing requests and limits and says so in kubernetes.io/limit-ranger', () => {
    const store = storeWith([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }]);
    const created = must(store.create(pod(undefined)));
    expect(created.spec.containers[0]?.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(created.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
  });

  it('keeps what the container states; API defaulting already made a lone limit the request', () => {
    const store = storeWith([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }]);
    // limits.cpu 1 → requests.cpu 1 by SetDefaults_Pod before admission; only memory is filled.
    const created = must(store.create(pod({ limits: { cpu: '1' } })));
    expect(created.spec.containers[0]?.resources).toEqual({ limits: { cpu: '1', memory: '256Mi' }, requests: { cpu: '1', memory: '128Mi' } });
    expect(created.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: memory request for container app; memory limit for container app');
  });

  it('defaults init containers too, named as such', () => {
    const store = storeWith([{ type: 'Container', defaultRequest: { cpu: '100m' } }]);
    const created = must(store.create(pod(undefined, { initContainers: [{ name: 'setup', image: 'setup:1' }] })));
    expect(created.spec.initContainers?.[0]?.resources?.requests).toEqual({ cpu: '100m' });
    expect(created.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu request for container app; cpu request for init container setup');
  });
});

describe('LimitRanger validation: min, max, maxLimitRequestRatio', () => {
  it.each([
    // item, container resources → upstream's message
    ['request under min (50m < 100m)', { type: 'Container', min: { cpu: '100m' } }, { requests: { cpu: '50m' } }, 'minimum cpu usage per Container is 100m, but request is 50m'],
    ['limit under min (request 200m ok, limit 80m < 100m)', { type: 'Container', min: { cpu: '100m' }, defaultRequest: { cpu: '200m' } }, { requests: { cpu: '200m' }, limits: { cpu: '80m' } }, 'minimum cpu usage per Container is 100m, but limit is 80m'],
    ['limit over max (2 > 1)', { type: 'Container', max: { cpu: '1' } }, { limits: { cpu: '2' }, requests: { cpu: '500m' } }, 'maximum cpu usage per Container is 1, but limit is 2'],
    ['request over max with the max as default limit: the request is checked (1500m > 1)', { type: 'Container', max: { cpu: '1' } }, { requests: { cpu: '1500m' } }, 'maximum cpu usage per Container is 1, but request is 1500m'],
    ['ratio limit/request 4 > 2 (1Gi / 256Mi)', { type: 'Container', maxLimitRequestRatio: { memory: '2' } }, { requests: { memory: '256Mi' }, limits: { memory: '1Gi' } }, 'memory max limit to request ratio per Container is 2, but provided ratio is 4.000000'],
    ['ratio with no limit', { type: 'Container', maxLimitRequestRatio: { cpu: '3' } }, { requests: { cpu: '100m' } }, 'cpu max limit to request ratio per Container is 3, but no limit is specified or limit is 0'],
    ['pod max over the sum of containers (2 × 600m = 1200m > 1)', { type: 'Pod', max: { cpu: '1' } }, { requests: { cpu: '600m' }, limits: { cpu: '600m' } }, 'maximum cpu usage per Pod is 1, but limit is 1200m'],
    ['pod min with no request anywhere', { type: 'Pod', min: { memory: '64Mi' } }, undefined, 'minimum memory usage per Pod is 64Mi.  No request is specified'],
  ] as const)('refuses %s', (_, item, resources, message) => {
    const store = storeWith([item]);
    const containers = item.type === 'Pod' && resources !== undefined
      ? [{ name: 'a', image: 'app:1', resources }, { name: 'b', image: 'app:1', resources }]
      : [{ name: 'app', image: 'app:1', ...(resources === undefined ? {} : { resources }) }];
    const result = store.create(podInput('p', { containers }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('Forbidden');
    expect(result.error.message).toBe(`pods "p" is forbidden: ${message}`);
  });

  it('joins several violations in brackets, as utilerrors.NewAggregate prints them', () => {
    const store = storeWith([{ type: 'Container', min: { cpu: '100m', memory: '64Mi' } }]);
    const result = store.create(pod({ requests: { cpu: '10m', memory: '1Mi' } }));
    expect(!result.ok && result.error.message).toBe('pods "p" is forbidden: [minimum cpu usage per Container is 100m, but request is 10m, minimum memory usage per Container is 64Mi, but request is 1Mi]');
  });

  it('admits a pod inside every bound (100m ≤ 250m ≤ 500m ≤ 1, ratio 2 ≤ 4)', () => {
    const store = storeWith([{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } }]);
    must(store.create(pod({ requests: { cpu: '250m' }, limits: { cpu: '500m' } })));
  });

  it('names a pod with a generated name by its generateName, as admission sees it', () => {
    const store = storeWith([{ type: 'Container', max: { cpu: '1' } }]);
    const result = store.create({ ...pod({ limits: { cpu: '2' } }), metadata: { generateName: 'web-5d8f-' } });
    expect(!result.ok && result.error.message).toBe('pods "web-5d8f-" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('refuses a LimitRange whose min exceeds its max', () => {
    const store = new ApiStore(new Simulation(1));
    const result = store.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'bad' }, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } });
    expect(!result.ok && result.error.causes).toContainEqual({ field: 'spec.limits[0].min[cpu]', message: 'Invalid value: "2": min value 2 is greater than max value 1' });
  });
});
