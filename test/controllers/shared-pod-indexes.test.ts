/**
 * Controllers that index pods the same way pass the same index function, so
 * the control plane's shared pod informer (src/api/informer-core.ts) keeps
 * one index for them: one by controller UID, with the ReplicaSet
 * controller's pod counts, for the ReplicaSet, Deployment, Job,
 * StatefulSet and DaemonSet controllers (src/controllers/pod-owner-index.ts),
 * one by node for the node lifecycle and taint eviction controllers and the
 * cluster autoscaler. Every pod write updates each index, and each holds
 * a bucket per value: two copies were twice the work and the memory.
 */
import { describe, expect, it } from 'vitest';
import type { Informer } from '../../src/api/informer.js';
import { ClusterAutoscaler } from '../../src/controllers/clusterautoscaler/controller.js';
import { DaemonSetController } from '../../src/controllers/daemonset/controller.js';
import { DeploymentController } from '../../src/controllers/deployment/controller.js';
import { ReplicaSetController } from '../../src/controllers/replicaset/controller.js';
import { JobController } from '../../src/controllers/job/controller.js';
import { NodeLifecycleController } from '../../src/controllers/nodelifecycle/controller.js';
import { TaintEvictionController } from '../../src/controllers/nodelifecycle/taint-eviction.js';
import { StatefulSetController } from '../../src/controllers/statefulset/controller.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, scaledDownDeploymentYaml, scenarioFromYaml } from '../helpers/scenario.js';

/** The indexer an informer resolved index `name` to (white-box: the object behind byIndex). */
function indexer(component: unknown, name: string): unknown {
  const pods = (component as { pods: Informer<'Pod'> }).pods;
  return (pods as unknown as { indexes: Map<string, unknown> }).indexes.get(name);
}

describe('shared pod indexes', () => {
  const cluster = new SimulatedCluster(scenarioFromYaml(scaledDownDeploymentYaml('shared-indexes', 1, '1m')));
  const find = <T>(type: abstract new (...args: never[]) => T): T => cluster.components.find((c) => c instanceof type) as T;
  const [job, statefulSet, daemonSet] = [find(JobController), find(StatefulSetController), find(DaemonSetController)];
  const [lifecycle, eviction] = [find(NodeLifecycleController), find(TaintEvictionController)];

  const [replicaSet, deployment] = [find(ReplicaSetController), find(DeploymentController)];

  it('the ReplicaSet, Deployment, Job, StatefulSet and DaemonSet controllers read one controller-UID index', () => {
    const byOwner = indexer(replicaSet, 'controller-uid');
    expect(byOwner).toBeDefined();
    expect(indexer(deployment, 'controller-uid')).toBe(byOwner);
    expect(indexer(job, 'controller-uid')).toBe(byOwner);
    expect(indexer(statefulSet, 'controller-uid')).toBe(byOwner);
    expect(indexer(daemonSet, 'controller-uid')).toBe(byOwner);
  });

  it('the ReplicaSet and Deployment controllers read one ReplicaSet index by controller UID', () => {
    const replicaSets = (component: unknown, name: string): unknown =>
      ((component as { replicaSets: Informer<'ReplicaSet'> }).replicaSets as unknown as { indexes: Map<string, unknown> }).indexes.get(name);
    const byOwner = replicaSets(deployment, 'controller-uid');
    expect(byOwner).toBeDefined();
    expect(replicaSets(replicaSet, 'replicaset-controller-uid')).toBe(byOwner);
  });

  it('the ReplicaSet and ReplicationController managers read one orphan index', () => {
    const [forReplicaSets, forReplicationControllers] = cluster.components.filter((c) => c instanceof ReplicaSetController);
    const orphans = indexer(forReplicaSets, 'orphans');
    expect(orphans).toBeDefined();
    expect(forReplicationControllers).not.toBe(forReplicaSets);
    expect(indexer(forReplicationControllers, 'orphans')).toBe(orphans);
  });

  it('the node lifecycle and taint eviction controllers read one node index', () => {
    const byNode = indexer(lifecycle, 'node');
    expect(byNode).toBeDefined();
    expect(indexer(eviction, 'node')).toBe(byNode);
  });

  it('the cluster autoscaler reads the node lifecycle controllers\' index by node', () => {
    const autoscaled = new SimulatedCluster(loadScenario(repoScenario('autoscaler-spike.yaml')));
    const findIn = <T>(type: abstract new (...args: never[]) => T): T => autoscaled.components.find((c) => c instanceof type) as T;
    const byNode = indexer(findIn(NodeLifecycleController), 'node');
    expect(byNode).toBeDefined();
    expect(indexer(findIn(ClusterAutoscaler), 'node')).toBe(byNode);
  });

  it('after the run both still answer by node: every running pod is filed under its node', () => {
    cluster.run();
    const pods = (lifecycle as unknown as { pods: Informer<'Pod'> }).pods;
    const bound = pods.list().filter((p) => (p.spec.nodeName ?? '') !== '');
    expect(bound.length).toBeGreaterThan(0);
    for (const pod of bound) expect(pods.byIndex('node', pod.spec.nodeName as string)).toContain(pod);
  });
});
