/**
 * Blue-green, canary and call graphs in words: when a Service's selector
 * was switched (from which selector to which, and how many ready pods the
 * new one had at that instant); the share of a Service's requests each
 * version took (its pod templates, or a proxy's backends) with that
 * version's errors and p99; and which called Service caused the requests
 * that failed on a failed downstream call.
 */
import { formatDuration } from '../../engine/time.js';
import type { Report } from '../report.js';
import type { Answer } from './answer.js';

/** A list from a report read by shape: a report from an older kubesim (or a test) may lack it. */
function list<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [];
}

function percent(fraction: number): string {
  const p = fraction * 100;
  // A version that served a handful of requests must not read as 0 %.
  return `${p > 0 && p < 1 ? p.toFixed(1) : p > 99 && p < 100 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** "no errors", "3 errors (0.02%)", "2.5% errors": a handful of errors must not read as 0 %. */
function errorsText(failed: number, routed: number): string {
  if (failed === 0) return 'no errors';
  const p = (100 * failed) / routed;
  return p < 0.1 ? `${failed} error${failed === 1 ? '' : 's'} (${p.toPrecision(1)}%)` : `${p.toFixed(1)}% errors`;
}

function latencyText(ms: number | null): string {
  return ms === null ? 'p99 n/a' : `p99 ${ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`}`;
}

/**
 * "v1 80% (0.1% errors, p99 45 ms), v2 20% (...)" over the whole run, for a
 * Service whose requests went to more than one version. A share is of the
 * requests that reached a version (served or failed there); requests that
 * failed before reaching one (no endpoints, no route) are counted apart.
 */
function versionShares(report: Report, service: string): { label: string; text: string } | undefined {
  const requests = list(report.requests).find((r) => r.service === service);
  if (requests === undefined) return undefined;
  const versions = list(requests.byVersion).map((v) => ({ version: v.version, routed: v.served + v.failed, failed: v.failed, p99: v.latencyMs.p99 })).filter((v) => v.routed > 0);
  const all = versions.reduce((sum, v) => sum + v.routed, 0);
  if (versions.length < 2 || all === 0) return undefined;
  const settled = requests.total - requests.inFlightAtEnd;
  const elsewhere = settled - all;
  const text = versions.map((v) => `${v.version} ${percent(v.routed / all)} (${errorsText(v.failed, v.routed)}, ${latencyText(v.p99)})`).join(', ');
  return {
    label: requests.splitBy === 'backend Service' ? 'backend' : 'version',
    text: `${text}${elsewhere > 0 ? `; ${elsewhere.toLocaleString('en-US')} more failed before a ${requests.splitBy === 'backend Service' ? 'backend' : 'version'} was chosen` : ''}`,
  };
}

/**
 * "0s–2m web 93%, web-canary 7%; 2m–4m web 73%, web-canary 27%; ...": the
 * shares between the scenario's timeline actions (a canary's weight steps),
 * for a Service split over more than one version. Windows are attributed
 * by arrival, so a step counts the 10 s windows that start inside it.
 */
function sharesOverTime(report: Report, service: string): string | undefined {
  const requests = list(report.requests).find((r) => r.service === service);
  if (requests === undefined) return undefined;
  const versions = list(requests.byVersion).filter((v) => v.served + v.failed > 0);
  if (versions.length < 2) return undefined;
  const cuts = [...new Set([0, ...list(report.timeline).map((t) => t.atMs), report.scenario.durationMs])].filter((t) => t >= 0 && t <= report.scenario.durationMs).sort((a, b) => a - b);
  const phases: Array<{ from: number; to: number; text: string }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i] as number, cuts[i + 1] as number];
    const routed = versions.map((v) => ({ version: v.version, n: list(v.series).filter((p) => p.tMs >= from && p.tMs < to).reduce((sum, p) => sum + p.served + p.errors, 0) }));
    const all = routed.reduce((sum, v) => sum + v.n, 0);
    if (all === 0) continue;
    const text = routed.filter((v) => v.n > 0).map((v) => `${v.version} ${percent(v.n / all)}`).join(', ');
    const last = phases.at(-1);
    // An action that did not move the shares (a scale-up before a weight step) does not split a phase.
    if (last !== undefined && last.text === text) last.to = to;
    else phases.push({ from, to, text });
  }
  return phases.length < 2 ? undefined : phases.map((p) => `${formatDuration(p.from)}–${formatDuration(p.to)} ${p.text}`).join('; ');
}

/** "frontend: 120 requests failed on a failed call, caused by paymentservice 100, cartservice 20". */
function dependencyFailures(report: Report): Answer[] {
  return list(report.requests).flatMap((r) => {
    const blamed = Object.entries(r.failedByDependency ?? {}).sort(([, a], [, b]) => b - a);
    if (blamed.length === 0) return [];
    const total = blamed.reduce((sum, [, n]) => sum + n, 0);
    const count = (n: number): string => n.toLocaleString('en-US');
    return [{ text: `Requests to ${r.service}: ${count(total)} failed because a call to another Service failed, caused by ${blamed.map(([key, n]) => `${key} (${count(n)})`).join(', ')}.`, tone: 'warn' as const }];
  });
}

function readyAt(series: ReadonlyArray<{ readonly tMs: number; readonly readyPods: number }>, tMs: number): number {
  let ready = 0;
  for (const p of series) {
    if (p.tMs > tMs) break;
    ready = p.readyPods;
  }
  return ready;
}

export function trafficAnswers(report: Report): Answer[] {
  const answers: Answer[] = [];
  const switched = new Set<string>();
  for (const s of list(report.serviceSelectors)) {
    const key = `${s.namespace}/${s.name}`;
    const switches = list(s.changes).slice(1).map((c, i) => ({ ...c, from: (s.changes[i] as { selector: string }).selector }));
    if (switches.length === 0) continue;
    switched.add(key);
    const shares = versionShares(report, key);
    const told = switches.map((c) => {
      const ready = readyAt(list(s.bySelector).find((b) => b.selector === c.selector)?.series ?? [], c.tMs);
      return { ready, text: `from ${c.from || '(none)'} to ${c.selector || '(none)'} at ${formatDuration(c.tMs)} (${ready} ready pod${ready === 1 ? '' : 's'} behind it then)` };
    });
    answers.push({
      text: `Service ${key} switched its selector ${told.map((t) => t.text).join(', then ')}${shares === undefined ? '' : `; requests by ${shares.label}: ${shares.text}`}.`,
      // Switching to a selector no ready pod matches leaves the Service without endpoints.
      tone: told.some((t) => t.ready === 0) ? 'warn' : 'ok',
    });
  }
  for (const r of list(report.requests)) {
    if (typeof r.service !== 'string' || switched.has(r.service)) continue;
    const shares = versionShares(report, r.service);
    if (shares === undefined) continue;
    answers.push({ text: `Requests to ${r.service} by ${shares.label}: ${shares.text}.`, tone: 'ok' });
    const phases = sharesOverTime(report, r.service);
    if (phases !== undefined) answers.push({ text: `Share of ${r.service}'s requests by ${shares.label} between the timeline's actions: ${phases}.`, tone: 'ok' });
  }
  return [...answers, ...dependencyFailures(report)];
}
