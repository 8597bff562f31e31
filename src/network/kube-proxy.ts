/**
 * kube-proxy on one node (k/k pkg/proxy; minSyncPeriod/syncPeriod defaults in
 * pkg/proxy/apis/config/v1alpha1/defaults.go): it watches
 * Services and EndpointSlices and rewrites the node's forwarding rules,
 * which is the node's view of each Service's endpoints. Rule syncs go
 * through a BoundedFrequencyRunner: minSyncPeriod (1 s) between syncs with a
 * burst of 2 (the iptables proxier's burstSyncs), so a burst of endpoint
 * changes reaches the rules up to a second late; a sync may also take
 * simulated time to apply. The view lags the API server by the watch delay
 * plus that, and freezes while the node is partitioned away.
 *
 * Traffic uses the Service's ready endpoints; if it has none, the ones
 * that are serving and terminating (ProxyTerminatingEndpoints, GA in 1.28).
 */
import { Informer } from '../api/informer.js';
import type { ApiStore } from '../api/store.js';
import { LABEL_SERVICE_NAME } from '../api/types/discovery.js';
import { objectKey } from '../api/types/meta.js';
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import { TokenBucket } from './token-bucket.js';

/** burstSyncs of the iptables proxier. */
export const PROXY_BURST_SYNCS = 2;

export interface ProxyEndpoint {
  readonly ip: string;
  readonly podUid: string;
  readonly podName: string;
  readonly nodeName: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

/** The rules for one Service on one node. */
export interface ServiceView {
  /** Endpoints traffic goes to: the ready ones, else the serving terminating ones. */
  readonly targets: readonly ProxyEndpoint[];
  /** Whether `targets` are the terminating fallback. */
  readonly fallback: boolean;
  /** ipvs rr position. */
  next: number;
}

export interface KubeProxyOptions {
  readonly minSyncPeriodMs: number;
  readonly syncCost?: Distribution;
}

export class KubeProxy {
  readonly nodeName: string;
  private readonly sim: Simulation;
  private readonly options: KubeProxyOptions;
  private readonly services: Informer<'Service'>;
  private readonly slices: Informer<'EndpointSlice'>;
  private readonly costRng: Rng;
  private readonly view = new Map<string, ServiceView>();
  private readonly dirty = new Set<string>();
  private limiter: TokenBucket;
  private timer: EventHandle | undefined;
  private running = false;
  /** Called after each rules sync with the keys it changed (tests and recorders). */
  onSync: ((nodeName: string, changed: readonly string[]) => void) | undefined;

  constructor(sim: Simulation, store: ApiStore, nodeName: string, options: KubeProxyOptions) {
    this.sim = sim;
    this.nodeName = nodeName;
    this.options = options;
    const component = `kube-proxy/${nodeName}`;
    this.costRng = sim.random.stream(`${component}/sync-cost`);
    this.limiter = new TokenBucket(1000 / Math.max(1, options.minSyncPeriodMs), PROXY_BURST_SYNCS, sim.nowMs);
    this.services = new Informer(store, { kind: 'Service', watcher: component });
    this.slices = new Informer(store, { kind: 'EndpointSlice', watcher: component });
    this.slices.addIndex('service', (slice) => {
      const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
      return service === undefined ? [] : [`${slice.metadata.namespace ?? 'default'}/${service}`];
    });
    this.services.addHandler({
      onAdd: (s) => this.changed(objectKey(s.metadata)),
      onUpdate: (_o, s) => this.changed(objectKey(s.metadata)),
      onDelete: (s) => this.changed(objectKey(s.metadata)),
    });
    const sliceChanged = (slice: { metadata: { namespace?: string; labels?: Readonly<Record<string, string>> } }): void => {
      const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
      if (service !== undefined) this.changed(`${slice.metadata.namespace ?? 'default'}/${service}`);
    };
    this.slices.addHandler({ onAdd: sliceChanged, onUpdate: (_o, s) => sliceChanged(s), onDelete: sliceChanged });
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.limiter = new TokenBucket(this.limiter.qps, PROXY_BURST_SYNCS, this.sim.nowMs);
    this.services.start();
    this.slices.start();
  }

  /** The machine went down: the rules are gone with it. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.services.stop();
    this.slices.stop();
    if (this.timer !== undefined) this.sim.cancel(this.timer);
    this.timer = undefined;
    this.dirty.clear();
    this.view.clear();
  }

  /** The node's current rules for a Service (`namespace/name`). */
  endpoints(serviceKey: string): ServiceView | undefined {
    return this.view.get(serviceKey);
  }

  private changed(serviceKey: string): void {
    this.dirty.add(serviceKey);
    this.run();
  }

  /** BoundedFrequencyRunner.Run: sync now if the limiter allows, else when it will. */
  private run(): void {
    if (this.timer !== undefined || !this.running) return;
    const waitMs = this.limiter.waitMs(this.sim.nowMs);
    // Changes in the same instant share one sync (the runner's channel coalesces them).
    this.timer = this.sim.after(waitMs, () => {
      this.timer = undefined;
      if (!this.limiter.tryAccept(this.sim.nowMs)) {
        this.run();
        return;
      }
      this.syncProxyRules();
    }, `kube-proxy/${this.nodeName} sync`);
  }

  private syncProxyRules(): void {
    const keys = [...this.dirty];
    this.dirty.clear();
    const computed = keys.map((key) => [key, this.computeView(key)] as const);
    const apply = (): void => {
      if (!this.running) return;
      for (const [key, view] of computed) {
        if (view === undefined) this.view.delete(key);
        else this.view.set(key, view);
      }
      this.onSync?.(this.nodeName, keys);
    };
    const costMs = this.options.syncCost === undefined ? 0 : sampleMs(this.options.syncCost, this.costRng);
    if (costMs === 0) apply();
    else this.sim.after(costMs, apply, `kube-proxy/${this.nodeName} rules applied`);
  }

  private computeView(serviceKey: string): ServiceView | undefined {
    const slash = serviceKey.indexOf('/');
    const service = this.services.get(serviceKey.slice(slash + 1), serviceKey.slice(0, slash));
    if (service === undefined) return undefined;
    const ready: ProxyEndpoint[] = [];
    const servingTerminating: ProxyEndpoint[] = [];
    const seen = new Set<string>();
    for (const slice of this.slices.byIndex('service', serviceKey)) {
      for (const endpoint of slice.endpoints) {
        const ip = endpoint.addresses[0];
        if (ip === undefined || seen.has(ip)) continue;
        seen.add(ip);
        const conditions = endpoint.conditions;
        const entry: ProxyEndpoint = {
          ip,
          podUid: endpoint.targetRef?.uid ?? '',
          podName: endpoint.targetRef?.name ?? '',
          nodeName: endpoint.nodeName ?? '',
          ready: conditions.ready !== false,
          serving: conditions.serving !== false,
          terminating: conditions.terminating === true,
        };
        if (entry.ready) ready.push(entry);
        else if (entry.serving && entry.terminating) servingTerminating.push(entry);
      }
    }
    const fallback = ready.length === 0 && servingTerminating.length > 0;
    const previous = this.view.get(serviceKey);
    return { targets: fallback ? servingTerminating : ready, fallback, next: previous?.next ?? 0 };
  }
}
