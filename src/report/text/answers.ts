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
import type { Answer } from './answer.js';
import { floorEpisodes, type FloorEpisode } from './floor-episodes.js';
import { formatLatency } from './format-metric.js';
import { trafficAnswers } from './traffic-answers.js';
import { quotaAnswers } from './quota-answers.js';
import { autoscalingAnswers } from './autoscaling-text.js';

export type { Answer } from './answer.js';

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
    const deadlines = rollouts.filter((r) => typeof r.deadlineExceededMs === 'number').length;
    const hit = deadlines === 0 ? '' : `; ${deadlines} hit their progress deadline`;
    return [{ text: `${done.length} of ${rollouts.length} rollouts completed${range}${open > 0 ? `; ${open} did not complete by the end` : ''}${hit}.`, tone: open > 0 || deadlines > 0 ? 'warn' : 'ok' }];
  }
  return rollouts.map((r) => {
    const rollout = `Rollout of ${r.deployment} to revision ${r.revision}`;
    const deadline = typeof r.deadlineExceededMs !== 'number' ? undefined : `hit its progress deadline at ${formatDuration(r.deadlineExceededMs)}`;
    if (r.outcome === 'rolledBack' && typeof r.rolledBackMs === 'number') {
      return { text: `${rollout} started at ${formatDuration(r.startMs)}, ${deadline === undefined ? '' : `${deadline}, then `}rolled back at ${formatDuration(r.rolledBackMs)}.`, tone: 'warn' as const };
    }
    if (r.durationMs === null) {
      return { text: `${rollout} started at ${formatDuration(r.startMs)}${deadline === undefined ? '' : `, ${deadline}`} and did not complete by the end${outcomeText(r)}.`, tone: 'warn' as const };
    }
    return { text: `${rollout} took ${formatDuration(r.durationMs)} (from ${formatDuration(r.startMs)}${deadline === undefined ? '' : `; it ${deadline} first`}).`, tone: deadline === undefined ? 'ok' as const : 'warn' as const };
  });
}

interface FloorStory {
  /** Time under the floor in episodes where availableReplicas fell. */
  readonly lostMs: number;
  readonly scaleUps: readonly FloorEpisode[];
}

function floorStory(report: Report, a: Report['availability'][number]): FloorStory {
  const deployment = report.deployments.find((d) => d.name === a.name && d.namespace === a.namespace);
  if (deployment === undefined || a.measuredFromMs === null) return { lostMs: a.timeBelowMinAvailableMs, scaleUps: [] };
  const episodes = floorEpisodes(deployment.series, a.measuredFromMs, Math.min(report.scenario.durationMs, deployment.deletedMs ?? report.scenario.durationMs));
  const isScaleUp = (e: FloorEpisode): boolean => !e.fell && e.toReplicas > e.fromReplicas;
  return {
    lostMs: episodes.filter((e) => !isScaleUp(e)).reduce((sum, e) => sum + (e.toMs - e.fromMs), 0),
    scaleUps: episodes.filter(isScaleUp),
  };
}

/** "scale-up from 1 to 3: new pods available after 5s" (available: Ready for minReadySeconds, what the floor counts). */
function scaleUpText(e: FloorEpisode): string {
  const after = e.allAvailableMs === null ? 'not all new pods available by the end' : `new pods available after ${formatDuration(e.allAvailableMs - e.fromMs)}`;
  return `scale-up from ${e.fromReplicas} to ${e.toReplicas}: ${after}`;
}

function scaleUpsText(scaleUps: readonly FloorEpisode[]): string {
  if (scaleUps.length <= 2) return scaleUps.map(scaleUpText).join('; ');
  const waits = scaleUps.flatMap((e) => (e.allAvailableMs === null ? [] : [e.allAvailableMs - e.fromMs]));
  return `${scaleUps.length} scale-ups${waits.length === 0 ? '' : `, new pods available after at most ${formatDuration(Math.max(...waits))}`}`;
}

