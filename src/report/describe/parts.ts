/**
 * Pieces every `kubesim describe` view shares, as kubectl's describe.go
 * writes them: label selectors, multi-line label and annotation lists,
 * the Events table, and the state of a recorded series at a time.
 */
import type { LabelSelector } from '../../api/labels.js';
import type { DeploymentPoint, DeploymentState, PodRecord, ReplicaSetRecord } from '../../metrics/types.js';
import { formatDuration } from '../../engine/time.js';
import type { LoggedEvent } from '../text/event-log.js';
import { humanDuration } from './human-duration.js';
import type { Line } from './tabbed.js';

/** What the views read from report.json. */
export interface DescribeReport {
  readonly scenario: { readonly durationMs: number };
  readonly deployments: ReadonlyArray<{
    readonly name: string;
    readonly namespace: string;
    readonly createdMs: number;
    readonly deletedMs?: number;
    readonly series: readonly DeploymentPoint[];
    /** Absent in a report written before kubesim describe existed. */
    readonly states?: readonly DeploymentState[];
  }>;
  readonly replicaSets: readonly ReplicaSetRecord[];
  readonly pods: readonly PodRecord[];
}

export type Described = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** `+2m5s`, with "(the end of the run)" when no time was asked for. */
export function whenText(atMs: number, asked: boolean): string {
  return asked ? `+${formatDuration(atMs)}` : `+${formatDuration(atMs)} (the end of the run)`;
}

/** The first line of every view: which object, at which simulated time. */
export function heading(ref: string, when: string): Line {
  return [`# ${ref} at ${when}, simulated time; times are +time since the start of the run`];
}

/** labels.Selector's String() of metav1.LabelSelectorAsSelector: requirements sorted by key, values sorted. */
export function selectorString(selector: LabelSelector): string {
  const terms: Array<[string, string]> = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [k, `${k}=${v}`]);
  for (const r of selector.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort().join(',');
    const text = r.operator === 'Exists' ? r.key : r.operator === 'DoesNotExist' ? `!${r.key}` : `${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${values})`;
    terms.push([r.key, text]);
  }
  return terms.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((t) => t[1]).join(',');
}

/** printLabelsMultiline: sorted, one per line, `<none>` when empty; annotations as `key: value`. */
export function multiline(title: string, values: Readonly<Record<string, string>>, separator: '=' | ': '): Line[] {
  const keys = Object.keys(values).sort();
  if (keys.length === 0) return [[`${title}:`, '<none>']];
  return keys.map((key, i) => [i === 0 ? `${title}:` : '', `${key}${separator}${values[key] as string}`]);
}

export function withoutHash(labels: Readonly<Record<string, string>>): string {
  const { 'pod-template-hash': _hash, ...rest } = labels;
  return JSON.stringify(Object.entries(rest).sort());
}

export function pointAt<T extends { readonly tMs: number }>(series: readonly T[], atMs: number): T | undefined {
  let found: T | undefined;
  for (const point of series) {
    if (point.tMs > atMs) break;
    found = point;
  }
  return found;
}

/**
 * Identical events of one object (type, reason, source, message) are one
 * Event with a count, as client-go's EventCorrelator aggregates them; kubectl
 * sorts by last occurrence and shows "Age (xN over first)".
 */
export function eventLines(events: readonly LoggedEvent[], atMs: number): Line[] {
  if (events.length === 0) return [['Events:', '<none>']];
  const grouped = new Map<string, { event: LoggedEvent; firstMs: number; lastMs: number; count: number }>();
  for (const e of events) {
    const key = JSON.stringify([e.type, e.reason, e.source, e.message]);
    const seen = grouped.get(key);
    if (seen === undefined) grouped.set(key, { event: e, firstMs: e.tMs, lastMs: e.tMs, count: 1 });
    else Object.assign(seen, { lastMs: e.tMs, count: seen.count + 1 });
  }
  const rows = [...grouped.values()].sort((a, b) => a.lastMs - b.lastMs);
  const age = (g: (typeof rows)[number]): string => (g.count === 1 ? humanDuration(atMs - g.firstMs) : `${humanDuration(atMs - g.lastMs)} (x${g.count} over ${humanDuration(atMs - g.firstMs)})`);
  return [
    ['Events:'],
    ['  Type', 'Reason', 'Age', 'From', 'Message'],
    ['  ----', '------', '----', '----', '-------'],
    ...rows.map((g): Line => [`  ${g.event.type}`, g.event.reason, age(g), g.event.source, g.event.message.trim()]),
  ];
}


/** The pods that exist at `atMs`: created, and not yet removed from the API. */
export function podsAt(pods: readonly PodRecord[], atMs: number): PodRecord[] {
  return pods.filter((p) => p.createdMs <= atMs && (p.deletedMs === undefined || p.deletedMs > atMs));
}

/**
 * A pod's phase at `atMs`: Pending until its containers run, Running from
 * then on; Succeeded or Failed only as the phase it ended the run with
 * (when it got there is not recorded, so earlier it is unknown).
 */
export function phaseAt(pod: PodRecord, atMs: number, endMs: number): string | undefined {
  const terminal = pod.phase === 'Succeeded' || pod.phase === 'Failed';
  if (terminal) return atMs >= endMs ? pod.phase : undefined;
  return pod.startedMs !== undefined && pod.startedMs <= atMs ? 'Running' : 'Pending';
}

/** An object's own events up to `atMs` (its involvedObject, as `kubectl describe` searches them). */
export function ownEvents(events: readonly LoggedEvent[], kind: string, namespace: string, name: string, fromMs: number, atMs: number): LoggedEvent[] {
  return events.filter((e) => e.kind === kind && e.name === name && (e.namespace ?? 'default') === namespace && e.tMs >= fromMs && e.tMs <= atMs);
}

/** The one of several objects of a name that existed at `atMs` (one deleted and made again), or why none did. */
export function existingAt<T extends { readonly createdMs: number; readonly deletedMs?: number }>(records: readonly T[], ref: string, atMs: number, when: string): T | { readonly problem: string } {
  const record = records.filter((r) => r.createdMs <= atMs).at(-1);
  if (record === undefined) return { problem: `${ref} was created at +${formatDuration(records[0]?.createdMs ?? 0)}, after ${when}` };
  if (record.deletedMs !== undefined && record.deletedMs <= atMs) return { problem: `${ref} was deleted at +${formatDuration(record.deletedMs)}, before ${when}` };
  return record;
}
