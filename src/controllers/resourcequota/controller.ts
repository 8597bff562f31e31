/**
 * The resource quota controller (k/k pkg/controller/resourcequota
 * resource_quota_controller.go): it keeps each ResourceQuota's status.hard
 * equal to spec.hard and status.used to what the namespace really uses, for
 * each hard resource (zero included). It syncs a quota when it is created
 * or its spec.hard changes, when a pod in its namespace is deleted or stops
 * being charged (replenishment, pkg/controller/resourcequota
 * replenishment and QuotaV1Pod), and every 5 minutes
 * (--resource-quota-sync-period). Between syncs the API server's quota
 * admission adds each create's usage itself. Usage is counted from a LIST
 * at each sync (upstream reads its informer caches, which may lag); only
 * pods trigger replenishment, so a deleted Service frees its object count
 * at the next resync rather than at once.
 *
 * Its pod watch starts with the first ResourceQuota: a run without quotas
 * pays nothing for it.
 */
import type { ApiClient } from '../../api/client.js';
import { countsOtherObjects, podChargedAt, podUsage, quotaMatches, objectUsage, type Usage } from '../../api/admission/quota-usage.js';
import type { Informer } from '../../api/informer.js';
import { namespacedKinds } from '../../api/kinds.js';
import { formatMilli, isBinaryText } from '../../api/quantity-compare.js';
import type { ApiStore } from '../../api/store.js';
import { objectKey } from '../../api/types/meta.js';
import type { ResourceQuota, ResourceQuotaStatus } from '../../api/types/quota.js';
import { jsonEqual } from '../../api/json-equal.js';
import type { Simulation } from '../../engine/simulation.js';
import { splitKey } from '../owner.js';
import { Controller, DONE, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const RESOURCE_QUOTA_CONTROLLER = 'resourcequota-controller';
/** --resource-quota-sync-period. */
export const QUOTA_RESYNC_MS = 5 * 60_000;
/** --concurrent-resource-quota-syncs. */
const WORKERS = 5;

export class ResourceQuotaController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly quotas: Informer<'ResourceQuota'>;
  private readonly pods: Informer<'Pod'>;
  private readonly controller: Controller;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient) {
    this.sim = sim;
    this.client = client;
    this.quotas = controllerManagerInformers(store).informer('ResourceQuota');
    this.pods = controllerManagerInformers(store).informer('Pod');
    this.controller = new Controller(sim, { name: RESOURCE_QUOTA_CONTROLLER, workers: WORKERS, reconcile: (key) => this.sync(key) });
    this.quotas.addHandler({
      onAdd: (quota) => {
        this.pods.start();
        this.controller.enqueue(objectKey(quota.metadata));
      },
      onUpdate: (old, quota) => {
        // Admission's own writes to status.used do not call for a sync.
        if (!jsonEqual(old.spec, quota.spec) || !jsonEqual(quota.spec.hard ?? {}, quota.status?.hard ?? {})) this.controller.enqueue(objectKey(quota.metadata));
      },
    });
    this.pods.addHandler({
      onUpdate: (old, pod) => {
        if (podChargedAt(old, this.sim.nowMs) && !podChargedAt(pod, this.sim.nowMs)) this.replenish(pod.metadata.namespace);
      },
      onDelete: (pod) => this.replenish(pod.metadata.namespace),
    });
  }

  start(): void {
    this.quotas.start();
  }

  private replenish(namespace: string | undefined): void {
    for (const quota of this.quotas.list(namespace ?? 'default')) this.controller.enqueue(objectKey(quota.metadata));
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const quota = this.quotas.get(name, namespace);
    if (quota === undefined) return DONE;
    const status = this.calculateStatus(quota);
    if (!jsonEqual(quota.status ?? {}, status)) {
      this.client.patch('ResourceQuota', name, namespace, (current) => (current.metadata.uid === quota.metadata.uid ? { ...current, status } : current));
    }
    return requeueAfter(QUOTA_RESYNC_MS);
  }

  /** status.hard = spec.hard; status.used = the namespace's usage of each hard resource (CalculateUsage). */
  private calculateStatus(quota: ResourceQuota): ResourceQuotaStatus {
    const hard = quota.spec.hard ?? {};
    const names = Object.keys(hard);
    const namespace = quota.metadata.namespace ?? 'default';
    const total: Usage = new Map(names.map((n) => [n, 0n]));
    const add = (usage: Usage): void => {
      for (const [n, amount] of usage) if (total.has(n)) total.set(n, (total.get(n) as bigint) + amount);
    };
    const now = this.sim.nowMs;
    for (const pod of this.client.list('Pod', namespace)) if (quotaMatches(quota, names, pod)) add(podUsage(pod, now));
    if (names.some(countsOtherObjects)) {
      for (const kind of namespacedKinds()) {
        if (kind === 'Pod') continue;
        for (const object of this.client.list(kind, namespace)) if (quotaMatches(quota, names, object)) add(objectUsage(object));
      }
    }
    const used = Object.fromEntries([...total].map(([n, amount]) => [n, formatMilli(amount, isBinaryText(hard[n] as string))]));
    return { hard: { ...hard }, used };
  }
}
