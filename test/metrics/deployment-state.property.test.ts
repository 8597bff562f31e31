/**
 * The Deployment describe states (recorders/deployment-state.ts) are
 * recorded on every Deployment write; two shortcuts replace the plain
 * comparison there. plainEqual answers as node:util's isDeepStrictEqual on
 * random plain values (undefined fields, -0, NaN, arrays against objects);
 * sameDescribedParts says "same" only when deploymentState reads the same
 * values, on random pairs of Deployments that share or do not share their
 * parts and whose conditions differ in shown and unshown fields.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/api/types/apps.js';
import { plainEqual } from '../../src/metrics/plain-equal.js';
import { deploymentState, pushState, sameDescribedParts } from '../../src/metrics/recorders/deployment-state.js';
import type { DeploymentState } from '../../src/metrics/types.js';

const leaf = fc.oneof(fc.constantFrom(0, -0, 1, NaN, '', 'a', 'b', true, false, null, undefined));
const plain = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  // The recorder's values are object literals: no null prototypes.
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3, noNullPrototype: true }),
})).value;

const condition = fc.record({
  type: fc.constantFrom('Available', 'Progressing'),
  status: fc.constantFrom('True', 'False'),
  reason: fc.option(fc.constantFrom('NewReplicaSetAvailable', 'ReplicaSetUpdated'), { nil: undefined }),
  message: fc.option(fc.constantFrom('', 'has successfully progressed'), { nil: undefined }),
  lastUpdateTime: fc.constantFrom(0, 1000, 2000),
}, { requiredKeys: ['type', 'status', 'lastUpdateTime'] });

function deployment(labels: Record<string, string>, spec: Deployment['spec'], conditions: readonly object[] | undefined): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u', creationTimestamp: 0, labels, annotations: {} },
    spec,
    status: conditions === undefined ? {} : { conditions },
  } as unknown as Deployment;
}

function spec(replicas: number): Deployment['spec'] {
  return {
    replicas, minReadySeconds: 0, selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'web:1' }] } },
  } as unknown as Deployment['spec'];
}

describe('Deployment describe states', () => {
  it('plainEqual answers as isDeepStrictEqual on plain values', () => {
    fc.assert(fc.property(plain, plain, (a, b) => {
      expect(plainEqual(a, b)).toBe(isDeepStrictEqual(a, b));
      expect(plainEqual(a, structuredClone(a))).toBe(isDeepStrictEqual(a, structuredClone(a)));
    }), { numRuns: 2000 });
  });

  it('sameDescribedParts is true only when deploymentState reads the same values', () => {
    const labels = { app: 'web' };
    const sharedSpec = spec(3);
    const parts = fc.record({
      labels: fc.constantFrom(labels, { app: 'web' }, { app: 'api' }),
      spec: fc.constantFrom(sharedSpec, spec(3), spec(4)),
      conditions: fc.option(fc.array(condition, { maxLength: 2 }), { nil: undefined }),
    });
    fc.assert(fc.property(parts, parts, (a, b) => {
      const old = deployment(a.labels, a.spec, a.conditions);
      const d = deployment(b.labels, b.spec, b.conditions);
      const { tMs: _a, ...oldState } = deploymentState(old, 0);
      const { tMs: _b, ...state } = deploymentState(d, 0);
      if (sameDescribedParts(old, d)) expect(state).toStrictEqual(oldState);
    }), { numRuns: 2000 });
  });

  it('a status write that only moves lastUpdateTime keeps the state; a new reason records one', () => {
    const shared = spec(3);
    const progressing = (reason: string, lastUpdateTime: number) => [{ type: 'Progressing', status: 'True', reason, message: 'm', lastUpdateTime }];
    const first = deployment({ app: 'web' }, shared, progressing('ReplicaSetUpdated', 0));
    const moved = deployment(first.metadata.labels as Record<string, string>, shared, progressing('ReplicaSetUpdated', 5000));
    const done = deployment(first.metadata.labels as Record<string, string>, shared, progressing('NewReplicaSetAvailable', 9000));
    (moved.metadata as { annotations: unknown }).annotations = first.metadata.annotations;
    (done.metadata as { annotations: unknown }).annotations = first.metadata.annotations;
    expect(sameDescribedParts(first, moved)).toBe(true);
    expect(sameDescribedParts(moved, done)).toBe(false);
    const states: DeploymentState[] = [];
    pushState(states, deploymentState(first, 0));
    pushState(states, deploymentState(done, 9000));
    expect(states.map((s) => [s.tMs, s.conditions[0]?.reason])).toEqual([[0, 'ReplicaSetUpdated'], [9000, 'NewReplicaSetAvailable']]);
  });
});
