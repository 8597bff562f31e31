/**
 * The Deployment controller under random watch delays: a second sync can run
 * before its ReplicaSet cache has seen the ReplicaSet the first sync created.
 * Creating it again hits AlreadyExists, and kubesim must then do what
 * k/k sync.go getNewReplicaSet does: re-read the cache, adopt its own
 * ReplicaSet, or retry; never bump collisionCount for its own ReplicaSet
 * (an earlier version did, and ended up with two ReplicaSets of one template).
 */
import { describe, expect, it } from 'vitest';
import { runYaml } from '../../helpers/scenario.js';

function scenario(seed: number, watchDelay = '{ dist: uniform, min: 1ms, max: 400ms }'): string {
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: watch-lag }
spec:
  seed: ${seed}
  duration: 3m
  cluster:
    nodePools: [ { name: n, count: 3, capacity: { cpu: "8", memory: 32Gi } } ]
  timing:
    kubelet: { podStartup: 1s }
    # Slow, jittery caches: every event reaches kube-controller-manager (the Deployment controller's informers) 1–400 ms late.
    network: { watchDelayByComponent: { kube-controller-manager: ${watchDelay} } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 6
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: web, image: "web:1" } ] }
  timeline:
    - { at: 1m, action: set-image, deployment: web, container: web, image: "web:2" }
`;
}

describe('Deployment controller with lagging caches', () => {
  // Without lag, the ReplicaSets are named after the template hash with no collision count.
  const names = runYaml(scenario(1, '0ms')).report.replicaSets.map((rs) => rs.name);

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: one ReplicaSet per template and no collision', (seed) => {
    const { report, events } = runYaml(scenario(seed));
    // One ReplicaSet for web:1 and one for web:2, each created once, named
    // without a collision count (a bumped collisionCount changes the hash).
    expect(report.replicaSets.map((rs) => rs.revision)).toEqual([1, 2]);
    expect(report.replicaSets.map((rs) => rs.name)).toEqual(names);
    expect(events.filter((e) => e.reason === 'ScalingReplicaSet' && e.message.includes('from 0 to')).length).toBeLessThanOrEqual(2);
    const web = report.deployments.find((d) => d.name === 'web');
    expect(web?.series.at(-1)).toMatchObject({ replicas: 6, updatedReplicas: 6, availableReplicas: 6 });
  });
});
