/**
 * The kubelet's status manager re-sends a pod status someone else
 * overwrote at its next periodic sync (every 10 s, k/k pkg/kubelet/status
 * status_manager.go syncBatch), every time it happens: the sync that found
 * the pod in step remembers it only until the API object changes.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: status-sync }
spec:
  duration: 2m
  cluster:
    nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 8Gi } } ]
  timing:
    kubelet: { podStartup: 1s }
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec: { containers: [ { name: c, image: "web:1" } ] }
`;

const readyOf = (pod: Pod): string | undefined => pod.status?.conditions?.find((c) => c.type === 'Ready')?.status;

describe('kubelet periodic status sync', () => {
  it('restores Ready=True at the next 10 s sync after each outside overwrite, also after syncs that found it in step', () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(SCENARIO), { freezeObjects: true });
    const readyWrites: Array<{ tMs: number; ready: string | undefined }> = [];
    cluster.store.observe({
      onChange: (change, tMs) => {
        if (change.object.kind !== 'Pod' || change.type !== 'MODIFIED') return;
        const before = readyOf(change.oldObject as Pod);
        const after = readyOf(change.object as Pod);
        if (before !== after) readyWrites.push({ tMs, ready: after });
      },
    });
    // As the node lifecycle controller's MarkPodsNotReady does: Ready=False written by someone else.
    const overwrite = (): void => {
      cluster.store.patch('Pod', 'web', 'default', (p) => ({
        ...p,
        status: { ...p.status, conditions: (p.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const } : c)) },
      }));
    };
    // The kubelet's syncs fall at 10 s, 20 s, ...: the first overwrite comes after three
    // syncs found the pod in step (20 s, 30 s... from 10 s on it is Ready), the second after four more.
    cluster.sim.at(35_500, overwrite);
    cluster.sim.at(75_500, overwrite);
    cluster.run();
    expect(readyWrites.filter((w) => w.tMs > 10_000)).toEqual([
      { tMs: 35_500, ready: 'False' },
      { tMs: 40_000, ready: 'True' }, // the next sync re-sends the kubelet's status
      { tMs: 75_500, ready: 'False' },
      { tMs: 80_000, ready: 'True' },
    ]);
  });
});
