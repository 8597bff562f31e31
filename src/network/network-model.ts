/**
 * The network between components: watch delays from the API server to each
 * watching component, API request latency from each component to the API
 * server, and partitions (partitions.ts). Each component draws from its own
 * random streams, so adding a component never changes another's delays.
 *
 * Components are named as kube-controller-manager and the node agents name
 * themselves (`replicaset-controller`, `kubelet/worker-0`,
 * `kube-proxy/worker-0`); node agents live on their node, everything else on
 * the control plane. A partitioned node agent cannot reach the API server:
 * its writes fail and its watch events are held until the partition heals
 * (then delivered in order, as a re-established watch catches up).
 */
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { RandomStreams, Rng } from '../engine/random.js';
import type { WatchDelaySource } from '../api/watch.js';
import type { ApiTransport } from '../api/client.js';
import { CONTROL_PLANE, PartitionTable, type PartitionCut, type PartitionPeer } from './partitions.js';

/** Agents that run on a node; `<agent>/<node>` lives on that node. */
export const NODE_AGENTS: readonly string[] = ['kubelet', 'kube-proxy'];

export interface NetworkModelOptions {
  /** Delay of every watch event that has no more specific rule. */
  readonly watchDelay?: Distribution;
  /**
   * Per-component watch delays. A key matches a watcher named exactly so, or
   * any watcher whose name starts with the key followed by `/` (so `kubelet`
   * covers `kubelet/worker-0`).
   */
  readonly watchDelayByComponent?: ReadonlyMap<string, Distribution>;
  /** Latency of every API request (component → API server) without a more specific rule. */
  readonly apiLatency?: Distribution;
  /** Per-component API request latency, keyed like watchDelayByComponent. */
  readonly apiLatencyByComponent?: ReadonlyMap<string, Distribution>;
}

interface DelaySource {
  readonly distribution: Distribution | undefined;
  readonly rng: Rng;
}

/** The delay of a constant distribution (none is 0 ms); undefined for one that is drawn. */
function constantMs(distribution: Distribution | undefined): number | undefined {
  if (distribution === undefined) return 0;
  return distribution.spec.dist === 'constant' ? Math.max(0, Math.round(distribution.spec.value)) : undefined;
}

function draw(source: DelaySource): number {
  return constantMs(source.distribution) ?? sampleMs(source.distribution as Distribution, source.rng);
}

/**
 * draw(source) as a function of no arguments. The same source object (and
 * so the same random stream) serves every sampler and every draw of one
 * name, so samplers and the by-name calls draw one sequence between them.
 */
function sampler(source: DelaySource): () => number {
  const constant = constantMs(source.distribution);
  if (constant !== undefined) return () => constant;
  const distribution = source.distribution as Distribution;
  return () => sampleMs(distribution, source.rng);
}

function lookup(byComponent: ReadonlyMap<string, Distribution> | undefined, fallback: Distribution | undefined, name: string): Distribution | undefined {
  if (byComponent !== undefined) {
    const exact = byComponent.get(name);
    if (exact !== undefined) return exact;
    const slash = name.indexOf('/');
    if (slash > 0) {
      const prefix = byComponent.get(name.slice(0, slash));
      if (prefix !== undefined) return prefix;
    }
  }
  return fallback;
}

/** The network location of a component: its node for node agents, else the control plane. */
export function locationOf(component: string): string {
  const slash = component.indexOf('/');
  if (slash > 0 && NODE_AGENTS.includes(component.slice(0, slash))) return component.slice(slash + 1);
  return CONTROL_PLANE;
}

export class NetworkModel implements WatchDelaySource, ApiTransport {
  private readonly random: RandomStreams;
  private readonly options: NetworkModelOptions;
  private readonly watchSources = new Map<string, DelaySource>();
  private readonly apiSources = new Map<string, DelaySource>();
  private readonly partitions = new PartitionTable();
  /** Watchers waiting for a partition to heal, by watcher name. */
  private readonly held = new Map<string, Array<() => void>>();

