/**
 * The disruption controller (k/k pkg/controller/disruption/disruption.go):
 * keeps each PodDisruptionBudget's status — expectedPods,
 * currentHealthy, desiredHealthy, disruptionsAllowed, disruptedPods and the
 * DisruptionAllowed condition — in step with its pods. The eviction API
 * (api/eviction.ts) reads that status and spends it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApiError } from '../../api/api-error.js';
import type { ApiClient } from '../../api/client.js';
import { withDisruptionAllowedCondition } from '../../api/eviction.js';
import type { Informer } from '../../api/informer.js';
import { onEveryChange } from '../runtime/watches.js';
import { addLabelSetIndex, objectsMatching } from '../../api/label-set-index.js';
import { selectorMatches } from '../../api/labels.js';
import type { ApiStore } from '../../api/store.js';
import { controllerOf, objectKey, type Condition } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from '../../api/types/policy.js';
import type { Simulation } from '../../engine/simulation.js';
import { splitKey } from '../owner.js';
import { Controller, DONE, reconcileError, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { updateStatusOfCachedCopy } from '../update-status.js';
import { countHealthyPods, disruptedPodMap, disruptionsAllowed, expectedPodCount, type ScaleFinder } from './budget.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const DISRUPTION_CONTROLLER = 'disruption-controller';

export class DisruptionController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly budgets: Informer<'PodDisruptionBudget'>;
  private readonly pods: Informer<'Pod'>;
  private readonly replicaSets: Informer<'ReplicaSet'>;
  private readonly deployments: Informer<'Deployment'>;
  private readonly statefulSets: Informer<'StatefulSet'>;
  private readonly controller: Controller;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient) {
    this.sim = sim;
    this.client = client;
    const informers = controllerManagerInformers(store);
    const informer = <K extends string>(kind: K) => informers.informer(kind);
    this.budgets = informer('PodDisruptionBudget');
    this.pods = informer('Pod');
    addLabelSetIndex(this.pods);
    this.replicaSets = informer('ReplicaSet');
    this.deployments = informer('Deployment');
    this.statefulSets = informer('StatefulSet');
    this.controller = new Controller(sim, { name: DISRUPTION_CONTROLLER, workers: 1, reconcile: (key) => this.sync(key) });
    const enqueue = (pdb: PodDisruptionBudget): void => this.controller.enqueue(objectKey(pdb.metadata));
    onEveryChange(this.budgets, enqueue);
    const podChanged = (pod: Pod): void => {
      for (const pdb of this.budgets.list(pod.metadata.namespace)) if (selectorMatches(pdb.spec.selector, pod.metadata.labels)) enqueue(pdb);
    };
    this.pods.addHandler({ onAdd: podChanged, onUpdate: (old, pod) => { podChanged(old); podChanged(pod); }, onDelete: podChanged });
  }

  start(): void {
    for (const informer of [this.budgets, this.pods, this.replicaSets, this.deployments, this.statefulSets]) informer.start();
  }

  /** The finders: a pod's Deployment (through its ReplicaSet), bare ReplicaSet, or StatefulSet. */
  private readonly finder: ScaleFinder = (pod) => {
    const ref = controllerOf(pod.metadata);
    const ns = pod.metadata.namespace;
    if (ref?.kind === 'ReplicaSet') {
      const rs = this.replicaSets.get(ref.name, ns);
      if (rs === undefined || rs.metadata.uid !== ref.uid) return undefined;
      const owner = controllerOf(rs.metadata);
      if (owner?.kind === 'Deployment') {
        const d = this.deployments.get(owner.name, ns);
        return d === undefined || d.metadata.uid !== owner.uid ? undefined : { uid: d.metadata.uid, scale: d.spec.replicas };
      }
      return { uid: rs.metadata.uid, scale: rs.spec.replicas ?? 1 };
    }
    if (ref?.kind === 'StatefulSet') {
      const sts = this.statefulSets.get(ref.name, ns);
      return sts === undefined || sts.metadata.uid !== ref.uid ? undefined : { uid: sts.metadata.uid, scale: sts.spec.replicas };
    }
    return undefined;
  };

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const pdb = this.budgets.get(name, namespace);
    if (pdb === undefined) return DONE;
    const now = this.sim.nowMs;
    // Matched set by set (label-set index), then in name order: a sync costs the budget's pods, not the namespace's.
    const pods = objectsMatching(this.pods, pdb.metadata.namespace ?? 'default', (labels) => selectorMatches(pdb.spec.selector, labels))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    const expected = expectedPodCount(pdb, pods, this.finder);
    if (!expected.ok) {
      this.client.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${expected.error}`);
      return this.failSafe(pdb, expected.error);
    }
    if (expected.unmanagedPods.length > 0) {
      this.client.event(pdb, 'Warning', 'UnmanagedPods', 'Pods selected by this PodDisruptionBudget were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.');
    }
    const disrupted = disruptedPodMap(pdb, pods, now);
    for (const podName of disrupted.expired) {
      const pod = pods.find((p) => p.metadata.name === podName);
      if (pod !== undefined) this.client.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace ?? 'default'}/${pdb.metadata.name} to be deleted but it wasn't`);
    }
    const currentHealthy = countHealthyPods(pods, disrupted.map, now);
    const error = this.write(pdb, {
      ...this.baseStatus(pdb),
      currentHealthy,
      desiredHealthy: expected.desiredHealthy,
      expectedPods: expected.expectedPods,
      disruptionsAllowed: disruptionsAllowed(currentHealthy, expected.desiredHealthy, expected.expectedPods),
      disruptedPods: disrupted.map,
    });
    if (error !== undefined) {
      // sync: a Conflict (the eviction API or the controller itself wrote since the cache was
      // filled) is returned as it is and the key requeued rate-limited; any other error goes
      // through failSafe.
      return error.reason === 'Conflict' ? reconcileError(error.message) : this.failSafe(pdb, error.message);
    }
    return disrupted.recheckAtMs === undefined ? DONE : requeueAfter(disrupted.recheckAtMs - now);
  }

  private baseStatus(pdb: PodDisruptionBudget): PodDisruptionBudgetStatus {
    return {
      currentHealthy: pdb.status?.currentHealthy ?? 0,
      desiredHealthy: pdb.status?.desiredHealthy ?? 0,
      expectedPods: pdb.status?.expectedPods ?? 0,
      disruptionsAllowed: 0,
      observedGeneration: pdb.metadata.generation ?? 1,
      ...(pdb.status?.conditions === undefined ? {} : { conditions: pdb.status.conditions }),
    };
  }

  /**
   * failSafe: a copy of the cached status (counts, disruptedPods and
   * observedGeneration as they were) with no disruption allowed and the
   * DisruptionAllowed condition set False/SyncFailed as
   * apimachinery meta.SetStatusCondition sets it: its lastTransitionTime
   * moves only when its status changes, so a budget that fails sync after
   * sync keeps the time it first failed. The sync ends with this write's
   * error, if any.
   */
  private failSafe(pdb: PodDisruptionBudget, message: string): ReconcileResult {
    const cached = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 };
    const condition = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message } as const;
    const status = { ...cached, disruptionsAllowed: 0, conditions: setStatusCondition(cached.conditions ?? [], condition, this.sim.nowMs) };
    if (isDeepStrictEqual(pdb.status, status)) return DONE;
    const result = updateStatusOfCachedCopy(this.client, pdb, status);
    return result.ok ? DONE : reconcileError(result.error.message);
  }

  /**
   * writePdbStatus: UpdateStatus of the cached copy (update-status.ts) when
   * the status changed, with no retry of its own. Returns the error: a
   * Conflict when the eviction API has spent a disruption since the cache
   * was filled.
   */
  private write(pdb: PodDisruptionBudget, proposed: PodDisruptionBudgetStatus): ApiError | undefined {
    const status = withDisruptionAllowedCondition(proposed, this.sim.nowMs);
    if (isDeepStrictEqual(pdb.status, status)) return undefined;
    const result = updateStatusOfCachedCopy(this.client, pdb, status);
    return result.ok ? undefined : result.error;
  }
}

/**
 * apimachinery meta.SetStatusCondition: the condition of that type replaced
 * in place (appended when there is none), keeping its lastTransitionTime
 * unless its status changes.
 */
export function setStatusCondition(conditions: readonly Condition[], condition: Condition, nowMs: number): Condition[] {
  const index = conditions.findIndex((c) => c.type === condition.type);
  const existing = index < 0 ? undefined : conditions[index];
  const lastTransitionTime = existing !== undefined && existing.status === condition.status ? existing.lastTransitionTime ?? nowMs : nowMs;
  const next = { ...condition, lastTransitionTime };
  return index < 0 ? [...conditions, next] : conditions.map((c, i) => (i === index ? next : c));
}
