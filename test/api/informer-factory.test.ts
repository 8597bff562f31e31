/**
 * kube-controller-manager's SharedInformerFactory (src/api/informer-factory.ts,
 * src/controllers/runtime/controller-manager.ts): one informer per kind for
 * the process, so one watch, one delay draw per event and one cache; every
 * controller's handlers are called from that one delivery, in the order
 * they were added. And the ReplicationController manager's view of the
 * shared ReplicationController informer as ReplicaSets
 * (src/api/converted-informer.ts).
 */
import { describe, expect, it } from 'vitest';
import { ConvertedInformer } from '../../src/api/converted-informer.js';
import type { Informer, InformerHandlers } from '../../src/api/informer.js';
import { sharedInformers } from '../../src/api/informer-factory.js';
import { ApiStore } from '../../src/api/store.js';
import type { ReplicaSet } from '../../src/api/types/apps.js';
import type { KubeObject } from '../../src/api/types/meta.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { ReplicationController } from '../../src/api/types/quota.js';
import type { Watcher } from '../../src/api/watcher.js';
import { CRONJOB_CONTROLLER } from '../../src/controllers/cronjob/controller.js';
import { DAEMONSET_CONTROLLER } from '../../src/controllers/daemonset/controller.js';
import { DEPLOYMENT_CONTROLLER } from '../../src/controllers/deployment/controller.js';
import { DISRUPTION_CONTROLLER } from '../../src/controllers/disruption/controller.js';
import { ENDPOINTSLICE_CONTROLLER } from '../../src/controllers/endpoints/controller.js';
import { GARBAGE_COLLECTOR } from '../../src/controllers/garbagecollector/controller.js';
import { HPA_CONTROLLER } from '../../src/controllers/hpa/controller.js';
import { JOB_CONTROLLER } from '../../src/controllers/job/controller.js';
import { NAMESPACE_CONTROLLER } from '../../src/controllers/namespace/controller.js';
import { NODE_LIFECYCLE_CONTROLLER } from '../../src/controllers/nodelifecycle/controller.js';
import { TAINT_EVICTION_CONTROLLER } from '../../src/controllers/nodelifecycle/taint-eviction.js';
import { POD_GC_CONTROLLER } from '../../src/controllers/podgc/controller.js';
import { REPLICASET_CONTROLLER } from '../../src/controllers/replicaset/controller.js';
import { RESOURCE_QUOTA_CONTROLLER } from '../../src/controllers/resourcequota/controller.js';
import { CONTROLLER_MANAGER_CONTROLLERS, controllerManagerInformers, KUBE_CONTROLLER_MANAGER } from '../../src/controllers/runtime/controller-manager.js';
import { STATEFULSET_CONTROLLER } from '../../src/controllers/statefulset/controller.js';
import { REPLICATION_CONTROLLER, replicationControllerAsReplicaSet } from '../../src/controllers/replicationcontroller/controller.js';
import { Simulation } from '../../src/engine/simulation.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { must } from '../helpers/api-result.js';
import { podInput } from '../helpers/builders.js';
import { scaledDownDeploymentYaml, scenarioFromYaml } from '../helpers/scenario.js';

/** The names of the watches the store keeps for `kind` (not those of node-filtered pod watches). */
function watchersOf(store: ApiStore, kind: string): string[] {
  const byKind = (store as unknown as { watchersByKind: Map<string, { watchers: Watcher[] }> }).watchersByKind;
  return (byKind.get(kind)?.watchers ?? []).map((w) => (w as unknown as { name: string }).name);
}