  constructor(random: RandomStreams, options: NetworkModelOptions = {}) {
    this.random = random;
    this.options = options;
  }

  watchDelayMs(watcher: string): number {
    return draw(this.watchSource(watcher));
  }

  /** watchDelayMs for one watcher, its rule looked up once: a watch asks for a delay on every event it is handed. */
  watchDelaySampler(watcher: string): () => number {
    return sampler(this.watchSource(watcher));
  }

  private watchSource(watcher: string): DelaySource {
    let source = this.watchSources.get(watcher);
    if (source === undefined) {
      source = { distribution: lookup(this.options.watchDelayByComponent, this.options.watchDelay, watcher), rng: this.random.stream(`network/watch/${watcher}`) };
      this.watchSources.set(watcher, source);
    }
    return source;
  }

  /**
   * Control-plane components are always reachable from the API server
   * (a cut separates nodes); with a constant delay, every event reaches
   * them after the same delay, whatever their name. Drawn delays come from
   * each watcher's own stream, and node agents are cut off node by node.
   */
  deliveryClass(watcher: string): string | undefined {
    if (locationOf(watcher) !== CONTROL_PLANE) return undefined;
    const delayMs = constantMs(lookup(this.options.watchDelayByComponent, this.options.watchDelay, watcher));
    return delayMs === undefined ? undefined : `constant ${String(delayMs)}`;
  }

  requestLatencyMs(component: string): number {
    return draw(this.apiSource(component));
  }

  /** requestLatencyMs for one component, its rule looked up once: a client asks for a latency on every write. */
  requestLatencySampler(component: string): () => number {
    return sampler(this.apiSource(component));
  }

  private apiSource(component: string): DelaySource {
    let source = this.apiSources.get(component);
    if (source === undefined) {
      source = { distribution: lookup(this.options.apiLatencyByComponent, this.options.apiLatency, component), rng: this.random.stream(`network/api/${component}`) };
      this.apiSources.set(component, source);
    }
    return source;
  }

  reachesApiServer(component: string): boolean {
    return !this.partitions.active || this.partitions.reachable(locationOf(component), CONTROL_PLANE);
  }

  canDeliver(watcher: string): boolean {
    return this.reachesApiServer(watcher);
  }

  /** Cuts separate nodes: a control-plane component always reaches the API server. */
  alwaysReachable(watcher: string): boolean {
    return locationOf(watcher) === CONTROL_PLANE;
  }

  holdUntilReachable(watcher: string, resume: () => void): void {
    const list = this.held.get(watcher) ?? [];
    list.push(resume);
    this.held.set(watcher, list);
  }

  /** Whether two locations (node names or CONTROL_PLANE) can talk now. */
  reachable(a: string, b: string): boolean {
    return !this.partitions.active || this.partitions.reachable(a, b);
  }

  /** Whether any partition is in force (lets hot paths skip reachability checks). */
  get partitioned(): boolean {
    return this.partitions.active;
  }

  get cuts(): readonly PartitionCut[] {
    return this.partitions.list;
  }

  /** Cuts `nodes` off from `from`; returns the cut (heal it by id). */
  partition(nodes: ReadonlySet<string>, from: PartitionPeer): PartitionCut {
    return this.partitions.add(nodes, from);
  }

  /** Heals one cut; false if it had healed already. */
  heal(id: number): boolean {
    const removed = this.partitions.remove(id);
    if (removed) this.resumeHeld();
    return removed;
  }

  /** Heals every cut involving one of `nodes`, or every cut when `nodes` is undefined. */
  healNodes(nodes: ReadonlySet<string> | undefined): number {
    const removed = nodes === undefined ? this.partitions.removeAll() : this.partitions.removeInvolving(nodes);
    if (removed > 0) this.resumeHeld();
    return removed;
  }

  private resumeHeld(): void {
    for (const [watcher, callbacks] of [...this.held]) {
      if (!this.canDeliver(watcher)) continue;
      this.held.delete(watcher);
      for (const resume of callbacks) resume();
    }
  }
}
