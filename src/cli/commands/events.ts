/**
 * `kubesim events <report dir> [--for KIND/NAME] [--namespace NS]
 * [--since TIME] [--until TIME]`: a run's events.jsonl, with the pod Ready
 * and deletion lines derived from the pod timelines (pods.jsonl), printed
 * as `kubectl get events --sort-by=.lastTimestamp` would
 * (src/report/text/event-log.ts). report.json gives the ReplicaSets.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../engine/time.js';
import { derivedPodEvents, eventFilter, mergeEvents, renderEvents, type EventFilter, type EventLogReport, type LoggedEvent } from '../../report/text/event-log.js';
import type { PodRecord } from '../../metrics/types.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.js';
import { forEachLine } from '../read-lines.js';

/** Printed for --help and with a bad argument: the options in detail. */
export const EVENTS_USAGE = `Usage: kubesim events <report dir> [--for KIND/NAME] [--namespace NS] [--since TIME] [--until TIME]

Prints a run's events (DIR/events.jsonl) oldest first, as
kubectl get events --sort-by=.lastTimestamp would: simulated time (+1m20s),
type, reason, object, source and message. Lines with source "kubesim" are
not Kubernetes Events: kubesim derives them from the pod timelines in
DIR/pods.jsonl (PodReady, PodTerminating, PodDeleted).

  --for KIND/NAME   only this object: deployment/web (with its ReplicaSets,
                    their pods and the scenario's actions on it), pod/NAME,
                    replicaset/NAME, node/NAME, service/NAME, ...
  --namespace NS    namespace of --for (default: default)
  --since TIME      from this simulated time on (30s, 2m, 1h30m)
  --until TIME      up to this simulated time (inclusive)`;

/** Bad arguments or an unreadable report folder: exit 2 with the usage. */
export class EventsInputError extends Error {}

export function parseTime(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new EventsInputError(`${option} expects a simulated time such as 30s, 2m or 1h30m, got "${text}" (${parsed.reason})`);
  return parsed.ms;
}

function parseObject(text: string | undefined): EventFilter['object'] {
  if (text === undefined) return undefined;
  const match = /^([A-Za-z]+)\/(.+)$/.exec(text);
  if (match === null) throw new EventsInputError(`--for expects KIND/NAME such as deployment/web, got "${text}"`);
  return { kind: (match[1] as string).toLowerCase(), name: match[2] as string };
}

/** The report folder: the argument itself, or the folder of a report.json / events.jsonl named directly. */
export function reportFolder(path: string): string {
  if (!existsSync(path)) throw new EventsInputError(`${path}: no such report folder (kubesim run writes one, by default reports/<scenario name>)`);
  return statSync(path).isDirectory() ? path : dirname(path);
}

/** The objects of a JSON-lines file, each checked by `row` (which names what a line needs) and kept when `keep` says so. */
function readLines<T>(file: string, what: string, row: (value: Record<string, unknown>) => T | string, keep: (object: T) => boolean = () => true): T[] {
  if (!existsSync(file)) throw new EventsInputError(`${file}: not found (is this a folder kubesim run wrote?)`);
  const objects: T[] = [];
  forEachLine(file, (line, lineNumber) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new EventsInputError(`${file}:${lineNumber}: not a JSON ${what} line (${(error as Error).message})`);
    }
    const parsed = typeof value === 'object' && value !== null ? row(value as Record<string, unknown>) : `a ${what} line is a JSON object`;
    if (typeof parsed === 'string') throw new EventsInputError(`${file}:${lineNumber}: ${parsed}`);
    if (keep(parsed)) objects.push(parsed);
  });
  return objects;
}

/** A run's events.jsonl; only the events `keep` takes are held (`kubesim events --for` at 150,000 pods reads millions of lines). */
export function readEvents(file: string, keep?: (event: LoggedEvent) => boolean): LoggedEvent[] {
  return readLines(file, 'event', (value) => {
    const e = value as Partial<LoggedEvent>;
    if (typeof e.tMs !== 'number' || typeof e.kind !== 'string' || typeof e.name !== 'string' || typeof e.reason !== 'string') {
      return 'an event needs tMs (number), kind, name and reason (strings)';
    }
    return { tMs: e.tMs, type: e.type ?? 'Normal', reason: e.reason, kind: e.kind, namespace: e.namespace ?? null, name: e.name, message: e.message ?? '', source: e.source ?? '' };
  }, keep);
}

/** A run's pods.jsonl: the pod timelines. */
export function readPods(file: string): PodRecord[] {
  return readLines(file, 'pod', (value) => {
    const p = value as unknown as PodRecord;
    if (typeof p.name !== 'string' || typeof p.namespace !== 'string') return 'a pod needs name and namespace (strings)';
    return p;
  });
}

function readReplicaSets(file: string): EventLogReport['replicaSets'] {
  if (!existsSync(file)) throw new EventsInputError(`${file}: not found (it names the ReplicaSets)`);
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EventsInputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const r = report as { schemaVersion?: unknown; replicaSets?: unknown };
  if (!Array.isArray(r.replicaSets)) throw new EventsInputError(`${file}: not a kubesim report (no replicaSets[])`);
  if (r.schemaVersion === 1) throw new EventsInputError(`${file}: a report of schema version 1 (pod timelines inside report.json); run the scenario again with this kubesim to get pods.jsonl`);
  return r.replicaSets as EventLogReport['replicaSets'];
}

export function eventsCommand(args: string[]): number {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      // main.ts leaves --help to this command (OWN_HELP): its usage details every option.
      options: { for: { type: 'string' }, namespace: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      process.stdout.write(`${EVENTS_USAGE}\n`);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new EventsInputError('events expects exactly one report folder');
    const object = parseObject(values.for);
    const sinceMs = parseTime('--since', values.since);
    const untilMs = parseTime('--until', values.until);
    const filter: EventFilter = {
      ...(object === undefined ? {} : { object }),
      ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
      ...(sinceMs === undefined ? {} : { sinceMs }),
      ...(untilMs === undefined ? {} : { untilMs }),
    };
    const folder = reportFolder(positionals[0] as string);
    const report: EventLogReport = { replicaSets: readReplicaSets(join(folder, 'report.json')), pods: readPods(join(folder, 'pods.jsonl')) };
    // The filter looks at one event at a time and the merge keeps each side's order, so filtering before merging gives the same lines.
    const keep = eventFilter(filter, report);
    const events = mergeEvents(readEvents(join(folder, 'events.jsonl'), keep), derivedPodEvents(report).filter(keep));
    process.stdout.write(renderEvents(events));
    return EXIT_OK;
  } catch (error) {
    const known = error instanceof EventsInputError || (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true);
    if (!known) throw error;
    process.stderr.write(`kubesim events: ${error.message}\n\n${EVENTS_USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
}
