/**
 * The answers a person opens a report for, as short sentences with numbers
 * ("rollout took 3m12s", "availability never below 8/10", "0.4 % of
 * requests failed, all during the node failure"). Shared by the terminal
 * summary and the top of report.html. Sections other branches add
 * (requests, recovery, traces, allocation) are read by shape and skipped
 * when absent.
 */
import { formatDuration } from '../../engine/time.js';
import type { Report } from '../report.js';
import { formatLatency } from './format-metric.js';

export interface Answer {
  readonly text: string;
  /** `warn` marks an answer a reader should look at (not complete, below the floor, errors). */
  readonly tone: 'ok' | 'warn';
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function percentText(fraction: number): string {
  const p = fraction * 100;
  // 99.99 % must not read as 100 %.
  if (p > 99 && p < 100) return `${p.toFixed(2)}%`;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** Past this many Deployments, one sentence sums them up instead of one each. */
const MAX_ANSWERS_PER_KIND = 4;

/** The rollout's outcome when the report carries one (progressDeadlineExceeded, paused, …). */
function outcomeText(rollout: object): string {
  const outcome = (rollout as { outcome?: unknown }).outcome;
  return typeof outcome === 'string' && outcome !== 'inProgress' ? ` (${outcome})` : '';
}

function rolloutAnswers(report: Report): Answer[] {
  const rollouts = report.summary.rollouts.filter((r) => r.revision !== null && r.revision > 1);
  if (rollouts.length > MAX_ANSWERS_PER_KIND) {
    const done = rollouts.filter((r) => r.durationMs !== null).sort((a, b) => (a.durationMs as number) - (b.durationMs as number));
    const open = rollouts.length - done.length;
    const slowest = done[done.length - 1];
    const range = done.length === 0 ? '' : ` in ${formatDuration(done[0]?.durationMs as number)} to ${formatDuration(slowest?.durationMs as number)} (median ${formatDuration(done[Math.floor((done.length - 1) / 2)]?.durationMs as number)}; slowest ${slowest?.deployment})`;
    return [{ text: `${done.length} of ${rollouts.length} rollouts completed${range}${open > 0 ? `; ${open} did not complete by the end` : ''}.`, tone: open > 0 ? 'warn' : 'ok' }];
  }
  return rollouts.map((r) => r.durationMs === null
    ? { text: `Rollout of ${r.deployment} to revision ${r.revision} started at ${formatDuration(r.startMs)} and did not complete by the end${outcomeText(r)}.`, tone: 'warn' as const }
    : { text: `Rollout of ${r.deployment} to revision ${r.revision} took ${formatDuration(r.durationMs)} (from ${formatDuration(r.startMs)}).`, tone: 'ok' as const });
}

function availabilityAnswers(report: Report): Answer[] {
  const rows = report.availability.flatMap((a) => {
    if (a.lowestAvailable === null) return [];
    const deployment = report.deployments.find((d) => d.name === a.name && d.namespace === a.namespace);
    const last = deployment?.series[deployment.series.length - 1];
    const desired = last?.replicas ?? 0;
    // Scaled to zero by the end (the blue side of a blue-green switch): nothing to say about its availability.
    if (desired === 0) return [];
    return [{ a, desired, floor: last?.minAvailable ?? desired, share: a.lowestAvailable / desired }];
  });
  if (rows.length > MAX_ANSWERS_PER_KIND) {
    const below = rows.filter((r) => r.a.timeBelowMinAvailableMs > 0);
    const worst = [...rows].sort((x, y) => x.share - y.share)[0];
    const lowest = worst === undefined ? '' : `; lowest ${worst.a.lowestAvailable}/${worst.desired} (${worst.a.namespace}/${worst.a.name})`;
    return [{
      text: below.length === 0
        ? `Availability never fell under the maxUnavailable floor in any of ${rows.length} Deployments${lowest}.`
        : `${below.length} of ${rows.length} Deployments fell under their maxUnavailable floor (longest ${formatDuration(Math.max(...below.map((r) => r.a.timeBelowMinAvailableMs)))})${lowest}.`,
      tone: below.length === 0 ? 'ok' : 'warn',
    }];
  }
  return rows.map(({ a, desired, floor }) => {
    const under = a.timeBelowMinAvailableMs > 0;
    const text = `Availability of ${a.namespace}/${a.name} never below ${a.lowestAvailable}/${desired}` +
      (under ? `; under the maxUnavailable floor (${floor}) for ${formatDuration(a.timeBelowMinAvailableMs)}.` : ` (floor ${floor}).`);
    return { text, tone: under ? 'warn' as const : 'ok' as const };
  });
}

function podAnswers(report: Report): Answer[] {
  const s = report.summary;
  const l = report.latency;
  const scheduled = s.podsScheduled === s.podsCreated ? `All ${s.podsCreated} pods scheduled` : `${s.podsScheduled} of ${s.podsCreated} pods scheduled (${percentText(s.podsCreated === 0 ? 0 : s.podsScheduled / s.podsCreated)})`;
  const pending = s.podsPendingAtEnd > 0 ? `; ${s.podsPendingAtEnd} still pending at the end` : '';
  return [{ text: `${scheduled}${pending}; p99 scheduling latency ${formatLatency(l.schedulingMs, 'p99')}, p99 start-up ${formatLatency(l.startupMs, 'p99')}.`, tone: s.podsPendingAtEnd > 0 ? 'warn' : 'ok' }, ...neverScheduledAnswers(report)];
}

/** "3,078 of 8,152 pods never scheduled (most common reason: …)", quoting the FailedScheduling message. */
function neverScheduledAnswers(report: Report): Answer[] {
  const never = report.summary.podsNeverScheduled;
  if (never === 0) return [];
  const count = (n: number): string => n.toLocaleString('en-US');
  const top = report.scheduler.neverScheduled.reasons[0];
  const reason = top === undefined ? '' : ` (most common reason, for ${count(top.pods)} of them: "${top.message}")`;
  return [{ text: `${count(never)} of ${count(report.summary.podsCreated)} pods never scheduled${reason}.`, tone: 'warn' }];
}

/** Windows of node failures: recovery[] entries when present, else fail-node → recover-node actions. */
export function failureWindows(report: Report): Array<{ fromMs: number; toMs: number }> {
  const recovery = (report as unknown as Json).recovery;
  if (Array.isArray(recovery) && recovery.length > 0) {
    return recovery.filter(isObject).flatMap((r) => {
      const from = num(r.failedMs);
      return from === undefined ? [] : [{ fromMs: from, toMs: num(r.recoveredMs) ?? report.scenario.durationMs }];
    });
  }
  const windows: Array<{ fromMs: number; toMs: number; node: string }> = [];
  for (const action of report.timeline) {
    const node = /node[ "]+([^" ]+)/.exec(action.description)?.[1] ?? action.description;
    if (action.action === 'fail-node') windows.push({ fromMs: action.atMs, toMs: report.scenario.durationMs, node });
    if (action.action === 'recover-node') {
      const open = windows.find((w) => w.node === node && w.toMs === report.scenario.durationMs);
      if (open !== undefined) open.toMs = action.atMs;
    }
  }
  return windows;
}

function sumOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (isObject(value)) return Object.values(value).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
  return undefined;
}

