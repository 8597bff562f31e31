/**
 * metrics-server: every --metric-resolution (15 s) it scrapes each
 * reachable node's kubelet resource metrics (cumulative CPU time per pod,
 * here from the pod network's counters that the traffic model charges) and
 * serves PodMetrics: usage averaged over the window since the previous
 * scrape, plus the application's idle CPU. A pod needs two scrapes before
 * it has a sample; pods on nodes it cannot reach get none (the HPA counts
 * them as missing). Samples appear `scrapeDelay` after the scrape.
 */
import type { ApiClient } from '../../api/client.js';
import type { ObjectOf } from '../../api/types/index.js';
import { sampleMs, type Distribution } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { NetworkModel } from '../../network/network-model.js';
import { CONTROL_PLANE } from '../../network/partitions.js';
import type { ContainerRuntime } from '../../node/runtime.js';

export const METRICS_SERVER = 'metrics-server';

export interface MetricsServerOptions {
  readonly scrapeIntervalMs: number;
  readonly scrapeDelay: Distribution;
}

interface Sample {
  readonly cpuMs: number;
  readonly atMs: number;
}

interface PodUsage {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly string[];
  readonly usageMilli: number;
  readonly windowMs: number;
}

export class MetricsServer {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly network: NetworkModel;
  private readonly runtimes: ReadonlyMap<string, ContainerRuntime>;
  private readonly options: MetricsServerOptions;
  private readonly delayRng: Rng;
  private readonly previous = new Map<string, Sample>();
  /** PodMetrics objects currently served, by namespace/name. */
  private readonly served = new Set<string>();

  constructor(sim: Simulation, client: ApiClient, network: NetworkModel, runtimes: ReadonlyMap<string, ContainerRuntime>, options: MetricsServerOptions) {
    this.sim = sim;
    this.client = client;
    this.network = network;
    this.runtimes = runtimes;
    this.options = options;
    this.delayRng = sim.random.stream(`${METRICS_SERVER}/delay`);
  }

  start(): void {
    this.sim.after(this.options.scrapeIntervalMs, () => this.tick(), 'metrics-server scrape');
  }

  private tick(): void {
    this.scrape();
    this.sim.after(this.options.scrapeIntervalMs, () => this.tick(), 'metrics-server scrape');
  }

  private scrape(): void {
    const now = this.sim.nowMs;
    const usage: PodUsage[] = [];
    const seen = new Set<string>();
    for (const [node, runtime] of this.runtimes) {
      if (!runtime.up || !this.network.reachable(CONTROL_PLANE, node)) continue;
      for (const uid of runtime.podUids()) {
        const pod = runtime.pod(uid);
        if (pod === undefined || !pod.endpoint.alive) continue;
        seen.add(uid);
        const before = this.previous.get(uid);
        this.previous.set(uid, { cpuMs: pod.endpoint.cpuMs, atMs: now });
        if (before === undefined || now <= before.atMs) continue;
        const windowMs = now - before.atMs;
        const usageMilli = Math.round(((pod.endpoint.cpuMs - before.cpuMs) / windowMs) * 1000) + pod.endpoint.idleCpuMilli;
        usage.push({ name: pod.name, namespace: pod.namespace, labels: pod.endpoint.labels, containers: [...pod.containers.keys()], usageMilli, windowMs });
      }
    }
    for (const uid of [...this.previous.keys()]) if (!seen.has(uid)) this.previous.delete(uid);
    const delayMs = sampleMs(this.options.scrapeDelay, this.delayRng);
    this.sim.after(delayMs, () => this.publish(usage, now), 'metrics-server publish');
  }

  private publish(usage: readonly PodUsage[], scrapedMs: number): void {
    const current = new Set<string>();
    for (const pod of usage) {
      const key = `${pod.namespace}/${pod.name}`;
      current.add(key);
      // Usage is reported per container; the pod total goes to the first one.
      const containers = pod.containers.map((name, i) => ({ name, usage: { cpu: `${i === 0 ? pod.usageMilli : 0}m` } }));
      const object = {
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics' as const,
        metadata: { name: pod.name, namespace: pod.namespace, labels: { ...pod.labels } },
        timestamp: scrapedMs,
        window: pod.windowMs,
        containers,
      };
      const existing = this.client.get('PodMetrics', pod.name, pod.namespace);
      if (existing === undefined) this.client.create(object);
      else this.client.update({ ...existing, timestamp: scrapedMs, window: pod.windowMs, containers } as ObjectOf<'PodMetrics'>);
    }
    for (const key of this.served) {
      if (current.has(key)) continue;
      const slash = key.indexOf('/');
      this.client.delete('PodMetrics', key.slice(slash + 1), key.slice(0, slash));
    }
    this.served.clear();
    for (const key of current) this.served.add(key);
  }
}
