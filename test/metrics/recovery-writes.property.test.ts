/**
 * The recovery recorder skips a ReplicaSet or Deployment write that keeps
 * the previous version's ownerReferences (the very array) and replicas: the
 * owner and desired replicas it recorded for that version still hold. A
 * recorder handed the same changes without their previous versions reads
 * every write in full; on random histories (a node failing under Ready
 * pods, then ReplicaSet writes keeping or replacing their owners and
 * replicas, Deployment scaling, pods turning Ready or not) both give the
 * same records, lost pod-seconds included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../src/api/types/apps.js';
import type { KubeEvent } from '../../src/api/types/core.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { StoreChange } from '../../src/api/watch.js';
import { RecoveryRecorder } from '../../src/metrics/recorders/recovery.js';

const POD_COUNT = 4;

function deployment(name: string, replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default', uid: `d-${name}`, creationTimestamp: 0 },
    spec: { replicas, selector: { matchLabels: { app: name } }, strategy: { type: 'RollingUpdate' }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  } as unknown as Deployment;
}

function replicaSet(ownerReferences: unknown, replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default', uid: 'rs', creationTimestamp: 0, ownerReferences },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  } as unknown as ReplicaSet;
}

function pod(index: number, node: string, ready: boolean): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `p${index}`, namespace: 'default', uid: `p${index}`, creationTimestamp: 0, ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', uid: 'rs', controller: true }] },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'i' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: [{ name: 'c', state: { running: {} } }] },
  } as unknown as Pod;
}

/** A ReplicaSet owned by no Deployment is its pods' workload, its own replicas their desired count. */
const owners = (name: string): unknown => (name === 'none' ? undefined : [{ kind: 'Deployment', name, uid: `d-${name}`, controller: true }]);

const step = fc.oneof(
  fc.record({ rs: fc.record({ keepOwners: fc.boolean(), owner: fc.constantFrom('web', 'other', 'none'), replicas: fc.integer({ min: 0, max: 4 }) }) }),
  fc.record({ deployment: fc.record({ name: fc.constantFrom('web', 'other'), replicas: fc.integer({ min: 0, max: 4 }) }) }),
  fc.record({ pod: fc.record({ index: fc.integer({ min: 0, max: POD_COUNT - 1 }), ready: fc.boolean() }) }),
);

type Step = { rs: { keepOwners: boolean; owner: string; replicas: number } } | { deployment: { name: string; replicas: number } } | { pod: { index: number; ready: boolean } };

/** The changes and Events of one history, in order, each with its time. */
function history(firstOwner: string, steps: readonly Step[]): Array<{ change: StoreChange } | { event: KubeEvent }> {
  const out: Array<{ change: StoreChange } | { event: KubeEvent }> = [];
  const latest = new Map<string, Deployment | ReplicaSet | Pod>();
  const write = (key: string, object: Deployment | ReplicaSet | Pod): void => {
    const old = latest.get(key);
    out.push({ change: old === undefined ? { type: 'ADDED', object } : { type: 'MODIFIED', object, oldObject: old } });
    latest.set(key, object);
  };
  write('d/web', deployment('web', 3));
  write('d/other', deployment('other', 2));
  write('rs', replicaSet(owners(firstOwner), 3));
  for (let i = 0; i < POD_COUNT; i++) write(`p${i}`, pod(i, i % 2 === 0 ? 'n1' : 'n2', true));
  out.push({ event: { involvedObject: { kind: 'Node', name: 'n1' }, reason: 'NodeFailed', source: 'fault-injector', type: 'Warning', message: 'n1 failed' } as unknown as KubeEvent });
  for (const s of steps) {
    if ('rs' in s) {
      const previous = latest.get('rs') as ReplicaSet;
      write('rs', replicaSet(s.rs.keepOwners ? previous.metadata.ownerReferences : owners(s.rs.owner), s.rs.replicas));
    } else if ('deployment' in s) write(`d/${s.deployment.name}`, deployment(s.deployment.name, s.deployment.replicas));
    else write(`p${s.pod.index}`, pod(s.pod.index, s.pod.index % 2 === 0 ? 'n1' : 'n2', s.pod.ready));
  }
  return out;
}

function record(calls: ReadonlyArray<{ change: StoreChange } | { event: KubeEvent }>, withOldVersions: boolean): unknown {
  const recorder = new RecoveryRecorder();
  calls.forEach((call, i) => {
    if ('event' in call) recorder.onEvent(call.event, i * 1000);
    else recorder.onChange(withOldVersions ? call.change : { type: call.change.type, object: call.change.object }, i * 1000);
  });
  return recorder.finished(calls.length * 1000);
}

describe('recovery recorder: writes that keep owners and replicas', () => {
  it('records what a recorder reading every write in full records', () => {
    fc.assert(fc.property(fc.constantFrom('web', 'none'), fc.array(step, { maxLength: 12 }), (firstOwner, steps) => {
      const calls = history(firstOwner, steps);
      expect(record(calls, true)).toEqual(record(calls, false));
    }), { numRuns: 1000 });
  });
});
