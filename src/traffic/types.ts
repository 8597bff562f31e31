/**
 * Traffic as the scenario describes it (resolved: times in ms, traces
 * read), and the sink that counts requests. Requests are not API objects;
 * the sink is the recorder's request aggregator (metrics/request-stats.ts).
 */
import type { DistributionSpec } from '../engine/distributions.js';

/** Why a request failed. */
export type FailureCause = 'noEndpoints' | 'refused' | 'timeout' | 'reset' | 'overload';

export const FAILURE_CAUSES: readonly FailureCause[] = ['noEndpoints', 'refused', 'timeout', 'reset', 'overload'];

export interface RateStep {
  readonly atMs: number;
  readonly rps: number;
}

export type ArrivalSpec =
  | { readonly kind: 'poisson'; readonly steps: readonly RateStep[] }
  /** Arrival offsets in ms from the start of the run, ascending (already scaled). */
  | { readonly kind: 'trace'; readonly name: string; readonly offsetsMs: Float64Array };

export type LoadBalancing = 'random' | 'round-robin';

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
  /** The pod label whose value names the version that served a request. */
  readonly versionLabel: string;
  /** Client ↔ pod round trip added to every request's latency. */
  readonly networkDelay?: DistributionSpec;
}

/** Where request outcomes go (the recorder's aggregator). */
export interface RequestSink {
  /** Registers a Service; returns the index used in the other calls. */
  registerService(serviceKey: string, versionLabel: string): number;
  arrived(service: number, atMs: number): void;
  served(service: number, arrivalMs: number, latencyMs: number, version: string | undefined): void;
  failed(service: number, arrivalMs: number, cause: FailureCause, latencyMs: number): void;
  /** Requests still in flight when the run ended. */
  inFlightAtEnd(service: number, count: number): void;
}
