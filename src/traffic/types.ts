/**
 * Traffic as the scenario describes it (resolved: times in ms, traces
 * read), and the sink that counts requests. Requests are not API objects;
 * the sink is the recorder's request aggregator (metrics/request-stats.ts).
 */
import type { DistributionSpec } from '../engine/distributions.js';

/**
 * Why a request failed. `noRoute`: a proxy (an ingress controller or a
 * Gateway) had no rule or backend for it (ingress-nginx's default backend
 * answers 404); `dependency`: a call the serving pod made to another
 * Service failed after its retries.
 */
export type FailureCause = 'noEndpoints' | 'refused' | 'timeout' | 'reset' | 'overload' | 'noRoute' | 'dependency';

export const FAILURE_CAUSES: readonly FailureCause[] = ['noEndpoints', 'refused', 'timeout', 'reset', 'overload', 'noRoute', 'dependency'];

export interface RateStep {
  readonly atMs: number;
  readonly rps: number;
}

export type ArrivalSpec =
  | { readonly kind: 'poisson'; readonly steps: readonly RateStep[] }
  /** Arrival offsets in ms from the start of the run, ascending (already scaled). */
  | { readonly kind: 'trace'; readonly name: string; readonly offsetsMs: Float64Array };

export type LoadBalancing = 'random' | 'round-robin';

/** One call a pod makes to another Service for each request it serves. */
export interface CallSpec {
  /** The called Service, `namespace/name`. */
  readonly serviceKey: string;
  /** How many calls (one after another in a sequential step, at once in a parallel one). */
  readonly count: number;
  /** Each of the `count` calls is made with this probability. */
  readonly probability: number;
  /** The caller gives up on an attempt after this long. */
  readonly timeoutMs: number;
  /** Further attempts after a failed one. */
  readonly retries: number;
}

/** A step of a call graph: steps run one after another; a parallel step's calls run at once. */
export type CallStep = { readonly kind: 'call'; readonly call: CallSpec } | { readonly kind: 'parallel'; readonly calls: readonly CallSpec[] };

/** A share of requests that carry a header or cookie (for canary-by-header / -by-cookie). */
export interface TaggedShare {
  readonly name: string;
  readonly value: string;
  /** Probability that a request carries it. */
  readonly share: number;
}

/** What requests entering at a proxy look like: host, path mix, headers and cookies. */
export interface RequestMix {
  readonly host: string;
  readonly paths: ReadonlyArray<{ readonly path: string; readonly share: number }>;
  readonly headers: readonly TaggedShare[];
  readonly cookies: readonly TaggedShare[];
}

/** A Service whose pods are a proxy that routes by Ingress rules (one IngressClass) or by a Gateway's HTTPRoutes. */
export type ProxyRouting = { readonly kind: 'ingress'; readonly ingressClassName: string } | { readonly kind: 'gateway'; readonly gateway: string; readonly namespace: string };

export interface TrafficSpec {
  readonly service: string;
  readonly namespace: string;
  readonly arrivals: ArrivalSpec;
  readonly serviceTime: DistributionSpec;
  /** Requests one pod serves at once; more wait in its queue. */
  readonly concurrency: number;
  /** Queue length past which a pod rejects requests (overload); undefined: unbounded. */
  readonly queueLimit?: number;
  /** The client gives up after this long. */
  readonly timeoutMs: number;
  readonly loadBalancing: LoadBalancing;
  /** CPU time per request; undefined: the request's service time. */
  readonly cpuPerRequestMs?: number;
  readonly idleCpuMilli: number;
  /** The pod label whose value, when a pod has it, names the version that served a request. */
  readonly versionLabel: string;
  /** Client ↔ pod round trip added to every request's latency. */
  readonly networkDelay?: DistributionSpec;
  /** Calls the serving pod makes for each request, after its own service time. */
  readonly calls?: readonly CallStep[];
  /** The pods are a proxy: each request is sent on to the backend its rules pick. */
  readonly routing?: ProxyRouting;
  /** Host, paths, headers and cookies of the requests arriving (for a proxy). */
  readonly requestMix?: RequestMix;
}

/** The version that served (or failed) a request: a pod template, or a proxy's backend Service. */
export interface VersionRef {
  /** Identity: pods of one template, or one backend Service, share it. */
  readonly key: string;
  /** What the report calls it (a version label value, the image, the Service). */
  readonly name: string;
  /** What tells two versions of the same name apart (the pod's controller, e.g. its ReplicaSet). */
  readonly detail?: string;
}

/** What a Service's per-version split is by. */
export type VersionSplit = 'pod template' | 'backend Service';

/** Where request outcomes go (the recorder's aggregator). */
export interface RequestSink {
  /** Registers a Service; returns the index used in the other calls. */
  registerService(serviceKey: string, splitBy: VersionSplit): number;
  /** `call`: the request came from another Service's pod (a call, or a proxy's), not from a client. */
  arrived(service: number, atMs: number, call: boolean): void;
  served(service: number, arrivalMs: number, latencyMs: number, version: VersionRef | undefined): void;
  /** `blame`: for a `dependency` failure, the Service whose failure caused it (the root of the chain). */
  failed(service: number, arrivalMs: number, cause: FailureCause, latencyMs: number, version: VersionRef | undefined, blame?: string): void;
  /** Requests still in flight when the run ended. */
  inFlightAtEnd(service: number, count: number): void;
}
