/**
 * Property: for any small cluster that has settled (nodes of any size, a
 * Deployment rolled once, a StatefulSet, maybe a DaemonSet, pods that may
 * not all fit), its end state dumped, imported and run again starts with
 * exactly the dumped pods on the same nodes (unbound ones unbound) and
 * creates or deletes no pod for a minute: every controller finds its pods.
 *
 * Reproducible: fast-check runs with a fixed seed; explore with e.g.
 * `FC_SEED=$RANDOM FC_RUNS=100 npx vitest run test/import/round-trip.property.test.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importDump } from '../../src/import/import-dump.js';
import { importSummary } from '../../src/import/import-report.js';
import { readDump } from '../../src/import/read-dump.js';
import { scenarioYaml } from '../../src/import/write-scenario.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioFromYaml, tempFiles } from '../helpers/scenario.js';

const SEED = Number(process.env.FC_SEED ?? 20_261_207);
const RUNS = Number(process.env.FC_RUNS ?? 10);

interface Case {
  readonly seed: number;
  readonly nodes: number;
  readonly nodeCpu: number;
  readonly webReplicas: number;
  readonly webCpuMilli: number;
  readonly dbReplicas: number;
  readonly daemonSet: boolean;
}

const cases: fc.Arbitrary<Case> = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  nodes: fc.integer({ min: 1, max: 4 }),
  nodeCpu: fc.integer({ min: 1, max: 4 }),
  webReplicas: fc.integer({ min: 0, max: 6 }),
  webCpuMilli: fc.constantFrom(100, 500, 1500),
  dbReplicas: fc.integer({ min: 0, max: 3 }),
  daemonSet: fc.boolean(),
});

function original(c: Case): string {
  const daemonSet = !c.daemonSet ? '' : `
    - apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent }
      spec:
        selector: { matchLabels: { app: agent } }
        template: { metadata: { labels: { app: agent } }, spec: { containers: [ { name: a, image: agent:1, resources: { requests: { cpu: 50m } } } ] } }`;
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: original }
spec:
  seed: ${c.seed}
  duration: 2m
  cluster: { nodePools: [ { name: w, count: ${c.nodes}, capacity: { cpu: "${c.nodeCpu}", memory: 8Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: ${c.webReplicas}
        selector: { matchLabels: { app: web } }
        template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: web, image: web:1, resources: { requests: { cpu: ${c.webCpuMilli}m } } } ] } }
    - apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db }
      spec:
        replicas: ${c.dbReplicas}
        serviceName: db
        podManagementPolicy: Parallel
        selector: { matchLabels: { app: db } }
        template: { metadata: { labels: { app: db } }, spec: { containers: [ { name: db, image: db:1, resources: { requests: { cpu: 200m } } } ] } }${daemonSet}
  timeline:
    - { at: 10s, action: set-image, deployment: web, container: web, image: web:2 }
`;
}

function podsOf(dump: string): Map<string, string | null> {
  const items = (parse(dump) as { items: Array<Record<string, Record<string, unknown>>> }).items.filter((i) => i.kind === 'Pod' as unknown);
  return new Map(items.map((i) => [`${String(i.metadata?.namespace)}/${String(i.metadata?.name)}`, (i.spec?.nodeName as string | undefined) ?? null]));
}

describe('import round trip, any settled cluster', () => {
  it('starts with the dumped pods on their nodes and creates or deletes none', () => {
    fc.assert(fc.property(cases, (c) => {
      const dump = runScenario(scenarioFromYaml(original(c)), { dumpState: true }).state as string;
      const folder = tempFiles({ 'state.yaml': dump });
      const files = [join(folder, 'state.yaml')];
      const { manifests, log } = importDump(readDump(files));
      writeFileSync(join(folder, 'imported.yaml'), scenarioYaml('imported', files, manifests, importSummary(log, files)));
      const scenario = loadScenario(join(folder, 'imported.yaml'), { transform: (input) => ({ ...input, spec: { ...input.spec, duration: 60_000 } }) });
      const cluster = new SimulatedCluster(scenario);
      const atStart = new Map(cluster.store.list('Pod').map((p) => [`${p.metadata.namespace ?? 'default'}/${p.metadata.name}`, p.spec.nodeName ?? null]));
      expect(atStart).toEqual(podsOf(dump));
      const created: string[] = [];
      cluster.store.observe({ onChange: (change) => { if (change.object.kind === 'Pod' && change.type !== 'MODIFIED') created.push(`${change.type} ${change.object.metadata.name}`); } });
      cluster.run();
      expect(created).toEqual([]);
    }), { seed: SEED, numRuns: RUNS });
  });
});
