/**
 * The request aggregator: the traffic model reports every request's
 * outcome here (requests are not API objects, so the recorder cannot see
 * them in the store). Kept aggregated: totals, failures by cause (and, for
 * failed downstream calls, by the Service that caused them), a latency
 * histogram of served requests, and per 10 s window (by arrival time) the
 * arrivals, failures, latency and, per version, the requests served and
 * failed and their latency. A version is the pod template that served a
 * request (traffic/pod-version.ts) or, for a proxy, the backend Service it
 * sent the request to. Nothing per request is stored.
 */
import { FAILURE_CAUSES, type FailureCause, type RequestSink, type VersionRef, type VersionSplit } from '../traffic/types.js';
import { Histogram, SparseHistogram } from './histogram.js';

export const REQUEST_WINDOW_MS = 10_000;

interface VersionWindow {
  served: number;
  failed: number;
  readonly latency: SparseHistogram;
}

interface Window {
  arrived: number;
  served: number;
  failed: number;
  readonly latency: SparseHistogram;
  readonly byVersion: Map<string, VersionWindow>;
}

interface VersionTotals {
  readonly ref: VersionRef;
  served: number;
  failed: number;
  readonly latency: Histogram;
}

interface ServiceStats {
  readonly key: string;
  readonly splitBy: VersionSplit;
  arrived: number;
  calls: number;
  served: number;
  readonly failedBy: Record<FailureCause, number>;
  readonly failedByDependency: Map<string, number>;
  inFlight: number;
  readonly latency: Histogram;
  readonly windows: Map<number, Window>;
  readonly versions: Map<string, VersionTotals>;
}

export interface RequestPoint {
  readonly tMs: number;
  /** Arrivals per second in the window. */
  readonly rps: number;
  readonly served: number;
  readonly errors: number;
  /** p99 latency of the window's served requests (ms); null if none. */
  readonly p99: number | null;
}

export interface VersionPoint {
  readonly tMs: number;
  readonly served: number;
  readonly errors: number;
  /** p99 latency of the window's requests served by this version (ms); null if none. */
  readonly p99: number | null;
}

export interface VersionSeries {
  /** The version's name (unique within the Service: same-named templates carry their controller in brackets). */
  readonly version: string;
  /** Requests this version served and failed (failures after a pod or backend of this version was chosen). */
  readonly served: number;
  readonly failed: number;
  readonly latencyMs: { readonly p50: number | null; readonly p99: number | null };
  readonly series: readonly VersionPoint[];
}

export interface ServiceRequestReport {
  readonly service: string;
  readonly total: number;
  /** Of `total`, the requests that came from other Services' pods (calls, or a proxy's), not from clients. */
  readonly fromCalls: number;
  readonly served: number;
  readonly failed: number;
  readonly failedByCause: Readonly<Record<FailureCause, number>>;
  /** `dependency` failures by the Service whose failure caused them (the end of the call chain). */
  readonly failedByDependency: Readonly<Record<string, number>>;
  readonly inFlightAtEnd: number;
  /** Latency of served requests, ms (log-linear histogram: exact below 64 ms, else within 1.6 %). */
  readonly latencyMs: { readonly p50: number | null; readonly p90: number | null; readonly p99: number | null; readonly max: number | null };
  readonly windowMs: number;
  readonly series: readonly RequestPoint[];
  /** What `byVersion` splits by: the pod template that served, or (for a proxy) the backend Service. */
  readonly splitBy: VersionSplit;
  readonly byVersion: readonly VersionSeries[];
}

function emptyCauses(): Record<FailureCause, number> {
  return Object.fromEntries(FAILURE_CAUSES.map((c) => [c, 0])) as Record<FailureCause, number>;
}

/** Names unique within a Service: versions sharing a name are told apart by their detail (or key). */
function versionNames(versions: readonly VersionTotals[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const v of versions) counts.set(v.ref.name, (counts.get(v.ref.name) ?? 0) + 1);
  return new Map(versions.map((v) => [v.ref.key, (counts.get(v.ref.name) ?? 0) > 1 ? `${v.ref.name} (${v.ref.detail ?? v.ref.key})` : v.ref.name]));
}

export class RequestStats implements RequestSink {
  private readonly services: ServiceStats[] = [];

  registerService(serviceKey: string, splitBy: VersionSplit): number {
    const existing = this.services.findIndex((s) => s.key === serviceKey);
    if (existing >= 0) return existing;
    this.services.push({
      key: serviceKey, splitBy, arrived: 0, calls: 0, served: 0, failedBy: emptyCauses(), failedByDependency: new Map(), inFlight: 0, latency: new Histogram(), windows: new Map(), versions: new Map(),
    });
    return this.services.length - 1;
  }

