/**
 * ReplicationControllers and LimitRanges round-trip too: the repository's
 * scenarios for them, dumped at 2m, imported and run for a minute, start
 * with the same pods and create or delete none.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDump } from '../../src/import/import-dump.js';
import { importSummary } from '../../src/import/import-report.js';
import { readDump } from '../../src/import/read-dump.js';
import { scenarioYaml } from '../../src/import/write-scenario.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

describe.each(['replicationcontroller.yaml', 'limit-range.yaml'])('%s imported from its state at 2m', (file) => {
  it('starts with the dumped pods and creates or deletes none', () => {
    const first = runScenario(loadScenario(repoScenario(file), { transform: (input) => ({ ...input, spec: { ...input.spec, duration: 120_000 } }) }), { dumpState: true });
    const folder = tempFiles({ 'state.yaml': first.state as string });
    const files = [join(folder, 'state.yaml')];
    const { manifests, log } = importDump(readDump(files));
    expect(log.notes.filter((n) => n.what === 'dropped' && n.kind !== 'Namespace')).toEqual([]);
    writeFileSync(join(folder, 'imported.yaml'), scenarioYaml('imported', files, manifests, importSummary(log, files)));
    const cluster = new SimulatedCluster(loadScenario(join(folder, 'imported.yaml'), { transform: (input) => ({ ...input, spec: { ...input.spec, duration: 60_000 } }) }));
    const dumped = first.pods.filter((p) => p.deletedMs === undefined && p.phase !== 'Succeeded' && p.phase !== 'Failed').map((p) => `${p.namespace}/${p.name}`).sort();
    expect(cluster.store.list('Pod').map((p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`).sort()).toEqual(dumped);
    const changes: string[] = [];
    cluster.store.observe({ onChange: (change) => { if (change.object.kind === 'Pod' && change.type !== 'MODIFIED') changes.push(`${change.type} ${change.object.metadata.name}`); } });
    cluster.run();
    expect(changes).toEqual([]);
  });
});
