import { describe, expect, it } from 'vitest';
import { podToEndpoint } from '../../src/controllers/endpoints/endpoints.js';
import { planSlices } from '../../src/controllers/endpoints/slices.js';
import type { Service } from '../../src/api/types/core.js';
import type { Endpoint } from '../../src/api/types/discovery.js';
import type { Pod } from '../../src/api/types/pod.js';

function pod(name: string, ready: boolean, deleting = false): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: 0, ...(deleting ? { deletionTimestamp: 100 } : {}) },
    spec: { containers: [{ name: 'c' }], nodeName: 'n-0' },
    status: { phase: 'Running', podIP: `10.64.0.${name.length}`, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

function service(publishNotReady = false): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default', uid: 'svc', resourceVersion: '1', creationTimestamp: 0 }, spec: { selector: { app: 's' }, publishNotReadyAddresses: publishNotReady } };
}

describe('endpoint conditions (k8s.io/endpointslice utils.go podToEndpoint)', () => {
  it.each([
    { ready: true, deleting: false, publish: false, want: { ready: true, serving: true, terminating: false } },
    { ready: false, deleting: false, publish: false, want: { ready: false, serving: false, terminating: false } },
    // terminating but still Ready: serving, not ready (traffic drains, or falls back if nothing is ready)
    { ready: true, deleting: true, publish: false, want: { ready: false, serving: true, terminating: true } },
    { ready: false, deleting: true, publish: false, want: { ready: false, serving: false, terminating: true } },
    // publishNotReadyAddresses: always ready
    { ready: false, deleting: false, publish: true, want: { ready: true, serving: false, terminating: false } },
  ])('Ready=$ready deleting=$deleting publishNotReady=$publish -> $want', ({ ready, deleting, publish, want }) => {
    expect(podToEndpoint(pod('p', ready, deleting), service(publish)).conditions).toEqual(want);
  });
});

function endpoint(name: string, ready = true): Endpoint {
  return { addresses: [`10.64.1.${name}`], conditions: { ready, serving: ready, terminating: false }, targetRef: { kind: 'Pod', name, uid: name } };
}

describe('packing endpoints into slices', () => {
  const names = (n: number, from = 0) => Array.from({ length: n }, (_, i) => endpoint(String(from + i)));

  it('fills slices of at most 100 and creates new ones for the rest', () => {
    const plan = planSlices([], names(250));
    expect(plan.slices.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    expect(plan.slices.every((s) => s.name === undefined)).toBe(true);
  });

  it('updates an endpoint in place and adds new ones to slices with room', () => {
    const existing = [{ name: 'a', endpoints: names(100) }, { name: 'b', endpoints: names(10, 100) }];
    const desired = [...names(100).map((e, i) => (i === 5 ? endpoint('5', false) : e)), ...names(10, 100), ...names(3, 200)];
    const plan = planSlices(existing, desired);
    expect(plan.slices.map((s) => [s.name, s.endpoints.length])).toEqual([['a', 100], ['b', 13]]);
    expect([...plan.changed].sort()).toEqual(['a', 'b']);
    expect(plan.slices[0]?.endpoints[5]?.conditions.ready).toBe(false);
  });

  it('leaves untouched slices unchanged and deletes emptied ones', () => {
    const existing = [{ name: 'a', endpoints: names(3) }, { name: 'b', endpoints: names(2, 3) }];
    const plan = planSlices(existing, names(3));
    expect(plan.changed.size).toBe(0);
    expect(plan.deleted).toEqual(['b']);
  });

  it('keeps one empty placeholder slice for a Service without endpoints', () => {
    expect(planSlices([], []).slices).toEqual([{ name: undefined, endpoints: [] }]);
    const plan = planSlices([{ name: 'a', endpoints: names(2) }, { name: 'b', endpoints: names(1, 2) }], []);
    expect(plan.slices).toEqual([{ name: 'a', endpoints: [] }]);
    expect(plan.deleted).toEqual(['b']);
    expect(plan.changed.has('a')).toBe(true);
  });
});
