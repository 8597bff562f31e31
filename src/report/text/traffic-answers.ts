/**
 * Blue-green and canary in words: when a Service's selector was switched
 * (from which selector to which, and how many ready pods the new one had
 * at that instant), and the share of the Service's served requests each
 * version (the traffic's `versionLabel` pod label) served.
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

/** "blue 48%, green 52%" over the whole run, for a Service served by more than one version. */
function versionShares(report: Report, service: string): { label: string; text: string } | undefined {
  const requests = list(report.requests).find((r) => r.service === service);
  if (requests === undefined) return undefined;
  const totals = list(requests.byVersion).map((v) => ({ version: v.version === '' ? `(no ${requests.versionLabel} label)` : v.version, served: list(v.series).reduce((sum, p) => sum + (typeof p.served === 'number' ? p.served : 0), 0) })).filter((v) => v.served > 0);
  const all = totals.reduce((sum, v) => sum + v.served, 0);
  if (totals.length < 2 || all === 0) return undefined;
  return { label: requests.versionLabel, text: totals.map((v) => `${v.version} ${percent(v.served / all)}`).join(', ') };
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
      text: `Service ${key} switched its selector ${told.map((t) => t.text).join(', then ')}${shares === undefined ? '' : `; requests served by ${shares.label}: ${shares.text}`}.`,
      // Switching to a selector no ready pod matches leaves the Service without endpoints.
      tone: told.some((t) => t.ready === 0) ? 'warn' : 'ok',
    });
  }
  for (const r of list(report.requests)) {
    if (typeof r.service !== 'string' || switched.has(r.service)) continue;
    const shares = versionShares(report, r.service);
    if (shares !== undefined) answers.push({ text: `Requests to ${r.service} served by ${shares.label}: ${shares.text}.`, tone: 'ok' });
  }
  return answers;
}
