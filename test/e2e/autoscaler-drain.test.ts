/**
 * Scale-down of nodes that still run pods: four 4-CPU nodes each running
 * one 500m pod of a 4-replica Deployment (12.5 % each, under the 0.5
 * threshold; every pod fits elsewhere), with a PodDisruptionBudget of
 * minAvailable 3. No scale-up happened, so only scaleDownUnneededTime
 * (10 min) holds them back: unneeded from the scan at 10 s, the first is
 * drained at 10m10s. Drains go one at a time (--max-drain-parallelism 1):
 * taint ToBeDeletedByClusterAutoscaler, evict through the eviction API,
 * wait for the pods to go, delete the node. The group stops at 2 nodes of
 * 2 pods: moving 2 pods at once needs 2 disruptions and the budget allows
 * 4 − 3 = 1 (simulator/drain.go, NotEnoughPdb), although 25 % is under
 * the threshold.
 */
import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/scenario.js';

const YAML = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: drain }
spec:
  duration: 30m
  cluster:
    nodePools:
      - { name: worker, count: 4, autoscaling: { min: 1, max: 4 }, capacity: { cpu: "4", memory: 16Gi } }
  manifests:
    - apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: { name: web }
      spec: { minAvailable: 3, selector: { matchLabels: { app: web } } }
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 4
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [{ name: c, image: web:v1, resources: { requests: { cpu: 500m, memory: 1Gi } } }] }
`;

describe('draining unneeded nodes', () => {
  const { report, pods, events } = runYaml(YAML);
  const ca = events.filter((e) => e.source === 'cluster-autoscaler');

  it('drains two nodes one at a time from 10m10s, through taint, evictions and deletion', () => {
    const removed = ca.filter((e) => e.kind === 'ConfigMap' && e.reason === 'ScaleDown' && e.message.endsWith('removed with drain'));
    expect(removed).toHaveLength(2);
    const marked = ca.filter((e) => e.kind === 'Node' && e.reason === 'ScaleDown');
    expect(marked.map((e) => e.message)).toEqual(Array(2).fill('marked the node as toBeDeleted/unschedulable'));
    expect(marked[0]?.tMs).toBe(10 * 60_000 + 10_000);
    // One at a time: each node is marked only after the previous one was removed.
    for (let i = 1; i < marked.length; i++) expect(marked[i]?.tMs).toBeGreaterThan(removed[i - 1]?.tMs as number);
    const evicted = ca.filter((e) => e.kind === 'Pod' && e.reason === 'ScaleDown');
    expect(evicted.every((e) => e.message === 'deleting pod for node scale down')).toBe(true);
    // Each drained node had its one pod.
    expect(evicted).toHaveLength(2);
    expect(report.autoscaling?.pools[0]).toMatchObject({ initialNodes: 4, finalNodes: 2 });
    expect(ca.some((e) => e.reason === 'ScaleDownFailed')).toBe(false);
  });

  it('keeps the PodDisruptionBudget: never fewer than 3 of the 4 pods available', () => {
    const web = report.availability.find((a) => a.name === 'web');
    expect(web?.lowestAvailable).toBeGreaterThanOrEqual(3);
    expect(pods.filter((p) => p.deletedMs === undefined && p.node !== undefined)).toHaveLength(4);
  });
});
