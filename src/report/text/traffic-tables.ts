/** Tables for requests, node failures and HPAs (report sections of issue 5), as data. */
import { formatDuration } from '../../engine/time.js';
import type { Report } from '../report.js';
import { largerFirst, withinRowBudget } from './row-budget.js';
import type { Table } from './table.js';

function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : formatDuration(Math.round(value));
}

function after(from: number, to: number | undefined): string {
  return to === undefined ? '-' : `+${formatDuration(to - from)}`;
}

export function requestsTable(report: Report): Table | undefined {
  if (report.requests.length === 0) return undefined;
  const { shown, note } = withinRowBudget(report.requests, { worstFirst: (a, b) => b.failed - a.failed, rows: 'Services', kept: 'with the most failed requests', csv: 'requests.csv' });
  return {
    title: 'Requests',
    header: ['Requests', 'total', 'served', 'failed', 'failed %', 'p50', 'p99', 'max', 'failures by cause'],
    ...(note === undefined ? {} : { note }),
    rows: shown.map((r) => [
      r.service,
      String(r.total),
      String(r.served),
      r.failed > 0 ? { text: String(r.failed), tone: 'warn' as const } : String(r.failed),
      r.total === 0 ? '-' : `${((r.failed / r.total) * 100).toFixed(2)}%`,
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p99),
      ms(r.latencyMs.max),
      Object.entries(r.failedByCause).filter(([, n]) => n > 0).map(([cause, n]) => `${cause} ${n}`).join(', ') || '-',
    ]),
  };
}

export function nodeFailureTable(report: Report): Table | undefined {
  if (report.recovery.length === 0) return undefined;
  const { shown, note } = withinRowBudget(report.recovery, { worstFirst: (a, b) => largerFirst(a.lostCapacityPodSeconds, b.lostCapacityPodSeconds), rows: 'node failures', kept: 'that lost the most capacity', csv: 'recovery.csv' });
  return {
    title: 'Node failures',
    header: ['Node failure', 'fault', 'at', 'NotReady', 'tainted', 'evicted', 'recovered', 'lost pod-s'],
    ...(note === undefined ? {} : { note }),
    rows: shown.map((r) => [
      r.node,
      r.fault,
      formatDuration(r.failedMs),
      after(r.failedMs, r.notReadyMs),
      after(r.failedMs, r.taintedMs),
      after(r.failedMs, r.evictedMs),
      after(r.failedMs, r.recoveredMs),
      r.lostCapacityPodSeconds.toFixed(0),
    ]),
  };
}

export function hpaTable(report: Report): Table | undefined {
  if (report.hpa.length === 0) return undefined;
  return {
    title: 'Autoscaling',
    header: ['HPA', 'target', 'min desired', 'max desired', 'status changes'],
    rows: report.hpa.map((hpa) => {
      const replicas = hpa.series.map((p) => p.desiredReplicas);
      return [`${hpa.namespace}/${hpa.name}`, hpa.target, String(Math.min(...replicas)), String(Math.max(...replicas)), String(hpa.series.length)];
    }),
  };
}