function requestAnswers(report: Report): Answer[] {
  const section = (report as unknown as Json).requests;
  const services: Json[] = Array.isArray(section) ? section.filter(isObject) : isObject(section) && Array.isArray(section.services) ? section.services.filter(isObject) : [];
  let total = 0;
  let failed = 0;
  let failedInWindows = 0;
  let errorsSeen = 0;
  const windows = failureWindows(report);
  for (const service of services) {
    total += num(service.total) ?? 0;
    failed += sumOf(service.failed) ?? num(service.errors) ?? 0;
    for (const point of Array.isArray(service.series) ? service.series.filter(isObject) : []) {
      const errors = num(point.errors) ?? 0;
      const t = num(point.tMs) ?? 0;
      errorsSeen += errors;
      if (windows.some((w) => t >= w.fromMs && t < w.toMs)) failedInWindows += errors;
    }
  }
  if (total === 0) return [];
  let where = '';
  if (failed > 0 && errorsSeen > 0 && windows.length > 0) {
    where = failedInWindows === errorsSeen ? ', all during the node failure' : `, ${percentText(failedInWindows / errorsSeen)} of them during the node failure`;
  }
  return [{ text: `${percentText(failed / total)} of requests failed (${failed.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})${where}.`, tone: failed > 0 ? 'warn' : 'ok' }];
}

function allocationAnswers(report: Report): Answer[] {
  const section = (report as unknown as Json).allocation;
  if (!isObject(section) || !isObject(section.mean)) return [];
  const m = section.mean;
  const parts: string[] = [];
  if (num(m.cpuShare) !== undefined) parts.push(`mean CPU allocation ${percentText(m.cpuShare as number)}`);
  if (num(m.gpuShare) !== undefined) parts.push(`GPU ${percentText(m.gpuShare as number)}`);
  if (num(m.nodesUsed) !== undefined) parts.push(`${(m.nodesUsed as number).toFixed(1)} nodes in use on average`);
  if (num(m.fragmentation) !== undefined) parts.push(`fragmentation ${percentText(m.fragmentation as number)}`);
  if (parts.length === 0) return [];
  const text = parts.join(', ');
  return [{ text: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`, tone: 'ok' }];
}

function traceAnswers(report: Report): Answer[] {
  const traces = (report as unknown as Json).traces;
  if (!Array.isArray(traces)) return [];
  return traces.filter(isObject).flatMap((t) => {
    const share = num(t.shareScheduled);
    const recorded = isObject(t.recorded) ? num(t.recorded.shareScheduled) : undefined;
    if (share === undefined) return [];
    const versus = recorded === undefined ? '' : ` (${percentText(recorded)} in the original cluster)`;
    return [{ text: `Trace ${String(t.trace)}: ${percentText(share)} of its ${String(t.pods)} pods were scheduled${versus}.`, tone: 'ok' as const }];
  });
}

export function reportAnswers(report: Report): Answer[] {
  return [
    ...rolloutAnswers(report),
    ...availabilityAnswers(report),
    ...requestAnswers(report),
    ...podAnswers(report),
    ...traceAnswers(report),
    ...allocationAnswers(report),
  ];
}
