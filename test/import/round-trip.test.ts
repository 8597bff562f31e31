/**
 * Import round trip: a run's own end state, dumped as `kubectl get -o yaml`
 * prints it (kubesim run --dump-state), imported and run again, starts with
 * the same pods on the same nodes, Running and Ready at t=0, and creates no
 * pods: the controllers find their pods, owned and on their current
 * revision.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { StoreChange } from '../../src/api/watch.js';
import { importDump } from '../../src/import/import-dump.js';
import { importSummary } from '../../src/import/import-report.js';
import { readDump } from '../../src/import/read-dump.js';
import { scenarioYaml } from '../../src/import/write-scenario.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioFromYaml, tempFiles } from '../helpers/scenario.js';

type Json = Record<string, unknown>;

const ORIGINAL = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: original }
spec:
  duration: 2m
  cluster:
    nodePools:
      - { name: w, count: 3, capacity: { cpu: "4", memory: 8Gi }, allocatable: { cpu: 3800m, memory: 7Gi }, labels: { zone: a } }
  manifests:
    - { apiVersion: v1, kind: Namespace, metadata: { name: shop } }
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        replicas: 3
        selector: { matchLabels: { app: web } }
        template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: web, image: web:1, resources: { requests: { cpu: 500m } } } ] } }
    - apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db, namespace: shop }
      spec:
        replicas: 2
        serviceName: db
        selector: { matchLabels: { app: db } }
        template: { metadata: { labels: { app: db } }, spec: { containers: [ { name: db, image: db:1, resources: { requests: { cpu: "1" } } } ] } }
    - apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent }
      spec:
        selector: { matchLabels: { app: agent } }
        template: { metadata: { labels: { app: agent } }, spec: { containers: [ { name: a, image: agent:1 } ] } }
    - { apiVersion: v1, kind: Secret, metadata: { name: token, namespace: shop }, stringData: { key: hunter2 } }
  timeline:
    - { at: 30s, action: set-image, deployment: web, namespace: shop, container: web, image: web:2 }
`;

/** namespace/name → node of the pods in a dump. */
function podsOf(dump: string): Map<string, string | undefined> {
  const items = (parse(dump) as { items: Json[] }).items.filter((i) => i.kind === 'Pod');
  return new Map(items.map((i) => {
    const metadata = i.metadata as Json;
    return [`${String(metadata.namespace)}/${String(metadata.name)}`, (i.spec as Json).nodeName as string | undefined];
  }));
}

describe('import round trip', () => {
  const first = runScenario(scenarioFromYaml(ORIGINAL), { dumpState: true });
  const dump = first.state as string;
  const folder = tempFiles({ 'state.yaml': dump });
  const files = [join(folder, 'state.yaml')];
  const { manifests, log } = importDump(readDump(files));
  writeFileSync(join(folder, 'imported.yaml'), scenarioYaml('imported', files, manifests, importSummary(log, files)));
  // The same 2 minutes again.
  const scenario = loadScenario(join(folder, 'imported.yaml'), { transform: (input) => ({ ...input, spec: { ...input.spec, duration: 120_000 } }) });

  it('the original run ends with 3 web pods on web:2, 2 db pods and one agent per node', () => {
    const pods = [...podsOf(dump).keys()];
    expect(pods.filter((p) => p.startsWith('shop/web-'))).toHaveLength(3);
    expect(pods.filter((p) => p.startsWith('shop/db-')).sort()).toEqual(['shop/db-0', 'shop/db-1']);
    expect(pods.filter((p) => p.startsWith('default/agent-'))).toHaveLength(3);
  });

  it('starts with the same pods on the same nodes, Running and Ready at t=0, and creates or deletes none', () => {
    const rows = memoryRows();
    const cluster = new SimulatedCluster(scenario, { freezeObjects: true, rows });
    const atStart = new Map(cluster.store.list('Pod').map((p) => [`${p.metadata.namespace ?? 'default'}/${p.metadata.name}`, p.spec.nodeName]));
    expect(atStart).toEqual(podsOf(dump));
    const changes: StoreChange[] = [];
    cluster.store.observe({ onChange: (change) => { if (change.object.kind === 'Pod' || change.object.kind === 'ReplicaSet') changes.push(change); } });
    cluster.run();
    expect(changes.filter((c) => c.type !== 'MODIFIED').map((c) => `${c.type} ${c.object.kind} ${c.object.metadata.name}`)).toEqual([]);
    cluster.recorder.recording(120_000);
    const records = rows.pods.rows;
    expect(records.length).toBeGreaterThan(0);
    expect(records.map((p) => [p.readyMs, p.runningAtStart])).toEqual(records.map(() => [0, true]));
  });

  it('ends the second run with the pods it started with, and reports no rollout', () => {
    const second = runScenario(scenario, { dumpState: true });
    expect(podsOf(second.state as string)).toEqual(podsOf(dump));
    expect(second.report.summary.rollouts).toEqual([]);
    expect(second.report.summary.podsRunningAtStart).toBe(8);
  });

  it('keeps the nodes\' allocatable and the Secret\'s keys, not its values', () => {
    const node = scenario.nodes.find((n) => n.metadata.name === 'w-0') as Json;
    expect((node.status as Json).allocatable).toEqual({ pods: 110, cpu: '3800m', memory: '7Gi' });
    const secret = scenario.manifests.find((m) => m.kind === 'Secret') as Json;
    // kubesim's store keeps stringData as written (the API server would fold it into data).
    expect(secret.stringData).toEqual({ key: '' });
    expect(JSON.stringify(scenario.manifests)).not.toContain('hunter2');
  });
});