describe('a process informer factory', () => {
  it('gives one informer per kind, whose handlers run in the order they were added, from one watch', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const factory = sharedInformers(store, KUBE_CONTROLLER_MANAGER);
    expect(factory.informer('Pod')).toBe(controllerManagerInformers(store).informer('Pod'));
    expect(sharedInformers(store, 'default-scheduler').informer('Pod')).not.toBe(factory.informer('Pod'));
    const calls: string[] = [];
    const named = (tag: string): InformerHandlers<Pod> => ({
      onAdd: (p) => calls.push(`${tag} add ${p.metadata.name}`),
      onDelete: (p) => calls.push(`${tag} delete ${p.metadata.name}`),
    });
    // Two "controllers" each take the informer and start it, as each controller's start() does.
    factory.informer('Pod').addHandler(named('replicaset'));
    factory.informer('Pod').addHandler(named('deployment'));
    factory.informer('Pod').start();
    factory.informer('Pod').start();
    must(store.create(podInput('a')));
    must(store.create(podInput('b')));
    sim.at(1, () => { must(store.delete('Pod', 'a', 'default')); });
    sim.run();
    expect(calls).toEqual([
      'replicaset add a', 'deployment add a',
      'replicaset add b', 'deployment add b',
      'replicaset delete a', 'deployment delete a',
    ]);
    expect(watchersOf(store, 'Pod')).toEqual([KUBE_CONTROLLER_MANAGER]);
  });

  it('refuses a handler added after the informer has delivered events (it would miss them)', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const pods = sharedInformers(store, KUBE_CONTROLLER_MANAGER).informer('Pod');
    pods.start();
    must(store.create(podInput('a')));
    sim.run();
    expect(() => { pods.addHandler({ onAdd: () => undefined }); }).toThrow(/after it had delivered events/);
  });

  it('keeps one index per name: the same function again is the same index, another function a conflict', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const pods = sharedInformers(store, KUBE_CONTROLLER_MANAGER).informer('Pod');
    const byNamespace = (p: Pod): string[] => [p.metadata.namespace ?? 'default'];
    pods.addIndex('namespace', byNamespace);
    pods.addIndex('namespace', byNamespace);
    expect(() => { pods.addIndex('namespace', (p) => [p.metadata.name]); }).toThrow(/added twice with different functions/);
    pods.start();
    must(store.create(podInput('a')));
    must(store.create(podInput('b')));
    sim.run();
    expect(pods.countByIndex('namespace', 'default')).toBe(2);
  });

  it('an index added once objects are cached files those objects too (client-go AddIndexers on a started informer)', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const pods = sharedInformers(store, KUBE_CONTROLLER_MANAGER).informer('Pod');
    pods.start();
    must(store.create(podInput('a')));
    must(store.create(podInput('b')));
    sim.run();
    pods.addIndex('name', (p) => [p.metadata.name]);
    expect(pods.byIndex('name', 'a').map((p) => p.metadata.name)).toEqual(['a']);
    expect(pods.countByIndex('name', 'b')).toBe(1);
  });
});

describe("kube-controller-manager's informers in a whole cluster", () => {
  // Random watch delays: separate watches per controller would each draw
  // their own, and see each pod at a different instant.
  const yaml = scaledDownDeploymentYaml('one-watch', 3, '2m').replace(
    '  manifests:',
    '  timing:\n    network: { watchDelay: { dist: uniform, min: 1ms, max: 200ms } }\n  manifests:',
  );

  it('one pod watch for the process; each pod event reaches every controller once, at one instant, in registration order', () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(yaml));
    expect(watchersOf(cluster.store, 'Pod')).toEqual(['default-scheduler', KUBE_CONTROLLER_MANAGER]);
    expect(watchersOf(cluster.store, 'Node')).toEqual(['default-scheduler', KUBE_CONTROLLER_MANAGER]);
    const pods = controllerManagerInformers(cluster.store).informer('Pod');
    // Each handler, wrapped to log which one it is and when it runs.
    const handlers = (pods as unknown as { handlers: { adds: Array<(pod: Pod) => void> } }).handlers;
    const log: Array<{ handler: number; pod: string; atMs: number }> = [];
    handlers.adds.forEach((add, handler) => {
      handlers.adds[handler] = (pod) => {
        log.push({ handler, pod: pod.metadata.name, atMs: cluster.sim.nowMs });
        add(pod);
      };
    });
    // Replica set, Deployment, node lifecycle, taint eviction, DaemonSet,
    // Job, StatefulSet, disruption, pod GC, EndpointSlice controllers at least.
    expect(handlers.adds.length).toBeGreaterThanOrEqual(10);
    cluster.run();
    const byPod = new Map<string, Array<{ handler: number; atMs: number }>>();
    for (const { handler, pod, atMs } of log) byPod.set(pod, [...(byPod.get(pod) ?? []), { handler, atMs }]);
    expect(byPod.size).toBe(3);
    for (const calls of byPod.values()) {
      expect(calls.map((c) => c.handler)).toEqual(handlers.adds.map((_add, i) => i));
      expect(new Set(calls.map((c) => c.atMs)).size).toBe(1);
    }
  });
});

