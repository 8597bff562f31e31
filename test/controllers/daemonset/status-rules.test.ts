/**
 * When the DaemonSet controller writes status (k/k daemon_controller.go
 * syncDaemonSet, updateDaemonSetStatus, storeDaemonSetStatus):
 * - while creates or deletes it made are not yet seen (expectations not
 *   satisfied) a sync writes status only, without raising
 *   observedGeneration: it acted on no generation. Before, such a sync wrote
 *   observedGeneration = the new generation, telling a user the change had
 *   been acted on;
 * - a create or delete that fails does not stop the status write; its error
 *   is the one the sync returns (and the key comes back rate-limited).
 *
 * The rows' timeline: node n1 is created at 1000 and the DaemonSet's sync
 * creates its pod at once; that pod's add reaches the controller 1000 ms
 * late (2000), every other event at once. At 1700 a user changes
 * minReadySeconds (generation 2).
 */
import { describe, expect, it } from 'vitest';
import { apiError, fail } from '../../../src/api/api-error.js';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { DaemonSet } from '../../../src/api/types/apps.js';
import { DAEMONSET_CONTROLLER, DaemonSetController } from '../../../src/controllers/daemonset/controller.js';
import { KUBE_CONTROLLER_MANAGER } from '../../../src/controllers/runtime/controller-manager.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';
import { asInput, makeNode } from '../../helpers/builders.js';

const POD_ADD_LAG_MS = 1000;

interface Row {
  readonly name: string;
  readonly refuseCreates: boolean;
  /** At 1100, 1800 and 2100: "generation desired/current observedGeneration". */
  readonly statuses: readonly string[];
}

const rows: Row[] = [
  {
    name: 'a sync before its create is seen does not raise observedGeneration',
    refuseCreates: false,
    // 1800: generation 2; the 1700 sync found its create unseen and kept observedGeneration 1 (old code: 2).
    // 2100: the pod seen at 2000, expectations satisfied: current 1, observedGeneration 2.
    statuses: ['1 1/0 1', '2 1/0 1', '2 1/1 2'],
  },
  {
    name: 'a refused create still has its status written',
    refuseCreates: true,
    // A refused create lowers the expectations at once, so every sync acts and observes its generation.
    statuses: ['1 1/0 1', '2 1/0 2', '2 1/0 2'],
  },
];

function describeStatus(ds: DaemonSet): string {
  const status = ds.status;
  return `${String(ds.metadata.generation)} ${String(status?.desiredNumberScheduled)}/${String(status?.currentNumberScheduled)} ${String(status?.observedGeneration)}`;
}

describe('DaemonSet status rules', () => {
  it.each(rows)('$name', ({ refuseCreates, statuses }) => {
    const sim = new Simulation(1);
    let creatingPod = false;
    const store = new ApiStore(sim, { network: { watchDelayMs: (w) => (w === KUBE_CONTROLLER_MANAGER && creatingPod ? POD_ADD_LAG_MS : 0) } });
    const client = new ApiClient(store, DAEMONSET_CONTROLLER);
    const lagging = Object.assign(Object.create(client) as ApiClient, {
      create: (...args: Parameters<ApiClient['create']>) => {
        if (refuseCreates) return fail(apiError('Forbidden', 'exceeded quota'));
        creatingPod = true;
        try {
          return client.create(...args);
        } finally {
          creatingPod = false;
        }
      },
    });
    new DaemonSetController(sim, store, lagging).start();
    const user = new ApiClient(store, 'user');
    must(user.create({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }] } }, updateStrategy: { type: 'RollingUpdate' }, minReadySeconds: 0 },
    }));
    sim.at(1000, () => { must(user.create(asInput(makeNode('n1')))); });
    sim.at(1700, () => { must(user.patch('DaemonSet', 'agent', 'default', (d) => ({ ...d, spec: { ...d.spec, minReadySeconds: 5 } }))); });
    const seen: string[] = [];
    for (const at of [1100, 1800, 2100]) sim.at(at, () => { seen.push(describeStatus(store.get('DaemonSet', 'agent', 'default') as DaemonSet)); });
    sim.run({ untilMs: 2200 });
    expect(seen).toEqual(statuses);
  });
});
