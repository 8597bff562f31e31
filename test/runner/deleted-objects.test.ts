/**
 * Memory follows live objects: once a pod is deleted, its object is gone
 * from the API store and from every component's informer cache (and their
 * indexes), while its timeline is still in the run's pods.jsonl (written
 * as the run goes, as `kubesim run` does). The informers are found by
 * walking the simulated cluster's components, so a component added later
 * is checked too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PodRecord } from '../../src/metrics/types.js';
import { runStreamed } from '../helpers/cluster.js';
import { informersIn } from '../helpers/object-graph.js';
import { scaledDownDeploymentYaml, scenarioFromYaml } from '../helpers/scenario.js';

const scratch = mkdtempSync(join(tmpdir(), 'kubesim-deleted-objects-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const YAML = scaledDownDeploymentYaml('deleted-objects', 3, '4m');

describe('deleted objects leave the store and every informer', () => {
  it('two pods scaled away are gone from the store and every pod informer, and their timelines are in pods.jsonl', () => {
    const scenario = scenarioFromYaml(YAML);
    const folder = join(scratch, 'out');
    const { cluster, report } = runStreamed(scenario, folder);
    const pods = readFileSync(join(folder, 'pods.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as PodRecord);

    // 3 created, scaled to 1 at 1m: two pods deleted (5 s grace, long before 4m),
    // written when deleted; the live one follows at the end.
    const deleted = pods.filter((p) => p.deletedMs !== undefined);
    expect(pods).toHaveLength(3);
    expect(report.summary.podsCreated).toBe(3);
    expect(deleted).toHaveLength(2);
    expect(pods[2]?.deletedMs).toBeUndefined();
    for (const pod of deleted) {
      expect(pod.createdMs).toBe(0);
      expect(pod.readyMs).toBeGreaterThan(0);
      expect(pod.terminatingMs).toBeGreaterThanOrEqual(60_000);
      expect(pod.deletedMs).toBeGreaterThanOrEqual(pod.terminatingMs as number);
    }

    expect(cluster.store.list('Pod').map((p) => p.metadata.name).sort()).toEqual(pods.filter((p) => p.deletedMs === undefined).map((p) => p.name));
    const podInformers = informersIn(cluster).filter((i) => i.kind === 'Pod');
    // The scheduler's, kube-controller-manager's (every controller's, from
    // its one informer factory) and one kubelet's per node.
    const watchers = podInformers.map((i) => (i as unknown as { options: { watcher: string } }).options.watcher).sort();
    expect(watchers).toEqual(['default-scheduler', 'kube-controller-manager', ...cluster.nodeAgents.nodeNames.map((n) => `kubelet/${n}`).sort()]);
    for (const informer of podInformers) {
      for (const pod of deleted) {
        expect(informer.get(pod.name, pod.namespace)).toBeUndefined();
        expect(informer.list().some((p) => p.metadata.uid === pod.uid)).toBe(false);
      }
    }
  });
});
