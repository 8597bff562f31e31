/**
 * The story of a run as `kubectl get events --sort-by=.lastTimestamp`
 * prints it: simulated time (`+1m20s`), type, reason, object
 * (`deployment/web`), source and message, oldest first. Kubernetes
 * records no Event when a pod turns Ready or its object is removed, so
 * those lines are derived from the pod timelines in report.json and marked
 * with the source `kubesim` (not a Kubernetes component).
 */
import { formatDuration } from '../../engine/time.js';

/** One line of events.jsonl (src/cli/output.ts). */
export interface LoggedEvent {
  readonly tMs: number;
  readonly type: string;
  readonly reason: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly message: string;
  readonly source: string;
}

/** What the log needs from report.json: pod timelines and which ReplicaSets a Deployment owns. */
export interface EventLogReport {
  readonly pods: ReadonlyArray<{
    readonly name: string;
    readonly namespace: string;
    readonly owner?: string;
    readonly node?: string;
    readonly readyMs?: number;
    readonly terminatingMs?: number;
    readonly deletedMs?: number;
  }>;
  readonly replicaSets: ReadonlyArray<{ readonly name: string; readonly namespace: string; readonly owner?: string }>;
}

export const KUBESIM_SOURCE = 'kubesim';

/** Pod Ready, deletion requested and object removed, from the pod timelines. */
export function derivedPodEvents(report: EventLogReport): LoggedEvent[] {
  const pod = (p: EventLogReport['pods'][number], tMs: number, reason: string, message: string): LoggedEvent =>
    ({ tMs, type: 'Normal', reason, kind: 'Pod', namespace: p.namespace, name: p.name, message, source: KUBESIM_SOURCE });
  return report.pods.flatMap((p) => [
    ...(p.readyMs === undefined ? [] : [pod(p, p.readyMs, 'PodReady', `Pod is Ready${p.node === undefined ? '' : ` on ${p.node}`} (condition Ready=True)`)]),
    ...(p.terminatingMs === undefined || p.terminatingMs === p.deletedMs ? [] : [pod(p, p.terminatingMs, 'PodTerminating', 'Deletion requested (deletionTimestamp set); containers get their grace period')]),
    ...(p.deletedMs === undefined ? [] : [pod(p, p.deletedMs, 'PodDeleted', 'Pod object removed from the API')]),
  ]);
}

/** Kubernetes' events and the derived ones, by time; at one instant Kubernetes' come first, each in its own order. */
export function mergeEvents(recorded: readonly LoggedEvent[], derived: readonly LoggedEvent[]): LoggedEvent[] {
  const all = [...recorded.map((e, i) => ({ e, rank: 0, i })), ...derived.map((e, i) => ({ e, rank: 1, i }))];
  all.sort((a, b) => a.e.tMs - b.e.tMs || a.rank - b.rank || a.i - b.i);
  return all.map((x) => x.e);
}

export interface EventFilter {
  /** `kind/name` as kubectl writes it (`deployment/web`, `pod/web-7d9f-x2k4p`, `node/worker-2`). */
  readonly object?: { readonly kind: string; readonly name: string };
  readonly namespace?: string;
  readonly sinceMs?: number;
  readonly untilMs?: number;
}

/** kubectl's object reference: the kind in lower case, a slash, the name. */
export function objectRef(e: LoggedEvent): string {
  return `${e.kind.toLowerCase()}/${e.name}`;
}

/**
 * The objects a filter covers: the object itself, and for a Deployment its
 * ReplicaSets and their pods (what `kubectl describe deployment` and the
 * describe of each ReplicaSet show between them).
 */
function coveredObjects(filter: NonNullable<EventFilter['object']>, namespace: string, report: EventLogReport): Set<string> {
  const covered = new Set([`${filter.kind}/${filter.name}`]);
  if (filter.kind !== 'deployment') return covered;
  const owned = new Set(report.replicaSets.filter((rs) => rs.namespace === namespace && rs.owner === `Deployment/${filter.name}`).map((rs) => rs.name));
  for (const rs of owned) covered.add(`replicaset/${rs}`);
  for (const pod of report.pods) {
    if (pod.namespace === namespace && pod.owner?.startsWith('ReplicaSet/') === true && owned.has(pod.owner.slice('ReplicaSet/'.length))) covered.add(`pod/${pod.name}`);
  }
  return covered;
}

/** Whether one event passes `filter`: the time window, and the object's story when `filter.object` is given. */
export function eventFilter(filter: EventFilter, report: EventLogReport): (e: LoggedEvent) => boolean {
  const namespace = filter.namespace ?? 'default';
  const covered = filter.object === undefined ? undefined : coveredObjects(filter.object, namespace, report);
  const mention = filter.object === undefined ? undefined : `${filter.object.kind}/${filter.object.name}`;
  // The scenario's own kubectl actions on the object ("scale deployment/web --replicas=3") belong to its story.
  const mentioned = mention === undefined ? undefined : new RegExp(`(^|\\s)${mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
  return (e) => {
    if (filter.sinceMs !== undefined && e.tMs < filter.sinceMs) return false;
    if (filter.untilMs !== undefined && e.tMs > filter.untilMs) return false;
    if (covered === undefined || mentioned === undefined) return true;
    if (e.kind === 'Scenario') return mentioned.test(e.message);
    const inNamespace = e.namespace === null || e.namespace === namespace;
    return inNamespace && covered.has(objectRef(e));
  };
}

/** The table, columns aligned as kubectl aligns them; the message is last and not padded. */
export function renderEvents(events: readonly LoggedEvent[]): string {
  const rows = [['TIME', 'TYPE', 'REASON', 'OBJECT', 'SOURCE', 'MESSAGE'], ...events.map((e) => [`+${formatDuration(e.tMs)}`, e.type, e.reason, objectRef(e), e.source, e.message])];
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((r) => (r[c] as string).length)));
  return rows.map((r) => r.map((cell, c) => (c < widths.length ? cell.padEnd(widths[c] as number) : cell)).join('   ').trimEnd()).join('\n') + '\n';
}
