/**
 * The traffic model: requests to Services, end to end.
 *
 *   arrival (arrivals.ts) → a client on a random node whose machine is up
 *   → that node's kube-proxy view of the Service (kube-proxy.ts): no
 *     endpoints is an immediate failure (iptables REJECT: noEndpoints)
 *   → one endpoint, at random (iptables) or round robin (ipvs rr)
 *   → the network: a down or unreachable node times out after the client
 *     timeout; nothing listening at the IP (pod gone, not started, warming
 *     up, got SIGTERM) is refused; a hung application times out
 *   → the pod's queue (pod-server.ts): served after its queueing and
 *     service time, reset if the pod stops meanwhile, a timeout if the
 *     client gave up first.
 *
 * Every request ends exactly once (served or failed with one cause) or is
 * still in flight when the run ends; outcomes go to the sink (the
 * recorder's aggregator), attributed to the 10 s window the request
 * arrived in. Per request this is one arrival event, one completion event
 * and a handful of random draws; nothing per request is kept afterwards.
 */
import { makeDistribution, sampleMs, type Distribution } from '../engine/distributions.js';
import { randomInt, type Rng } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { KubeProxy, ProxyEndpoint, ServiceView } from '../network/kube-proxy.js';
import type { NetworkModel } from '../network/network-model.js';
import { PodNetwork, type PodEndpoint } from '../network/pod-network.js';
import { ArrivalProcess } from './arrivals.js';
import { PodServer, type PendingRequest } from './pod-server.js';
import type { FailureCause, RequestSink, TrafficSpec } from './types.js';

interface ServiceTraffic {
  readonly key: string;
  readonly index: number;
  readonly spec: TrafficSpec;
  readonly serviceTime: Distribution;
  readonly networkDelay: Distribution | undefined;
  readonly balanceRng: Rng;
  readonly serviceRng: Rng;
  readonly entryRng: Rng;
  readonly arrivals: ArrivalProcess;
  inFlight: number;
}

interface Request extends PendingRequest {
  readonly service: ServiceTraffic;
  readonly rttMs: number;
}

/** A routing decision, for tests that check it against the proxy view. */
export interface RouteRecord {
  readonly atMs: number;
  readonly entryNode: string;
  readonly serviceKey: string;
  readonly endpoint: ProxyEndpoint;
  readonly view: ServiceView;
}

export interface TrafficObserver {
  routed?(route: RouteRecord): void;
  served?(serviceKey: string, podUid: string, atMs: number): void;
}

export interface TrafficModelDeps {
  readonly sim: Simulation;
  readonly podNetwork: PodNetwork;
  readonly network: NetworkModel;
  readonly proxies: ReadonlyMap<string, KubeProxy>;
  readonly nodeNames: readonly string[];
  readonly sink: RequestSink;
}

export class TrafficModel {
  private readonly deps: TrafficModelDeps;
  private readonly services = new Map<string, ServiceTraffic>();
  private readonly servers = new Set<PodServer<Request>>();
  private upNodes: string[] = [];
  private upVersion = -1;
  observer: TrafficObserver | undefined;

  constructor(deps: TrafficModelDeps, specs: readonly TrafficSpec[]) {
    this.deps = deps;
    for (const spec of specs) this.add(spec);
    deps.podNetwork.listen({ endpointDown: (endpoint, machineDown) => (endpoint.server as PodServer<Request> | undefined)?.dropAll(machineDown) });
  }

  start(): void {
    for (const service of this.services.values()) service.arrivals.start();
  }

  /** set-traffic: a new Poisson rate for a Service (adding it with defaults if it had no traffic). */
  setRate(serviceKey: string, rps: number, defaults: Omit<TrafficSpec, 'service' | 'namespace' | 'arrivals'>): void {
    let service = this.services.get(serviceKey);
    if (service === undefined) {
      const slash = serviceKey.indexOf('/');
      service = this.add({ ...defaults, namespace: serviceKey.slice(0, slash), service: serviceKey.slice(slash + 1), arrivals: { kind: 'poisson', steps: [] } });
    }
    service.arrivals.setRate(rps);
  }

  /** Ends the run: requests whose client timeout has passed are timeouts; the rest are in flight. */
  finish(endMs: number): void {
    for (const server of this.servers) {
      for (const request of server.held()) {
        if (request.arrivalMs + request.service.spec.timeoutMs < endMs) {
          request.service.inFlight--;
          this.deps.sink.failed(request.service.index, request.arrivalMs, 'timeout', request.service.spec.timeoutMs);
          if (request.handle !== undefined) this.deps.sim.cancel(request.handle);
        }
      }
    }
    for (const service of this.services.values()) this.deps.sink.inFlightAtEnd(service.index, service.inFlight);
  }

