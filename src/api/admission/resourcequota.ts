/**
 * ResourceQuota admission (k/k plugin/pkg/admission/resourcequota
 * controller.go checkRequest): for each quota of the namespace that
 * matches the new object, the object must state the compute resources the
 * quota tracks (`failed quota: q: must specify ...`), the quota's usage
 * must be known (`status unknown for quota: ...`), and used + requested
 * must stay within status.hard for every resource requested (`exceeded
 * quota: q, requested: ..., used: ..., limited: ...`). When every quota
 * admits it, the API server writes the new usage into each quota's
 * status.used at once, before any controller resyncs. Only creates are
 * charged here (kubesim has no in-place pod resize).
 */
import type { KubeObject } from '../types/meta.js';
import type { Pod } from '../types/pod.js';
import type { ResourceQuota } from '../types/quota.js';
import { formatMilli, isBinaryText, milliOf } from '../quantity-compare.js';
import { matchingResources, MUST_SPECIFY, quotaMatches, usageOf, type Usage } from './quota-usage.js';

export type QuotaAdmission = { readonly ok: true; readonly charged: ReadonlyArray<{ readonly quota: ResourceQuota; readonly used: Record<string, string> }> } | { readonly ok: false; readonly reason: string };

type List = Readonly<Record<string, string | number>>;

function sorted(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** prettyPrint: `name=quantity` pairs by name, comma-separated. */
function prettyPrint(entries: ReadonlyArray<[string, string]>): string {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
}

/** The compute resources some container does not state (podEvaluator.Constraints). */
function missingResources(pod: Pod, tracked: readonly string[]): string[] {
  const required = tracked.filter((name) => MUST_SPECIFY.includes(name));
  const missing = new Set<string>();
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const name of required) {
      const resource = name.includes('.') ? name.slice(name.indexOf('.') + 1) : name;
      const has = name.startsWith('limits.') ? limits[resource] !== undefined : requests[resource] !== undefined;
      if (!has) missing.add(name);
    }
  }
  return sorted(missing);
}

function text(name: string, milli: bigint, like: List | undefined): string {
  const written = like?.[name];
  return formatMilli(milli, written !== undefined && isBinaryText(written));
}

/** checkRequest for a create of `object`, given the namespace's quotas in order. */
export function admitQuota(object: KubeObject, quotas: readonly ResourceQuota[], nowMs: number): QuotaAdmission {
  const interesting: Array<{ quota: ResourceQuota; hard: List; used: List }> = [];
  for (const quota of quotas) {
    const hard: List = quota.status?.hard ?? {};
    if (!quotaMatches(quota, Object.keys(hard), object)) continue;
    const tracked = matchingResources(object, Object.keys(hard));
    if (object.kind === 'Pod') {
      const missing = missingResources(object as Pod, tracked);
      if (missing.length > 0) return { ok: false, reason: `failed quota: ${quota.metadata.name}: must specify ${missing.join(',')}` };
    }
    const used: List = quota.status?.used ?? {};
    const unknown = tracked.filter((name) => used[name] === undefined);
    if (unknown.length > 0) return { ok: false, reason: `status unknown for quota: ${quota.metadata.name}, resources: ${sorted(tracked).join(',')}` };
    interesting.push({ quota, hard, used });
  }
  const delta: Usage = usageOf(object, nowMs);
  if (interesting.length === 0 || [...delta.values()].every((v) => v === 0n)) return { ok: true, charged: [] };
  const charged: Array<{ quota: ResourceQuota; used: Record<string, string> }> = [];
  for (const { quota, hard, used } of interesting) {
    const requested = [...delta].filter(([name]) => hard[name] !== undefined);
    const exceeded = requested.filter(([name, amount]) => (milliOf(used[name] as string) ?? 0n) + amount > (milliOf(hard[name] as string) ?? 0n)).map(([name]) => name);
    if (exceeded.length > 0) {
      const pick = (f: (name: string) => string) => prettyPrint(exceeded.map((name) => [name, f(name)]));
      return {
        ok: false,
        reason: `exceeded quota: ${quota.metadata.name}, requested: ${pick((n) => text(n, delta.get(n) as bigint, hard))}, used: ${pick((n) => text(n, milliOf(used[n] as string) ?? 0n, hard))}, limited: ${pick((n) => text(n, milliOf(hard[n] as string) ?? 0n, hard))}`,
      };
    }
    const next: Record<string, string> = Object.fromEntries(Object.entries(used).map(([k, v]) => [k, String(v)]));
    for (const [name, amount] of requested) next[name] = text(name, (milliOf(used[name] as string) ?? 0n) + amount, hard);
    charged.push({ quota, used: next });
  }
  return { ok: true, charged };
}
