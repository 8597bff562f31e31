/**
 * The EndpointSlice controller (k/k pkg/controller/endpointslice
 * endpointslice_controller.go): for every Service with a selector it keeps
 * EndpointSlices listing the selected pods with their ready, serving and
 * terminating conditions. Pod changes reach the work queue after
 * --endpointslice-updates-batch-period (0 by default), Service changes at
 * once; --concurrent-service-endpoint-syncs workers (5) reconcile, each
 * sync optionally costing simulated time.
 *
 * The controller reconciles against the slices it wrote itself (what the
 * upstream controller's endpointSliceTracker guarantees), so a lagging
 * informer never makes it create a slice twice. Slices changed by anyone
 * else are not watched.
 */
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { onEveryChange } from '../runtime/watches.js';
import { addLabelSetIndex, LABEL_SET_INDEX, labelSetKey, objectsMatching } from '../../api/label-set-index.js';
import { isPodReady, isPodTerminal } from '../../api/pod-util.js';
import { mapSelectorMatches } from '../../api/labels.js';
import type { ApiStore } from '../../api/store.js';
import type { Service } from '../../api/types/core.js';
import { ENDPOINTSLICE_CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, type Endpoint, type EndpointSlice } from '../../api/types/discovery.js';
import { objectKey } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { Distribution } from '../../engine/distributions.js';
import type { Simulation } from '../../engine/simulation.js';
import { splitKey } from '../owner.js';
import { Controller, DONE, reconcileError, type ReconcileResult } from '../runtime/controller.js';
import { endpointPorts, podToEndpoint, shouldPodBeInEndpoints } from './endpoints.js';
import { planSlices, type SliceState } from './slices.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';

export interface EndpointSliceControllerOptions {
  readonly workers?: number;
  readonly batchPeriodMs?: number;
  readonly syncCost?: Distribution;
}

/** Whether a pod change can change its endpoint (podEndpointsChanged, roughly). */
function endpointRelevantChange(old: Pod, pod: Pod): boolean {
  return old.status?.podIP !== pod.status?.podIP ||
    isPodReady(old) !== isPodReady(pod) ||
    (old.metadata.deletionTimestamp === undefined) !== (pod.metadata.deletionTimestamp === undefined) ||
    isPodTerminal(old) !== isPodTerminal(pod) ||
    old.spec.nodeName !== pod.spec.nodeName ||
    old.metadata.labels !== pod.metadata.labels;
}