  private add(spec: TrafficSpec): ServiceTraffic {
    const key = `${spec.namespace}/${spec.service}`;
    const random = this.deps.sim.random;
    const prefix = `traffic/${key}`;
    const service: ServiceTraffic = {
      key,
      index: this.deps.sink.registerService(key, spec.versionLabel),
      spec,
      serviceTime: makeDistribution(spec.serviceTime),
      networkDelay: spec.networkDelay === undefined ? undefined : makeDistribution(spec.networkDelay),
      balanceRng: random.stream(`${prefix}/balance`),
      serviceRng: random.stream(`${prefix}/service-time`),
      entryRng: random.stream(`${prefix}/client`),
      arrivals: new ArrivalProcess(this.deps.sim, spec.arrivals, random.stream(`${prefix}/arrivals`), () => this.arrive(key), `traffic ${key}`),
      inFlight: 0,
    };
    this.services.set(key, service);
    return service;
  }

  private entryNodes(): readonly string[] {
    const network = this.deps.podNetwork;
    if (this.upVersion !== network.nodesVersion) {
      this.upNodes = this.deps.nodeNames.filter((n) => network.isNodeUp(n));
      this.upVersion = network.nodesVersion;
    }
    return this.upNodes;
  }

  private arrive(key: string): void {
    const service = this.services.get(key) as ServiceTraffic;
    const now = this.deps.sim.nowMs;
    const sink = this.deps.sink;
    sink.arrived(service.index, now);
    service.inFlight++;
    const nodes = this.entryNodes();
    const entry = nodes[randomInt(service.entryRng, nodes.length)];
    const view = entry === undefined ? undefined : this.deps.proxies.get(entry)?.endpoints(key);
    if (entry === undefined || view === undefined || view.targets.length === 0) {
      this.fail(service, now, 'noEndpoints', 0);
      return;
    }
    const target = this.pick(service, view);
    this.observer?.routed?.({ atMs: now, entryNode: entry, serviceKey: key, endpoint: target, view });
    const rttMs = service.networkDelay === undefined ? 0 : sampleMs(service.networkDelay, service.serviceRng);
    const reachable = this.deps.podNetwork.isNodeUp(target.nodeName) && this.deps.network.reachable(entry, target.nodeName);
    const endpoint = reachable ? this.deps.podNetwork.lookup(target.ip) : undefined;
    if (!reachable || (endpoint !== undefined && endpoint.alive && now >= endpoint.hungFromMs)) {
      this.timeoutLater(service, now);
      return;
    }
    if (endpoint === undefined || endpoint.podUid !== target.podUid || !PodNetwork.serving(endpoint, now)) {
      this.fail(service, now, 'refused', rttMs);
      return;
    }
    const server = this.serverFor(endpoint, service);
    if (!server.accept({ service, arrivalMs: now, rttMs })) this.fail(service, now, 'overload', rttMs);
  }

  private pick(service: ServiceTraffic, view: ServiceView): ProxyEndpoint {
    const targets = view.targets;
    if (service.spec.loadBalancing === 'round-robin') {
      const target = targets[view.next % targets.length] as ProxyEndpoint;
      view.next = (view.next + 1) % targets.length;
      return target;
    }
    return targets[randomInt(service.balanceRng, targets.length)] as ProxyEndpoint;
  }

  private serverFor(endpoint: PodEndpoint, service: ServiceTraffic): PodServer<Request> {
    const existing = endpoint.server as PodServer<Request> | undefined;
    if (existing !== undefined) return existing;
    endpoint.idleCpuMilli = service.spec.idleCpuMilli;
    const server = new PodServer<Request>(this.deps.sim, endpoint, service.spec.concurrency, service.spec.queueLimit, {
      serviceTimeMs: (request) => sampleMs(request.service.serviceTime, request.service.serviceRng),
      cpuMs: (request, serviceMs) => request.service.spec.cpuPerRequestMs ?? serviceMs,
      completed: (request, by) => this.completed(request, by),
      lost: (request, machineDown) => {
        if (machineDown) this.timeoutLater(request.service, request.arrivalMs);
        else this.fail(request.service, request.arrivalMs, 'reset', this.deps.sim.nowMs - request.arrivalMs + request.rttMs);
      },
    });
    endpoint.server = server;
    this.servers.add(server);
    return server;
  }

  private completed(request: Request, server: PodServer<Request>): void {
    const service = request.service;
    const latencyMs = this.deps.sim.nowMs - request.arrivalMs + request.rttMs;
    if (latencyMs > service.spec.timeoutMs) {
      this.fail(service, request.arrivalMs, 'timeout', service.spec.timeoutMs);
      return;
    }
    service.inFlight--;
    const endpoint = server.endpoint;
    this.deps.sink.served(service.index, request.arrivalMs, latencyMs, endpoint.labels[service.spec.versionLabel]);
    this.observer?.served?.(service.key, endpoint.podUid, this.deps.sim.nowMs);
  }

  /** The client hears nothing and gives up at its timeout. */
  private timeoutLater(service: ServiceTraffic, arrivalMs: number): void {
    const atMs = Math.max(this.deps.sim.nowMs, arrivalMs + service.spec.timeoutMs);
    this.deps.sim.at(atMs, () => this.fail(service, arrivalMs, 'timeout', service.spec.timeoutMs), 'request timeout');
  }

  private fail(service: ServiceTraffic, arrivalMs: number, cause: FailureCause, latencyMs: number): void {
    service.inFlight--;
    this.deps.sink.failed(service.index, arrivalMs, cause, latencyMs);
  }
}
