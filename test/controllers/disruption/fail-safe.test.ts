/**
 * The disruption controller's failSafe (k/k disruption.go failSafe): when a
 * budget cannot be computed it writes a copy of the cached status with no
 * disruption allowed and DisruptionAllowed=False/SyncFailed, set by
 * apimachinery meta.SetStatusCondition, which moves lastTransitionTime only
 * when the condition's status changes. Before, every failSafe stamped a new
 * lastTransitionTime (and wrote again though nothing had changed).
 *
 * Each row: a budget with maxUnavailable 1 over one Ready pod web-0, whose
 * controller is a bare ReplicaSet of scale 1 (the finder knows it) or a Job
 * (the finder knows no Job: "found no controllers"). Steps a second apart
 * from 1000 ms change the pod's annotation (which requeues the budget) or delete
 * the ReplicaSet; the condition is read after each step.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { Condition, KubeObject } from '../../../src/api/types/meta.js';
import type { PodDisruptionBudget } from '../../../src/api/types/policy.js';
import { DISRUPTION_CONTROLLER, DisruptionController } from '../../../src/controllers/disruption/controller.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

type Step = 'touch pod' | 'delete ReplicaSet';

interface Row {
  readonly name: string;
  readonly owner: 'ReplicaSet' | 'Job';
  readonly steps: readonly Step[];
  /** DisruptionAllowed after the first sync (0 ms) and after each step: "status reason lastTransitionTime". */
  readonly conditions: readonly string[];
  /** PDB status writes by the controller after the first sync. */
  readonly laterWrites: number;
}

const rows: Row[] = [
  {
    name: 'fails on every sync: the time it first failed is kept, nothing rewritten',
    owner: 'Job',
    steps: ['touch pod', 'touch pod', 'touch pod'],
    // Old code: False SyncFailed 1000, 2000, 3000 and 3 writes.
    conditions: ['False SyncFailed 0', 'False SyncFailed 0', 'False SyncFailed 0', 'False SyncFailed 0'],
    laterWrites: 0,
  },
  {
    name: 'allowed, then fails: the transition is stamped once',
    owner: 'ReplicaSet',
    steps: ['touch pod', 'delete ReplicaSet', 'touch pod', 'touch pod'],
    // 1 healthy, desired 1 - 1 = 0: 1 disruption allowed (True). The ReplicaSet's delete at 2000 queues no
    // budget (the controller watches budgets and pods only); the pod's change at 3000 does: no controller found.
    // Old code: the 4000 ms sync wrote False SyncFailed 4000.
    conditions: ['True SufficientPods 0', 'True SufficientPods 0', 'True SufficientPods 0', 'False SyncFailed 3000', 'False SyncFailed 3000'],
    laterWrites: 1,
  },
];

function describeCondition(pdb: PodDisruptionBudget | undefined): string {
  const condition: Condition | undefined = pdb?.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  return condition === undefined ? 'none' : `${condition.status} ${condition.reason ?? ''} ${String(condition.lastTransitionTime)}`;
}

describe('disruption controller failSafe keeps lastTransitionTime while the condition holds', () => {
  it.each(rows)('$name', ({ owner, steps, conditions, laterWrites }) => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const client = new ApiClient(store, DISRUPTION_CONTROLLER);
    let writes = 0;
    const counted = Object.assign(Object.create(client) as ApiClient, {
      update: (...args: Parameters<ApiClient['update']>) => {
        const result = client.update(...args);
        if (result.ok && args[0].kind === 'PodDisruptionBudget' && sim.nowMs > 0) writes++;
        return result;
      },
    });
    new DisruptionController(sim, store, counted).start();
    const user = new ApiClient(store, 'user');
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };
    const controllerObject = owner === 'ReplicaSet'
      ? must(user.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template } })) as KubeObject
      : must(user.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'web' }, spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } } } as never)) as KubeObject;
    const ownerReferences = [{ apiVersion: controllerObject.apiVersion, kind: owner, name: 'web', uid: controllerObject.metadata.uid, controller: true }];
    must(user.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'web' }, ownerReferences }, spec: { nodeName: 'n1', containers: template.spec.containers } }));
    must(user.patch('Pod', 'web-0', 'default', (p) => ({ ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 0 }] } })));
    must(user.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } }));
    const seen: string[] = [];
    const read = (): void => { seen.push(describeCondition(store.get('PodDisruptionBudget', 'web', 'default') as PodDisruptionBudget | undefined)); };
    sim.at(500, read);
    steps.forEach((step, i) => {
      const at = (i + 1) * 1000;
      sim.at(at, () => {
        if (step === 'delete ReplicaSet') must(user.delete('ReplicaSet', 'web', 'default'));
        else must(user.patch('Pod', 'web-0', 'default', (p) => ({ ...p, metadata: { ...p.metadata, annotations: { touched: String(at) } } })));
      });
      sim.at(at + 500, read);
    });
    sim.run({ untilMs: (steps.length + 1) * 1000 });
    expect(seen).toEqual(conditions);
    expect(writes).toBe(laterWrites);
  });
});
