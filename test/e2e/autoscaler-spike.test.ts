/**
 * End to end: scenarios/autoscaler-spike.yaml as shipped, with every
 * Cluster Autoscaler default (FAQ "What are the parameters to CA?"):
 * --scan-interval 10s, --scale-down-unneeded-time 10m,
 * --scale-down-delay-after-add 10m, provisioning uniform 1–2 min.
 * The group "worker" starts at 3 nodes of 4 CPUs running 10 pods of 1 CPU
 * (10 of 12 CPUs); at 5m web goes to 40 replicas, at 20m back to 10.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryRows } from '../../src/metrics/row-sink.js';
import type { EventRecord } from '../../src/metrics/types.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';
import { repoScenario, scenarioFromYaml } from '../helpers/scenario.js';

const SCAN_MS = 10_000;
const SPIKE_MS = 5 * 60_000;
const SPIKE_END_MS = 20 * 60_000;
const TEN_MINUTES = 10 * 60_000;

interface Run {
  readonly events: readonly EventRecord[];
  /** Node count after each change, with its time. */
  readonly nodeCounts: Array<{ tMs: number; count: number }>;
  readonly nodesCreated: Array<{ tMs: number; name: string }>;
}

function run(scenario: Scenario): Run {
  const rows = memoryRows();
  const cluster = new SimulatedCluster(scenario, { freezeObjects: true, rows });
  const nodeCounts: Run['nodeCounts'] = [];
  const nodesCreated: Run['nodesCreated'] = [];
  let count = cluster.store.list('Node').length;
  cluster.store.observe({
    onChange: (change, tMs) => {
      if (change.object.kind !== 'Node' || change.type === 'MODIFIED') return;
      count += change.type === 'ADDED' ? 1 : -1;
      if (change.type === 'ADDED') nodesCreated.push({ tMs, name: change.object.metadata.name });
      nodeCounts.push({ tMs, count });
    },
  });
  cluster.run();
  return { events: rows.events.rows, nodeCounts, nodesCreated };
}

const byReason = (events: readonly EventRecord[], reason: string): EventRecord[] => events.filter((e) => e.reason === reason && e.source === 'cluster-autoscaler');

describe('autoscaler-spike', () => {
  const { events, nodeCounts, nodesCreated } = run(loadScenario(repoScenario('autoscaler-spike.yaml')));

  it('scales worker up within one scan interval of the spike, by the 7 nodes the 28 pods beyond the spare 2 CPUs need', () => {
    const scaleUps = byReason(events, 'ScaledUpGroup');
    expect(scaleUps).toHaveLength(1);
    const at = (scaleUps[0] as EventRecord).tMs;
    // The pods are marked Unschedulable a few ms after 5m; the next scan (a multiple of 10 s) sees them.
    expect(at).toBeGreaterThan(SPIKE_MS);
    expect(at).toBeLessThanOrEqual(SPIKE_MS + SCAN_MS);
    // 30 new pods of 1 CPU; 12 − 10 = 2 CPUs spare: 28 CPUs = 7 nodes of 4.
    expect(scaleUps[0]?.message).toBe('Scale-up: setting group worker size to 10 instead of 3 (max: 12)');
    expect(byReason(events, 'TriggeredScaleUp')).toHaveLength(28);
  });

  it('registers the new nodes 1 to 2 minutes (the provisioning default) after the scale-up', () => {
    const at = byReason(events, 'ScaledUpGroup')[0]?.tMs as number;
    const added = nodesCreated.filter((n) => n.tMs > 0);
    expect(added).toHaveLength(7);
    for (const node of added) {
      expect(node.tMs).toBeGreaterThanOrEqual(at + 60_000);
      expect(node.tMs).toBeLessThanOrEqual(at + 120_000);
    }
  });

  it('removes the 7 empty nodes 10 min after they became unneeded, never going below min 3', () => {
    const removals = byReason(events, 'ScaleDownEmpty');
    expect(removals).toHaveLength(7);
    // The 30 pods are gone within a few seconds of 20m; the scan at 20m10s finds the new nodes
    // empty and unneeded; 10 min later (scaleDownUnneededTime) the scan at 30m10s deletes them.
    // scaleDownDelayAfterAdd ended long before: 5m10s + 10m = 15m10s.
    for (const removal of removals) expect(removal.tMs).toBe(SPIKE_END_MS + SCAN_MS + TEN_MINUTES);
    expect(Math.min(...nodeCounts.map((c) => c.count))).toBe(3);
    expect(Math.max(...nodeCounts.map((c) => c.count))).toBe(10);
    expect(nodeCounts.at(-1)?.count).toBe(3);
  });

  it('reports node-hours and cost from the nodes\' lifetimes, the pods\' waits for a node and the decisions', () => {
    const { report } = runScenario(loadScenario(repoScenario('autoscaler-spike.yaml')));
    const section = report.autoscaling;
    expect(section).toBeDefined();
    // 3 nodes for the whole hour, plus each added node from its registration to 30m10s.
    const removedAt = SPIKE_END_MS + SCAN_MS + TEN_MINUTES;
    const addedHours = nodesCreated.filter((n) => n.tMs > 0).reduce((sum, n) => sum + (removedAt - n.tMs) / 3_600_000, 0);
    const nodeHours = 3 + addedHours;
    expect(section?.nodeHours).toBeCloseTo(nodeHours, 3);
    expect(section?.cost).toBeCloseTo(nodeHours * 0.2, 3);
    expect(section?.pools.map((p) => [p.name, p.min, p.max, p.initialNodes, p.peakNodes, p.finalNodes])).toEqual([['worker', 3, 12, 3, 10, 3]]);
    // The 28 pods that triggered the scale-up waited from ~5m to their new node's registration (1–2 min after 5m10s) and binding.
    const wait = section?.podWaitForNodeMs;
    expect(wait?.count).toBe(28);
    expect(wait?.censored).toBe(0);
    expect(wait?.max).toBeGreaterThanOrEqual(60_000);
    expect(wait?.max).toBeLessThanOrEqual(SCAN_MS + 120_000 + 1_000);
    expect(section?.decisions.map((d) => d.reason)).toEqual(['ScaledUpGroup', ...Array(7).fill('ScaleDownEmpty')]);
    expect(section?.series.at(-1)?.cost).toBe(section?.cost);
  });

  it('waits for --scale-down-delay-after-add when nodes are unneeded sooner', () => {
    // The spike ends at 8m and unneeded nodes qualify after 1 min (from ~8m10s, so at ~9m10s),
    // but no scale-down may start before the scale-up at 5m10s + 10m = 15m10s: the scan at 15m10s deletes.
    const yaml = readFileSync(repoScenario('autoscaler-spike.yaml'), 'utf8')
      .replace('{ at: 20m, action: scale, deployment: web, replicas: 10 }', '{ at: 8m, action: scale, deployment: web, replicas: 10 }')
      .replace('  timing:\n', '  clusterAutoscaler: { scaleDownUnneededTime: 1m }\n  timing:\n');
    const variant = run(scenarioFromYaml(yaml));
    const scaleUpAt = byReason(variant.events, 'ScaledUpGroup')[0]?.tMs as number;
    expect(scaleUpAt).toBe(SPIKE_MS + SCAN_MS);
    const firstRemoval = Math.min(...variant.events.filter((e) => e.source === 'cluster-autoscaler' && e.kind === 'Node' && e.reason === 'ScaleDown').map((e) => e.tMs));
    expect(firstRemoval).toBe(scaleUpAt + TEN_MINUTES);
  });
});