  private window(stats: ServiceStats, atMs: number): Window {
    const index = Math.floor(atMs / REQUEST_WINDOW_MS);
    let window = stats.windows.get(index);
    if (window === undefined) {
      window = { arrived: 0, served: 0, failed: 0, latency: new SparseHistogram(), byVersion: new Map() };
      stats.windows.set(index, window);
    }
    return window;
  }

  private version(stats: ServiceStats, window: Window, ref: VersionRef): { totals: VersionTotals; window: VersionWindow } {
    let totals = stats.versions.get(ref.key);
    if (totals === undefined) {
      totals = { ref, served: 0, failed: 0, latency: new Histogram() };
      stats.versions.set(ref.key, totals);
    }
    let inWindow = window.byVersion.get(ref.key);
    if (inWindow === undefined) {
      inWindow = { served: 0, failed: 0, latency: new SparseHistogram() };
      window.byVersion.set(ref.key, inWindow);
    }
    return { totals, window: inWindow };
  }

  arrived(service: number, atMs: number, call: boolean): void {
    const stats = this.services[service] as ServiceStats;
    stats.arrived++;
    if (call) stats.calls++;
    this.window(stats, atMs).arrived++;
  }

  served(service: number, arrivalMs: number, latencyMs: number, version: VersionRef | undefined): void {
    const stats = this.services[service] as ServiceStats;
    stats.served++;
    stats.latency.record(latencyMs);
    const window = this.window(stats, arrivalMs);
    window.served++;
    window.latency.record(latencyMs);
    if (version === undefined) return;
    const v = this.version(stats, window, version);
    v.totals.served++;
    v.totals.latency.record(latencyMs);
    v.window.served++;
    v.window.latency.record(latencyMs);
  }

  failed(service: number, arrivalMs: number, cause: FailureCause, _latencyMs: number, version: VersionRef | undefined, blame?: string): void {
    const stats = this.services[service] as ServiceStats;
    stats.failedBy[cause]++;
    if (blame !== undefined) stats.failedByDependency.set(blame, (stats.failedByDependency.get(blame) ?? 0) + 1);
    const window = this.window(stats, arrivalMs);
    window.failed++;
    if (version === undefined) return;
    const v = this.version(stats, window, version);
    v.totals.failed++;
    v.window.failed++;
  }

  inFlightAtEnd(service: number, count: number): void {
    (this.services[service] as ServiceStats).inFlight = count;
  }

  report(): ServiceRequestReport[] {
    return this.services.map((stats) => {
      const indexes = [...stats.windows.keys()].sort((a, b) => a - b);
      const failed = Object.values(stats.failedBy).reduce((a, b) => a + b, 0);
      const versions = [...stats.versions.values()];
      const names = versionNames(versions);
      const byName = (a: VersionTotals, b: VersionTotals): number => {
        const x = names.get(a.ref.key) as string;
        const y = names.get(b.ref.key) as string;
        return x < y ? -1 : x > y ? 1 : 0;
      };
      return {
        service: stats.key,
        total: stats.arrived,
        fromCalls: stats.calls,
        served: stats.served,
        failed,
        failedByCause: { ...stats.failedBy },
        failedByDependency: Object.fromEntries([...stats.failedByDependency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        inFlightAtEnd: stats.inFlight,
        latencyMs: { p50: stats.latency.quantile(0.5), p90: stats.latency.quantile(0.9), p99: stats.latency.quantile(0.99), max: stats.latency.max },
        windowMs: REQUEST_WINDOW_MS,
        series: indexes.map((i) => {
          const w = stats.windows.get(i) as Window;
          return { tMs: i * REQUEST_WINDOW_MS, rps: w.arrived / (REQUEST_WINDOW_MS / 1000), served: w.served, errors: w.failed, p99: w.latency.quantile(0.99) };
        }),
        splitBy: stats.splitBy,
        byVersion: versions.sort(byName).map((v) => ({
          version: names.get(v.ref.key) as string,
          served: v.served,
          failed: v.failed,
          latencyMs: { p50: v.latency.quantile(0.5), p99: v.latency.quantile(0.99) },
          series: indexes.map((i) => {
            const w = (stats.windows.get(i) as Window).byVersion.get(v.ref.key);
            return { tMs: i * REQUEST_WINDOW_MS, served: w?.served ?? 0, errors: w?.failed ?? 0, p99: w?.latency.quantile(0.99) ?? null };
          }),
        })),
      };
    });
  }
}
