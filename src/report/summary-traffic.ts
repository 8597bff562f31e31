/** Terminal summary lines for requests, node failures and HPAs (see summary-text.ts). */
import { formatDuration } from '../engine/time.js';
import type { Report } from './report.js';

function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd());
}

function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : formatDuration(Math.round(value));
}

function after(from: number, to: number | undefined): string {
  return to === undefined ? '-' : `+${formatDuration(to - from)}`;
}

export function trafficSummary(report: Report): string[] {
  const lines: string[] = [];
  if (report.requests.length > 0) {
    lines.push('', ...table([
      ['Requests', 'total', 'served', 'failed', 'failed %', 'p50', 'p99', 'max'],
      ...report.requests.map((r) => [
        r.service,
        String(r.total),
        String(r.served),
        String(r.failed),
        r.total === 0 ? '-' : `${((r.failed / r.total) * 100).toFixed(2)}%`,
        ms(r.latencyMs.p50),
        ms(r.latencyMs.p99),
        ms(r.latencyMs.max),
      ]),
    ]));
    for (const r of report.requests) {
      const causes = Object.entries(r.failedByCause).filter(([, n]) => n > 0).map(([cause, n]) => `${cause} ${n}`);
      if (causes.length > 0) lines.push(`  ${r.service} failures: ${causes.join(', ')}`);
    }
  }
  if (report.recovery.length > 0) {
    lines.push('', ...table([
      ['Node failure', 'fault', 'at', 'NotReady', 'tainted', 'evicted', 'recovered', 'lost pod-s'],
      ...report.recovery.map((r) => [
        r.node,
        r.fault,
        formatDuration(r.failedMs),
        after(r.failedMs, r.notReadyMs),
        after(r.failedMs, r.taintedMs),
        after(r.failedMs, r.evictedMs),
        after(r.failedMs, r.recoveredMs),
        r.lostCapacityPodSeconds.toFixed(0),
      ]),
    ]));
  }
  for (const hpa of report.hpa) {
    const replicas = hpa.series.map((p) => p.desiredReplicas);
    lines.push('', `HPA ${hpa.namespace}/${hpa.name} (${hpa.target}): desired replicas between ${Math.min(...replicas)} and ${Math.max(...replicas)} over ${hpa.series.length} status changes`);
  }
  return lines;
}
