/**
 * When a ResourceQuota kept a controller from creating pods: from the first
 * FailedCreate event whose error is the quota admission's "exceeded quota"
 * (plugin/pkg/admission/resourcequota controller.go) until the next
 * SuccessfulCreate of the same object, or the end. A ReplicaSet owned by a
 * Deployment is reported under the Deployment, as its rollout is what waits.
 * Events are in time order (the recorder's), so episodes are too.
 */
import type { EventRecord, ReplicaSetRecord } from '../metrics/types.js';

export interface QuotaBlockedResource {
  readonly name: string;
  readonly used: string;
  readonly limited: string;
}

export interface QuotaBlock {
  /** `namespace/name` of the Deployment, or of the controller itself. */
  readonly workload: string;
  /** Deployment, or the kind of the controller that got the refusals (ReplicaSet, Job, ...). */
  readonly kind: string;
  readonly quota: string;
  /** The resources the first refusal exceeded, as used / limited then. */
  readonly resources: readonly QuotaBlockedResource[];
  readonly fromMs: number;
  /** The next successful create, or null if none came before the end. */
  readonly resumedMs: number | null;
  readonly refusals: number;
}

const EXCEEDED = /exceeded quota: ([^,]+), requested: (\S*), used: (\S*), limited: (\S*)$/;

function pairs(list: string): Map<string, string> {
  return new Map(list.split(',').map((pair) => {
    const eq = pair.indexOf('=');
    return [pair.slice(0, eq), pair.slice(eq + 1)] as [string, string];
  }));
}

export function quotaBlocks(events: readonly EventRecord[], replicaSets: readonly ReplicaSetRecord[]): QuotaBlock[] {
  const ownerOf = new Map(replicaSets.filter((rs) => rs.owner !== undefined).map((rs) => [`${rs.namespace}/${rs.name}`, rs.owner as string]));
  const open = new Map<string, { block: Omit<QuotaBlock, 'resumedMs' | 'refusals'>; refusals: number }>();
  const blocks: QuotaBlock[] = [];
  for (const event of events) {
    const key = `${event.kind}/${event.namespace ?? ''}/${event.name}`;
    if (event.reason === 'SuccessfulCreate') {
      const episode = open.get(key);
      if (episode !== undefined) {
        blocks.push({ ...episode.block, resumedMs: event.tMs, refusals: episode.refusals });
        open.delete(key);
      }
      continue;
    }
    if (event.reason !== 'FailedCreate') continue;
    const match = EXCEEDED.exec(event.message);
    if (match === null) continue;
    const episode = open.get(key);
    if (episode !== undefined) {
      episode.refusals++;
      continue;
    }
    const [, quota, , used, limited] = match as unknown as [string, string, string, string, string];
    const usedBy = pairs(used);
    const resources = [...pairs(limited)].map(([name, hard]) => ({ name, used: usedBy.get(name) ?? '?', limited: hard }));
    const namespace = event.namespace ?? 'default';
    // The recorder keeps a ReplicaSet's controller as `Kind/name`.
    const owner = event.kind === 'ReplicaSet' ? ownerOf.get(`${namespace}/${event.name}`)?.split('/') : undefined;
    open.set(key, {
      block: { workload: `${namespace}/${owner?.[1] ?? event.name}`, kind: owner?.[0] ?? event.kind, quota, resources, fromMs: event.tMs },
      refusals: 1,
    });
  }
  for (const { block, refusals } of open.values()) blocks.push({ ...block, resumedMs: null, refusals });
  return blocks.sort((a, b) => a.fromMs - b.fromMs || (a.workload < b.workload ? -1 : a.workload > b.workload ? 1 : 0));
}
