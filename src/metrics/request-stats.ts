/**
 * The request aggregator: the traffic model reports every request's
 * outcome here (requests are not API objects, so the recorder cannot see
 * them in the store). Kept aggregated: totals, failures by cause, a latency
 * histogram of served requests, and per 10 s window (by arrival time) the
 * arrivals, failures, served requests per version label and a latency
 * histogram. Nothing per request is stored.
 */
import { FAILURE_CAUSES, type FailureCause, type RequestSink } from '../traffic/types.js';
import { Histogram, SparseHistogram } from './histogram.js';

export const REQUEST_WINDOW_MS = 10_000;

interface Window {
  arrived: number;
  served: number;
  failed: number;
  readonly latency: SparseHistogram;
  readonly byVersion: Map<string, number>;
}

interface ServiceStats {
  readonly key: string;
  readonly versionLabel: string;
  arrived: number;
  served: number;
  readonly failedBy: Record<FailureCause, number>;
  inFlight: number;
  readonly latency: Histogram;
  readonly windows: Map<number, Window>;
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

export interface VersionSeries {
  readonly version: string;
  readonly series: ReadonlyArray<{ readonly tMs: number; readonly served: number }>;
}

export interface ServiceRequestReport {
  readonly service: string;
  readonly total: number;
  readonly served: number;
  readonly failed: number;
  readonly failedByCause: Readonly<Record<FailureCause, number>>;
  readonly inFlightAtEnd: number;
  /** Latency of served requests, ms (log-linear histogram: exact below 64 ms, else within 1.6 %). */
  readonly latencyMs: { readonly p50: number | null; readonly p90: number | null; readonly p99: number | null; readonly max: number | null };
  readonly windowMs: number;
  readonly series: readonly RequestPoint[];
  readonly versionLabel: string;
  readonly byVersion: readonly VersionSeries[];
}

function emptyCauses(): Record<FailureCause, number> {
  return Object.fromEntries(FAILURE_CAUSES.map((c) => [c, 0])) as Record<FailureCause, number>;
}

export class RequestStats implements RequestSink {
  private readonly services: ServiceStats[] = [];

  registerService(serviceKey: string, versionLabel: string): number {
    const existing = this.services.findIndex((s) => s.key === serviceKey);
    if (existing >= 0) return existing;
    this.services.push({ key: serviceKey, versionLabel, arrived: 0, served: 0, failedBy: emptyCauses(), inFlight: 0, latency: new Histogram(), windows: new Map() });
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

  arrived(service: number, atMs: number): void {
    const stats = this.services[service] as ServiceStats;
    stats.arrived++;
    this.window(stats, atMs).arrived++;
  }

  served(service: number, arrivalMs: number, latencyMs: number, version: string | undefined): void {
    const stats = this.services[service] as ServiceStats;
    stats.served++;
    stats.latency.record(latencyMs);
    const window = this.window(stats, arrivalMs);
    window.served++;
    window.latency.record(latencyMs);
    const label = version ?? '';
    window.byVersion.set(label, (window.byVersion.get(label) ?? 0) + 1);
  }

  failed(service: number, arrivalMs: number, cause: FailureCause, _latencyMs: number): void {
    const stats = this.services[service] as ServiceStats;
    stats.failedBy[cause]++;
    this.window(stats, arrivalMs).failed++;
  }

  inFlightAtEnd(service: number, count: number): void {
    (this.services[service] as ServiceStats).inFlight = count;
  }

  report(): ServiceRequestReport[] {
    return this.services.map((stats) => {
      const indexes = [...stats.windows.keys()].sort((a, b) => a - b);
      const versions = new Set<string>();
      for (const w of stats.windows.values()) for (const v of w.byVersion.keys()) versions.add(v);
      const failed = Object.values(stats.failedBy).reduce((a, b) => a + b, 0);
      return {
        service: stats.key,
        total: stats.arrived,
        served: stats.served,
        failed,
        failedByCause: { ...stats.failedBy },
        inFlightAtEnd: stats.inFlight,
        latencyMs: { p50: stats.latency.quantile(0.5), p90: stats.latency.quantile(0.9), p99: stats.latency.quantile(0.99), max: stats.latency.max },
        windowMs: REQUEST_WINDOW_MS,
        series: indexes.map((i) => {
          const w = stats.windows.get(i) as Window;
          return { tMs: i * REQUEST_WINDOW_MS, rps: w.arrived / (REQUEST_WINDOW_MS / 1000), served: w.served, errors: w.failed, p99: w.latency.quantile(0.99) };
        }),
        versionLabel: stats.versionLabel,
        byVersion: [...versions].sort().map((version) => ({
          version,
          series: indexes.map((i) => ({ tMs: i * REQUEST_WINDOW_MS, served: (stats.windows.get(i) as Window).byVersion.get(version) ?? 0 })),
        })),
      };
    });
  }
}