describe('the ReplicationController manager sees the shared informer through a conversion', () => {
  const rc = {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
  };

  it('handlers, reads and indexes see ReplicaSets, one object per version, from the one cache the garbage collector reads too', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const base: Informer<string, KubeObject> = controllerManagerInformers(store).informer<string>('ReplicationController');
    const view = new ConvertedInformer<ReplicaSet>(base, replicationControllerAsReplicaSet);
    const seen: ReplicaSet[] = [];
    const rawSeen: KubeObject[] = [];
    view.addHandler({ onAdd: (rs) => seen.push(rs), onUpdate: (_old, rs) => seen.push(rs) });
    base.addHandler({ onAdd: (o) => rawSeen.push(o) });
    view.addIndex('selector-app', (rs) => [rs.spec.selector.matchLabels?.app ?? '']);
    view.start();
    must(store.create(rc as never));
    sim.at(5, () => { must(store.patch('ReplicationController', 'web', 'default', (o) => ({ ...o, spec: { ...(o as ReplicationController).spec, replicas: 3 } }))); });
    sim.run();
    expect(seen.map((rs) => rs.spec.selector)).toEqual([{ matchLabels: { app: 'web' } }, { matchLabels: { app: 'web' } }]);
    expect(seen.map((rs) => rs.spec.replicas)).toEqual([2, 3]);
    // Its kind stays its own, so owner references name it.
    expect(seen[0]?.kind).toBe('ReplicationController');
    // The latest version, converted once: every read returns the object the handler was given.
    expect(view.get('web', 'default')).toBe(seen[1]);
    expect(view.getByKey('default/web')).toBe(seen[1]);
    expect(view.list()).toEqual([seen[1]]);
    expect(view.byIndex('selector-app', 'web')).toEqual([seen[1]]);
    expect(view.firstByIndex('selector-app', 'web')).toBe(seen[1]);
    // One cache: the garbage collector's handler saw the raw object of the same version.
    expect(rawSeen[0]?.kind).toBe('ReplicationController');
    expect(base.size).toBe(1);
    expect(watchersOf(store, 'ReplicationController')).toEqual([KUBE_CONTROLLER_MANAGER]);
  });
});

describe('a watch delay given to one kube-controller-manager controller', () => {
  it('is named in a warning (file:line:column), since the delay is the process watch’s', () => {
    const yaml = scaledDownDeploymentYaml('per-controller-delay', 1, '1m').replace(
      '  manifests:',
      '  timing:\n    network:\n      watchDelayByComponent:\n        deployment-controller: 50ms\n        kube-controller-manager: 5ms\n  manifests:',
    );
    const warnings = scenarioFromYaml(yaml).warnings.filter((w) => w.includes('watchDelayByComponent'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/scenario.yaml:12:32: watchDelayByComponent\.deployment-controller is ignored: deployment-controller reads kube-controller-manager's shared informers/);
  });

  it('the warning knows every controller kube-controller-manager runs here', () => {
    const names = [
      CRONJOB_CONTROLLER, DAEMONSET_CONTROLLER, DEPLOYMENT_CONTROLLER, DISRUPTION_CONTROLLER, ENDPOINTSLICE_CONTROLLER, GARBAGE_COLLECTOR, HPA_CONTROLLER,
      JOB_CONTROLLER, NAMESPACE_CONTROLLER, NODE_LIFECYCLE_CONTROLLER, POD_GC_CONTROLLER, REPLICASET_CONTROLLER, REPLICATION_CONTROLLER,
      RESOURCE_QUOTA_CONTROLLER, STATEFULSET_CONTROLLER, TAINT_EVICTION_CONTROLLER,
    ];
    expect([...CONTROLLER_MANAGER_CONTROLLERS].sort()).toEqual(names.sort());
  });
});