function availabilityAnswers(report: Report): Answer[] {
  const rows = report.availability.flatMap((a) => {
    if (a.lowestAvailable === null) return [];
    const deployment = report.deployments.find((d) => d.name === a.name && d.namespace === a.namespace);
    const last = deployment?.series[deployment.series.length - 1];
    const desired = last?.replicas ?? 0;
    // Scaled to zero by the end (the blue side of a blue-green switch): nothing to say about its availability.
    if (desired === 0) return [];
    return [{ a, desired, floor: last?.minAvailable ?? desired, share: a.lowestAvailable / desired, story: floorStory(report, a) }];
  });
  // Only lost capacity warns: a scale-up is under the floor until its new pods are available, with nothing lost.
  const stuck = (r: (typeof rows)[number]): boolean => r.story.scaleUps.some((e) => e.allAvailableMs === null);
  if (rows.length > MAX_ANSWERS_PER_KIND) {
    const below = rows.filter((r) => r.story.lostMs > 0);
    const worst = [...rows].sort((x, y) => x.share - y.share)[0];
    const lowest = worst === undefined ? '' : `; lowest ${worst.a.lowestAvailable}/${worst.desired} (${worst.a.namespace}/${worst.a.name})`;
    const scaleUps = rows.flatMap((r) => r.story.scaleUps);
    const scaled = scaleUps.length === 0 ? '' : `; ${scaleUpsText(scaleUps)}`;
    return [{
      text: below.length === 0
        ? `Availability never fell under the maxUnavailable floor in any of ${rows.length} Deployments${lowest}${scaled}.`
        : `${below.length} of ${rows.length} Deployments fell under their maxUnavailable floor (longest ${formatDuration(Math.max(...below.map((r) => r.story.lostMs)))})${lowest}${scaled}.`,
      tone: below.length === 0 && !rows.some(stuck) ? 'ok' : 'warn',
    }];
  }
  return rows.map((r) => {
    const { a, desired, floor, story } = r;
    const lost = story.lostMs > 0;
    const scaled = story.scaleUps.length === 0 ? '' : `; ${scaleUpsText(story.scaleUps)}`;
    const text = `Availability of ${a.namespace}/${a.name} never below ${a.lowestAvailable}/${desired}` +
      (lost ? `; under the maxUnavailable floor (${floor}) for ${formatDuration(story.lostMs)} after available replicas fell${scaled}.` : ` (floor ${floor})${scaled}.`);
    return { text, tone: lost || stuck(r) ? 'warn' as const : 'ok' as const };
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
  const variants = top === undefined || top.messages === 1 ? '' : `, its counts varying over ${count(top.messages)} messages`;
  const reason = top === undefined ? '' : ` (most common reason, for ${count(top.pods)} of them: "${top.message}"${variants})`;
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

/** When the Service's first endpoint was Ready (services[] series), if ever. */
function firstReadyMs(report: Report, service: string): number | undefined {
  const record = report.services.find((s) => `${s.namespace}/${s.name}` === service);
  return record?.series.find((p) => p.readyEndpoints > 0)?.tMs;
}

/**
 * When the failed requests arrived, from the per-window series: ", all 43
 * in the first 10s, before any pod was Ready" when every failure found no
 * endpoint and came before the Service's first Ready endpoint, else the
 * span of the windows with failures when it is shorter than the run.
 */
function whenFailed(report: Report, services: readonly Json[], failed: number): { text: string; beforeReady: boolean } | undefined {
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = 0;
  let beforeReady = true;
  for (const service of services) {
    const windowMs = num(service.windowMs) ?? 0;
    const failing = (Array.isArray(service.series) ? service.series.filter(isObject) : []).filter((p) => (num(p.errors) ?? 0) > 0);
    if (failing.length === 0) continue;
    const first = num(failing[0]?.tMs) ?? 0;
    const last = num(failing[failing.length - 1]?.tMs) ?? 0;
    fromMs = Math.min(fromMs, first);
    toMs = Math.max(toMs, Math.min(last + windowMs, report.scenario.durationMs));
    const ready = typeof service.service === 'string' ? firstReadyMs(report, service.service) : undefined;
    const noEndpoints = isObject(service.failedByCause) && num(service.failedByCause.noEndpoints) === num(service.failed);
    if (!noEndpoints || (ready !== undefined && last >= ready)) beforeReady = false;
  }
  if (!Number.isFinite(fromMs) || toMs - fromMs >= report.scenario.durationMs) return undefined;
  const span = fromMs === 0 ? `in the first ${formatDuration(toMs)}` : `between ${formatDuration(fromMs)} and ${formatDuration(toMs)}`;
  const all = `all ${failed.toLocaleString('en-US')}`;
  return { text: beforeReady ? `, ${all} ${span}, before any pod was Ready` : `, ${all} ${span}`, beforeReady };
}

function requestAnswers(report: Report): Answer[] {
  const section = (report as unknown as Json).requests;
  const services: Json[] = Array.isArray(section) ? section.filter(isObject) : isObject(section) && Array.isArray(section.services) ? section.services.filter(isObject) : [];
  let total = 0;
  let failed = 0;
  let failedInWindows = 0;
  let errorsSeen = 0;
  const windows = failureWindows(report);
  // A Service that only other Services call (a call graph's backend, a proxy's) is not counted: its failures are its callers'.
  const clientServices = services.filter((s) => num(s.fromCalls) === undefined || num(s.fromCalls) !== num(s.total));
  const onlyClients = clientServices.length < services.length;
  for (const service of clientServices) {
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
  // Dated from the series only when the series hold every failure.
  const when = failed > 0 && errorsSeen === failed ? whenFailed(report, clientServices, failed) : undefined;
  let where = when?.beforeReady === true ? when.text : '';
  if (where === '' && failed > 0 && errorsSeen > 0 && windows.length > 0) {
    where = failedInWindows === errorsSeen ? ', all during the node failure' : `, ${percentText(failedInWindows / errorsSeen)} of them during the node failure`;
  }
  if (where === '' && when !== undefined) where = when.text;
  return [{ text: `${percentText(failed / total)} of ${onlyClients ? 'client ' : ''}requests failed (${failed.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})${where}.`, tone: failed > 0 ? 'warn' : 'ok' }];
}

function allocationParts(m: Json): string[] {
  const parts: string[] = [];
  if (num(m.cpuShare) !== undefined) parts.push(`mean CPU allocation ${percentText(m.cpuShare as number)}`);
  if (num(m.gpuShare) !== undefined) parts.push(`GPU ${percentText(m.gpuShare as number)}`);
  if (num(m.nodesUsed) !== undefined) parts.push(`${(m.nodesUsed as number).toFixed(1)} nodes in use on average`);
  if (num(m.fragmentation) !== undefined) parts.push(`fragmentation ${percentText(m.fragmentation as number)}`);
  return parts;
}

/** Past this share of the run, the busy window is the run itself and one sentence says so. */
const BUSY_IS_WHOLE_RUN = 0.9;

/**
 * Allocation means, always with their window: over the whole run when the
 * cluster had work throughout, else over the window in which it had work
 * (allocation.busy), with the whole run's CPU figure after it.
 */
function allocationAnswers(report: Report): Answer[] {
  const section = (report as unknown as Json).allocation;
  if (!isObject(section) || !isObject(section.mean)) return [];
  const duration = report.scenario.durationMs;
  const whole = allocationParts(section.mean);
  if (whole.length === 0) return [];
  const busy = isObject(section.busy) && isObject(section.busy.mean) ? section.busy : undefined;
  const from = num(busy?.fromMs);
  const to = num(busy?.toMs);
  if (busy === undefined || from === undefined || to === undefined || to - from >= BUSY_IS_WHOLE_RUN * duration) {
    return [{ text: `${capitalize(whole.join(', '))} over the whole run (${formatDuration(duration)}, time-weighted).`, tone: 'ok' }];
  }
  const resource = busy.field === 'gpuShare' ? 'GPU' : 'CPU';
  const overall = num((section.mean).cpuShare);
  const rest = overall === undefined ? '' : `; ${percentText(overall)} CPU over the whole ${formatDuration(duration)}`;
  return [{
    text: `${capitalize(allocationParts(busy.mean as Json).join(', '))} while the cluster had work (${formatDuration(from)} to ${formatDuration(to)}, ${resource} allocation was at least a quarter of its peak ${percentText(num(busy.peak) ?? 0)})${rest}.`,
    tone: 'ok',
  }];
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
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
    ...quotaAnswers(report),
    ...availabilityAnswers(report),
    ...requestAnswers(report),
    ...trafficAnswers(report),
    ...podAnswers(report),
    ...traceAnswers(report),
    ...allocationAnswers(report),
    ...autoscalingAnswers(report),
  ];
}
