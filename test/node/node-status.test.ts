/**
 * The kubelet's node status (tryUpdateNodeStatus, k/k pkg/kubelet/
 * kubelet_node_status.go): computed every nodeStatusUpdateFrequency (10 s,
 * stretched by up to 4 %), posted when it differs from the stored Node, and
 * otherwise every nodeStatusReportFrequency (5 min).
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

// One node; a 100Mi image at the default 50Mi/s pulls in 2 s: the store changes at 2 s.
const SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: node-status }
spec:
  duration: 12m
  cluster:
    nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 8Gi } } ]
  timing:
    kubelet: { podStartup: 1s }
  images:
    - { image: "web:1", size: 100Mi }
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec: { containers: [ { name: c, image: "web:1" } ] }
`;

const UPDATE_MAX_MS = 10_400; // 10 s + 4 % jitter
const REPORT_MS = 300_000;

interface Post { readonly tMs: number; readonly images: number; readonly ready: string | undefined }

function kubeletPosts(outside?: (cluster: SimulatedCluster) => void): Post[] {
  const cluster = new SimulatedCluster(scenarioFromYaml(SCENARIO), { freezeObjects: true });
  const posts: Post[] = [];
  cluster.store.observe({
    onChange: (change, tMs) => {
      if (change.object.kind !== 'Node') return;
      const node = change.object as Node;
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      // The kubelet's post heartbeats every condition; the controllers' writes do not.
      if (ready?.lastHeartbeatTime === tMs) posts.push({ tMs, images: node.status?.images?.length ?? 0, ready: ready.status });
    },
  });
  outside?.(cluster);
  cluster.run();
  return posts;
}

describe('kubelet node status', () => {
  it('posts when the image store changed, then every 5 min', () => {
    // The first post (at 0, as the cluster starts) comes before the observer.
    const posts = kubeletPosts();
    // The pull ends at 2 s; the first tick after it (10 s to 10.4 s) lists the image.
    const first = posts[0] as Post;
    expect(first.images).toBe(1);
    expect(first.tMs).toBeGreaterThan(2_000);
    expect(first.tMs).toBeLessThanOrEqual(UPDATE_MAX_MS);
    // Then nothing changes: the first tick at least 5 min after each post, within one jittered period.
    const gaps = posts.slice(1).map((p, i) => p.tMs - (posts[i] as Post).tMs);
    expect(gaps.length).toBe(2); // 12 min: about 5m10s and 10m20s
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(REPORT_MS);
      expect(gap).toBeLessThan(REPORT_MS + UPDATE_MAX_MS);
    }
  });

  it('posts at its next tick after someone else changed a condition, not for a change elsewhere on the Node', () => {
    const overwriteReady = (cluster: SimulatedCluster): void => {
      cluster.sim.at(60_000, () => {
        cluster.store.patch('Node', 'n-0', undefined, (node) => ({
          ...node,
          status: { ...node.status, conditions: (node.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' as const } : c)) },
        }));
      });
    };
    const labelOnly = (cluster: SimulatedCluster): void => {
      cluster.sim.at(60_000, () => {
        cluster.store.patch('Node', 'n-0', undefined, (node) => ({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, extra: 'yes' } } }));
      });
    };
    const afterOverwrite = kubeletPosts(overwriteReady).filter((p) => p.tMs >= 60_000);
    expect(afterOverwrite[0]?.ready).toBe('True');
    expect((afterOverwrite[0] as Post).tMs - 60_000).toBeLessThanOrEqual(UPDATE_MAX_MS);
    const afterLabel = kubeletPosts(labelOnly).filter((p) => p.tMs >= 60_000);
    expect((afterLabel[0] as Post).tMs).toBeGreaterThanOrEqual(REPORT_MS);
  });
});