export class EndpointSliceController {
  private readonly client: ApiClient;
  private readonly services: Informer<'Service'>;
  private readonly pods: Informer<'Pod'>;
  private readonly controller: Controller;
  private readonly batchPeriodMs: number;
  /** The slices this controller wrote, per Service key. */
  private readonly written = new Map<string, Array<{ name: string; endpoints: readonly Endpoint[] }>>();
  /** Per namespace and pod label set, the Services selecting it; cleared whenever a Service changes. */
  private readonly servicesByLabelSet = new Map<string, readonly string[]>();

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: EndpointSliceControllerOptions = {}) {
    this.client = client;
    this.batchPeriodMs = options.batchPeriodMs ?? 0;
    this.services = controllerManagerInformers(store).informer('Service');
    this.pods = controllerManagerInformers(store).informer('Pod');
    addLabelSetIndex(this.pods);
    this.controller = new Controller(sim, {
      name: ENDPOINTSLICE_CONTROLLER,
      workers: options.workers ?? 5,
      ...(options.syncCost === undefined ? {} : { syncCost: options.syncCost }),
      // EndpointSlice retries: 15, then the key is dropped until the next event.
      maxRetries: 15,
      reconcile: (key) => this.sync(key),
    });
    const serviceChanged = (s: Service): void => {
      this.servicesByLabelSet.clear();
      this.controller.enqueue(objectKey(s.metadata));
    };
    onEveryChange(this.services, serviceChanged);
    this.pods.addHandler({
      onAdd: (pod) => this.podChanged(pod, undefined),
      onUpdate: (old, pod) => {
        // No Service: podChanged would enqueue nothing and no label set is remembered, so neither pod's Ready condition need be read.
        if (this.services.size === 0 || !endpointRelevantChange(old, pod)) return;
        this.podChanged(pod, old);
        if (old.metadata.labels !== pod.metadata.labels) this.forgetUnusedLabelSet(old);
      },
      onDelete: (pod) => {
        this.podChanged(pod, undefined);
        this.forgetUnusedLabelSet(pod);
      },
    });
  }

  start(): void {
    this.services.start();
    this.pods.start();
  }

  private podChanged(pod: Pod, old: Pod | undefined): void {
    // No Service anywhere (a cluster of Deployments alone): GetPodServiceMemberships finds none for any pod.
    if (this.services.size === 0) return;
    const namespace = pod.metadata.namespace ?? 'default';
    const keys = this.servicesSelecting(namespace, pod.metadata.labels);
    const oldKeys = old === undefined || old.metadata.labels === pod.metadata.labels ? [] : this.servicesSelecting(namespace, old.metadata.labels);
    // Each Service once, in the order the namespace lists them (as the plain loop over services did).
    for (const service of oldKeys.length === 0 ? keys : this.services.list(namespace).map((s) => objectKey(s.metadata)).filter((k) => keys.includes(k) || oldKeys.includes(k))) {
      this.controller.enqueueAfter(service, this.batchPeriodMs);
    }
  }

  /**
   * Keys of the Services of `namespace` whose selector matches `labels`,
   * remembered per label set until a Service changes or no pod has the set
   * any more (each Job's pods have their own set: a week of Jobs must not
   * leave a week of entries).
   */
  private servicesSelecting(namespace: string, labels: Pod['metadata']['labels']): readonly string[] {
    const cacheKey = labelSetKey(namespace, labels);
    let keys = this.servicesByLabelSet.get(cacheKey);
    if (keys === undefined) {
      keys = this.services.list(namespace).filter((s) => mapSelectorMatches(s.spec.selector, labels)).map((s) => objectKey(s.metadata));
      this.servicesByLabelSet.set(cacheKey, keys);
    }
    return keys;
  }

  private forgetUnusedLabelSet(pod: Pod): void {
    if (this.servicesByLabelSet.size === 0) return;
    const key = labelSetKey(pod.metadata.namespace ?? 'default', pod.metadata.labels);
    if (this.pods.countByIndex(LABEL_SET_INDEX, key) === 0) this.servicesByLabelSet.delete(key);
  }

  /** Service syncs run so far (tests: pod events of one instant make one sync). */
  get syncCount(): number {
    return this.controller.reconcileCount;
  }

  /** Label sets whose selecting Services are remembered (tests: it follows the live pods' sets). */
  rememberedLabelSets(): number {
    return this.servicesByLabelSet.size;
  }

  private sync(key: string): ReconcileResult {
    const split = splitKey(key);
    const namespace = split.namespace ?? 'default';
    const name = split.name;
    const service = this.services.get(name, namespace);
    const existing = this.written.get(key) ?? [];
    if (service === undefined) {
      // The garbage collector would remove slices owned by the Service; do it here.
      for (const slice of existing) this.client.delete('EndpointSlice', slice.name, namespace);
      this.written.delete(key);
      return DONE;
    }
    const selector = service.spec.selector;
    if (selector === undefined || Object.keys(selector).length === 0) return DONE;
    const pods = objectsMatching(this.pods, namespace, (labels) => mapSelectorMatches(selector, labels))
      .filter(shouldPodBeInEndpoints)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    const desired = pods.map((pod) => podToEndpoint(pod, service));
    const plan = planSlices(existing, desired);
    const ports = endpointPorts(service, pods[0]);
    const next: Array<{ name: string; endpoints: readonly Endpoint[] }> = [];
    for (const slice of plan.slices) {
      const name = this.writeSlice(service, slice, plan.changed, ports);
      if (name === undefined) return reconcileError(`writing an EndpointSlice of ${key} failed`);
      next.push({ name, endpoints: slice.endpoints });
    }
    for (const deleted of plan.deleted) this.client.delete('EndpointSlice', deleted, namespace);
    this.written.set(key, next);
    return DONE;
  }

  /** Creates or updates one slice; returns its name, or undefined on failure. */
  private writeSlice(service: Service, slice: SliceState, changed: ReadonlySet<string>, ports: EndpointSlice['ports']): string | undefined {
    const namespace = service.metadata.namespace ?? 'default';
    if (slice.name !== undefined) {
      if (!changed.has(slice.name)) return slice.name;
      const result = this.client.patch('EndpointSlice', slice.name, namespace, (current) => ({ ...current, endpoints: slice.endpoints, ports } as EndpointSlice));
      return result.ok ? slice.name : undefined;
    }
    const result = this.client.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${service.metadata.name}-`,
        namespace,
        labels: { [LABEL_SERVICE_NAME]: service.metadata.name, [LABEL_MANAGED_BY]: ENDPOINTSLICE_CONTROLLER_NAME },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: service.metadata.name, uid: service.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: slice.endpoints,
      ...(ports === undefined ? {} : { ports }),
    });
    return result.ok ? result.object.metadata.name : undefined;
  }
}
