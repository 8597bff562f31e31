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
 *     client gave up first;
 *   → then, if the Service's pods call others (calls.ts), each call is a
 *     request to that Service from the calling pod's node, with its own
 *     timeout and retries; a failed call fails the request (`dependency`,
 *     blamed on the Service that failed). If the pods are a proxy (an
 *     ingress controller or a Gateway), the request is sent on to the
 *     backend its rules pick (routing/): no rule is `noRoute`.
 *
 * Every request ends exactly once (served or failed with one cause) or is
 * still in flight when the run ends; outcomes go to the sink (the
 * recorder's aggregator), attributed to the 10 s window the request
 * arrived in, with the version (pod template, or a proxy's backend) that
 * served or failed it. Per request this is one arrival event, one
 * completion event and a handful of random draws (a call adds its
 * caller's timeout timer); nothing per request is kept afterwards.
 */
import { makeDistribution, sampleMs, type Distribution } from '../engine/distributions.js';
import { randomInt, type Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { KubeProxy, ProxyEndpoint, ServiceView } from '../network/kube-proxy.js';
import type { NetworkModel } from '../network/network-model.js';
import { PodNetwork, type PodEndpoint } from '../network/pod-network.js';
import { ArrivalProcess } from './arrivals.js';
import { CALL_OK, runCallSteps, type CallOutcome } from './calls.js';
import { PodServer, type PendingRequest } from './pod-server.js';
import { PodVersions } from './pod-version.js';
import { drawAttributes, type RequestAttributes } from './routing/request-attributes.js';
import type { RouteTable } from './routing/route-table.js';
import type { CallSpec, FailureCause, RequestMix, RequestSink, TrafficSpec, VersionRef } from './types.js';

/** Traffic settings without the Service and its arrivals: what a Service that is only called gets. */
export type TrafficDefaults = Omit<TrafficSpec, 'service' | 'namespace' | 'arrivals'>;

interface ServiceTraffic {
  readonly key: string;
  readonly index: number;
  readonly spec: TrafficSpec;
  readonly serviceTime: Distribution;
  readonly networkDelay: Distribution | undefined;
  readonly balanceRng: Rng;
  readonly serviceRng: Rng;
  readonly entryRng: Rng;
  readonly callRng: Rng;
  readonly routeRng: Rng;
  readonly mixRng: Rng;
  readonly arrivals: ArrivalProcess;
  /** What arriving requests look like (a proxy's; set-traffic may change it). */
  mix: RequestMix | undefined;
  /** Versions of the pods behind the Service, by pod UID (each Service has its own versionLabel). */
  readonly versions: PodVersions;
  inFlight: number;
}

interface Request extends PendingRequest {
  readonly service: ServiceTraffic;
  rttMs: number;
  /** The client (or calling pod) gives up after this long. */
  readonly timeoutMs: number;
  /** Host, path, headers and cookies, for a proxy to route by. */
  readonly attributes: RequestAttributes | undefined;
  /** The version that served or failed it, once known. */
  version: VersionRef | undefined;
  /** Its outcome has been recorded; anything later about it is ignored. */
  settled: boolean;
  /** For a call: tells the calling pod the outcome. */
  readonly onDone: ((outcome: CallOutcome) => void) | undefined;
  /** For a call: the caller's timeout. */
  callerTimer?: EventHandle;
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
  /** What a Service without a traffic entry of its own gets when it is called or routed to. */
  readonly defaults: TrafficDefaults;
  /** The routing objects, when some Service is a proxy. */
  readonly routes?: RouteTable;
}

const NO_ATTRIBUTES: RequestAttributes = { host: '', path: '/', headers: new Map(), cookies: new Map() };

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
    this.deps.routes?.start();
    for (const service of this.services.values()) service.arrivals.start();
  }

  /** set-traffic: a new Poisson rate for a Service (adding it with defaults if it had no traffic). */
  setRate(serviceKey: string, rps: number): void {
    this.service(serviceKey).arrivals.setRate(rps);
  }

  /** set-traffic on a proxy: the given request attributes replace the old ones; false if the Service is no proxy. */
  setRequestMix(serviceKey: string, mix: Partial<RequestMix>): boolean {
    const service = this.services.get(serviceKey);
    if (service?.spec.routing === undefined) return false;
    service.mix = { host: '', paths: [{ path: '/', share: 1 }], headers: [], cookies: [], ...service.mix, ...mix };
    return true;
  }

  /** The Service of the ingress controller for a class; an Ingress without a class goes to the first controller (docs/traffic.md). */
  ingressController(ingressClassName: string | undefined): string | undefined {
    for (const service of this.services.values()) {
      const routing = service.spec.routing;
      if (routing?.kind === 'ingress' && (ingressClassName === undefined || routing.ingressClassName === ingressClassName)) return service.key;
    }
    return undefined;
  }

  /** Ends the run: requests whose client timeout has passed are timeouts; the rest are in flight. */
  finish(endMs: number): void {
    for (const server of this.servers) {
      for (const request of server.held()) {
        if (request.settled || request.arrivalMs + request.timeoutMs >= endMs) continue;
        this.fail(request, 'timeout', request.timeoutMs);
        if (request.handle !== undefined) this.deps.sim.cancel(request.handle);
      }
    }
    for (const service of this.services.values()) this.deps.sink.inFlightAtEnd(service.index, service.inFlight);
  }

  /** A Service's traffic state; a Service without an entry gets the defaults (and no arrivals of its own). */
  private service(key: string): ServiceTraffic {
    const existing = this.services.get(key);
    if (existing !== undefined) return existing;
    const slash = key.indexOf('/');
    return this.add({ ...this.deps.defaults, namespace: key.slice(0, slash), service: key.slice(slash + 1), arrivals: { kind: 'poisson', steps: [] } });
  }

  private add(spec: TrafficSpec): ServiceTraffic {
    const key = `${spec.namespace}/${spec.service}`;
    const random = this.deps.sim.random;
    const prefix = `traffic/${key}`;
    const service: ServiceTraffic = {
      key,
      index: this.deps.sink.registerService(key, spec.routing === undefined ? 'pod template' : 'backend Service'),
      spec,
      serviceTime: makeDistribution(spec.serviceTime),
      networkDelay: spec.networkDelay === undefined ? undefined : makeDistribution(spec.networkDelay),
      balanceRng: random.stream(`${prefix}/balance`),
      serviceRng: random.stream(`${prefix}/service-time`),
      entryRng: random.stream(`${prefix}/client`),
      callRng: random.stream(`${prefix}/calls`),
      routeRng: random.stream(`${prefix}/route`),
      mixRng: random.stream(`${prefix}/request-mix`),
      arrivals: new ArrivalProcess(this.deps.sim, spec.arrivals, random.stream(`${prefix}/arrivals`), () => this.arrive(key), `traffic ${key}`),
      mix: spec.requestMix,
      versions: new PodVersions(),
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

  /** A client request: from a random node whose machine is up. */
  private arrive(key: string): void {
    const service = this.services.get(key) as ServiceTraffic;
    const nodes = this.entryNodes();
    const entry = nodes[randomInt(service.entryRng, nodes.length)];
    const attributes = service.mix === undefined ? undefined : drawAttributes(service.mix, service.mixRng);
    this.send(service, entry, attributes, service.spec.timeoutMs, undefined);
  }

  /**
   * One request to a Service from `entry` (a client's node, or the calling
   * pod's node). A call (`onDone` set) is given up by its caller at its
   * timeout: the caller's timer records it then, whatever the pod does.
   */
  private send(service: ServiceTraffic, entry: string | undefined, attributes: RequestAttributes | undefined, timeoutMs: number, onDone: ((outcome: CallOutcome) => void) | undefined): void {
    const now = this.deps.sim.nowMs;
    this.deps.sink.arrived(service.index, now, onDone !== undefined);
    service.inFlight++;
    const request: Request = { service, arrivalMs: now, rttMs: 0, timeoutMs, attributes, version: undefined, settled: false, onDone };
    if (onDone !== undefined) request.callerTimer = this.deps.sim.at(now + timeoutMs, () => this.fail(request, 'timeout', timeoutMs), 'call timeout');
    const key = service.key;
    const view = entry === undefined ? undefined : this.deps.proxies.get(entry)?.endpoints(key);
    if (entry === undefined || view === undefined || view.targets.length === 0) {
      this.fail(request, 'noEndpoints', 0);
      return;
    }
    const target = this.pick(service, view);
    this.observer?.routed?.({ atMs: now, entryNode: entry, serviceKey: key, endpoint: target, view });
    request.rttMs = service.networkDelay === undefined ? 0 : sampleMs(service.networkDelay, service.serviceRng);
    const known = this.deps.podNetwork.lookup(target.ip);
    // A proxy's version is the backend it picks; any other pod's is its template.
    if (service.spec.routing === undefined) request.version = service.versions.of(target.podUid, known, service.spec.versionLabel);
    const reachable = this.deps.podNetwork.isNodeUp(target.nodeName) && this.deps.network.reachable(entry, target.nodeName);
    const endpoint = reachable ? known : undefined;
    if (!reachable || (endpoint !== undefined && endpoint.alive && now >= endpoint.hungFromMs)) {
      this.timeoutLater(request);
      return;
    }
    if (endpoint === undefined || endpoint.podUid !== target.podUid || !PodNetwork.serving(endpoint, now)) {
      this.fail(request, 'refused', request.rttMs);
      return;
    }
    const server = this.serverFor(endpoint, service);
    if (!server.accept(request)) this.fail(request, 'overload', request.rttMs);
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
      serviced: (request, by) => this.serviced(request, by),
      lost: (request, machineDown) => {
        // A call's caller times out by its own timer; a client hears nothing from a dead machine until its timeout.
        if (machineDown) this.timeoutLater(request);
        else this.fail(request, 'reset', this.deps.sim.nowMs - request.arrivalMs + request.rttMs);
      },
    });
    endpoint.server = server;
    this.servers.add(server);
    return server;
  }

  /** The pod has done its own work on the request: answer, or first call on (downstream calls, or the proxy's backend). */
  private serviced(request: Request, server: PodServer<Request>): void {
    const spec = request.service.spec;
    if (request.settled || (spec.routing === undefined && spec.calls === undefined)) {
      server.release(request);
      this.complete(request, server.endpoint);
      return;
    }
    const finish = (outcome: CallOutcome): void => {
      server.release(request);
      if (outcome.ok) this.complete(request, server.endpoint);
      else this.fail(request, 'dependency', this.deps.sim.nowMs - request.arrivalMs + request.rttMs, outcome.blame);
    };
    if (spec.routing !== undefined) this.proxy(request, server, finish);
    else {
      const service = request.service;
      runCallSteps(spec.calls ?? [], {
        rng: service.callRng,
        aborted: () => request.settled,
        send: (call, done) => this.call(call, server.endpoint.nodeName, undefined, done),
      }, finish);
    }
  }

  /** A proxy pod sends the request on to the backend its rules pick (no retries: ingress-nginx's proxy-next-upstream is not modelled). */
  private proxy(request: Request, server: PodServer<Request>, finish: (outcome: CallOutcome) => void): void {
    const routing = request.service.spec.routing;
    const backend = routing === undefined || this.deps.routes === undefined ? undefined : this.deps.routes.route(routing, request.attributes ?? NO_ATTRIBUTES, request.service.routeRng);
    if (backend === undefined) {
      server.release(request);
      this.fail(request, 'noRoute', this.deps.sim.nowMs - request.arrivalMs + request.rttMs);
      return;
    }
    const namespace = request.service.spec.namespace;
    request.version = { key: backend, name: backend.startsWith(`${namespace}/`) ? backend.slice(namespace.length + 1) : backend };
    const remainingMs = Math.max(1, request.arrivalMs + request.timeoutMs - this.deps.sim.nowMs);
    this.call({ serviceKey: backend, count: 1, probability: 1, timeoutMs: remainingMs, retries: 0 }, server.endpoint.nodeName, request.attributes, finish);
  }

  private call(call: CallSpec, fromNode: string, attributes: RequestAttributes | undefined, done: (outcome: CallOutcome) => void): void {
    this.send(this.service(call.serviceKey), fromNode, attributes, call.timeoutMs, done);
  }

  private complete(request: Request, endpoint: PodEndpoint): void {
    if (request.settled) return;
    const service = request.service;
    const latencyMs = this.deps.sim.nowMs - request.arrivalMs + request.rttMs;
    if (latencyMs > request.timeoutMs) {
      this.fail(request, 'timeout', request.timeoutMs);
      return;
    }
    this.settle(request);
    this.deps.sink.served(service.index, request.arrivalMs, latencyMs, request.version);
    this.observer?.served?.(service.key, endpoint.podUid, this.deps.sim.nowMs);
    request.onDone?.(CALL_OK);
  }

  /** The client hears nothing and gives up at its timeout (a call's caller has its own timer already). */
  private timeoutLater(request: Request): void {
    if (request.onDone !== undefined) return;
    const atMs = Math.max(this.deps.sim.nowMs, request.arrivalMs + request.timeoutMs);
    this.deps.sim.at(atMs, () => this.fail(request, 'timeout', request.timeoutMs), 'request timeout');
  }

  private fail(request: Request, cause: FailureCause, latencyMs: number, blame?: string): void {
    if (request.settled) return;
    this.settle(request);
    const service = request.service;
    this.deps.sink.failed(service.index, request.arrivalMs, cause, latencyMs, request.version, blame);
    request.onDone?.({ ok: false, blame: blame ?? service.key });
  }

  private settle(request: Request): void {
    request.settled = true;
    request.service.inFlight--;
    if (request.callerTimer !== undefined) this.deps.sim.cancel(request.callerTimer);
    delete request.callerTimer;
  }
}
