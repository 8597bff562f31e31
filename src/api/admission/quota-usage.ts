/**
 * What an object counts against a ResourceQuota (k/k pkg/quota/v1/evaluator/core
 * pods.go PodUsageFunc, QuotaV1Pod, podMatchesScopeFunc; generic object
 * counts from pkg/quota/v1/generic): amounts in thousandths by resource
 * name. A pod counts `pods`, `count/pods`, its requests as `requests.<r>`
 * (and the `cpu` / `memory` / `ephemeral-storage` shorthands) and its
 * limits as `limits.<r>`; a terminal pod, or one past its deletion grace
 * period, counts only `count/pods`. Every object counts
 * `count/<resource>[.<group>]`, and the legacy object counts (`services`,
 * `configmaps`, ...) for their kinds.
 */
import { labelRequirementMatches } from '../labels.js';
import { milliOf } from '../quantity-compare.js';
import type { KubeObject } from '../types/meta.js';
import type { Container, Pod, PodSpec } from '../types/pod.js';
import type { ResourceQuota, ScopedResourceSelectorRequirement } from '../types/quota.js';
import { groupResource } from './forbidden.js';

export type Usage = Map<string, bigint>;

/** Object counts quota names without `count/` (core/v1 ResourceServices, ...). */
const LEGACY_COUNTS: Readonly<Record<string, string>> = {
  Service: 'services',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
  Secret: 'secrets',
  ConfigMap: 'configmaps',
  PersistentVolumeClaim: 'persistentvolumeclaims',
};

/** Whether a quota resource counts objects of some kind other than Pod. */
export function countsOtherObjects(name: string): boolean {
  return (name.startsWith('count/') && name !== 'count/pods') || Object.values(LEGACY_COUNTS).includes(name);
}

/** Compute resources a container must state when a quota tracks them (pods.go validationSet). */
export const MUST_SPECIFY = ['cpu', 'limits.cpu', 'limits.memory', 'memory', 'requests.cpu', 'requests.memory'];

const ONE = 1000n;

function addList(total: Usage, list: Readonly<Record<string, string | number>> | undefined): void {
  for (const [name, value] of Object.entries(list ?? {})) total.set(name, (total.get(name) ?? 0n) + (milliOf(value) ?? 0n));
}

/**
 * A pod's requests or limits by resource (resourcehelper.PodRequests /
 * PodLimits): containers and sidecars (restartable init containers) add up,
 * each other init container counts as a maximum; overhead adds to requests.
 */
function podResources(spec: PodSpec, side: 'requests' | 'limits'): Usage {
  const total: Usage = new Map();
  for (const c of spec.containers) addList(total, c.resources?.[side]);
  const sidecars: Usage = new Map();
  const initMax: Usage = new Map();
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      addList(total, c.resources?.[side]);
      addList(sidecars, c.resources?.[side]);
      continue;
    }
    const withSidecars: Usage = new Map(sidecars);
    addList(withSidecars, c.resources?.[side]);
    for (const [name, amount] of withSidecars) if (amount > (initMax.get(name) ?? 0n)) initMax.set(name, amount);
  }
  for (const [name, amount] of initMax) if (amount > (total.get(name) ?? 0n)) total.set(name, amount);
  if (side === 'requests') addList(total, spec.overhead);
  const podLevel = spec.resources?.[side];
  if (podLevel !== undefined) for (const name of ['cpu', 'memory']) if (podLevel[name] !== undefined) total.set(name, milliOf(podLevel[name] as string) ?? 0n);
  return total;
}

/** QuotaV1Pod: terminal pods, and pods past deletionTimestamp + grace period, are not charged compute resources. */
export function podChargedAt(pod: Pod, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deletion = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  return !(deletion !== undefined && grace !== undefined && nowMs > deletion + grace * 1000);
}

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** PodUsageFunc. */
export function podUsage(pod: Pod, nowMs: number): Usage {
  const usage: Usage = new Map([['count/pods', ONE]]);
  if (!podChargedAt(pod, nowMs)) return usage;
  usage.set('pods', ONE);
  for (const [name, amount] of podResources(pod.spec, 'requests')) {
    if (STANDARD.has(name)) usage.set(name, amount);
    usage.set(`requests.${name}`, amount);
  }
  for (const [name, amount] of podResources(pod.spec, 'limits')) if (STANDARD.has(name)) usage.set(`limits.${name}`, amount);
  return usage;
}

/** The object count every object of a kind has, and the legacy name for a few core kinds. */
export function objectUsage(object: KubeObject): Usage {
  const usage: Usage = new Map([[`count/${groupResource(object.kind, object.apiVersion)}`, ONE]]);
  const legacy = LEGACY_COUNTS[object.kind];
  if (legacy !== undefined) usage.set(legacy, ONE);
  return usage;
}

export function usageOf(object: KubeObject, nowMs: number): Usage {
  return object.kind === 'Pod' ? podUsage(object as Pod, nowMs) : objectUsage(object);
}

/** Which of `hard`'s resources the evaluator for this object's kind tracks (MatchingResources). */
export function matchingResources(object: KubeObject, hard: readonly string[]): string[] {
  if (object.kind !== 'Pod') {
    const own = objectUsage(object);
    return hard.filter((name) => own.has(name));
  }
  return hard.filter((name) => name === 'pods' || name === 'count/pods' || STANDARD.has(name) || name.startsWith('requests.') || name === 'limits.cpu' || name === 'limits.memory' || name === 'limits.ephemeral-storage');
}

function hasComputeResources(containers: readonly Container[]): boolean {
  for (const c of containers) {
    for (const side of ['requests', 'limits'] as const) {
      for (const name of ['cpu', 'memory']) {
        const value = c.resources?.[side]?.[name];
        if (value !== undefined && (milliOf(value) ?? 0n) > 0n) return true;
      }
    }
  }
  return false;
}

/** The scope selector a quota's spec.scopes and spec.scopeSelector amount to (getScopeSelectorsFromQuota). */
export function scopeSelectorsOf(quota: ResourceQuota): ScopedResourceSelectorRequirement[] {
  return [...(quota.spec.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' as const })), ...(quota.spec.scopeSelector?.matchExpressions ?? [])];
}

/** podMatchesScopeFunc for one requirement. */
function podMatchesScope(pod: Pod, selector: ScopedResourceSelectorRequirement): boolean {
  const spec = pod.spec;
  const terminating = spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds >= 0;
  const bestEffort = !hasComputeResources([...spec.containers, ...(spec.initContainers ?? [])]);
  switch (selector.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return bestEffort;
    case 'NotBestEffort':
      return !bestEffort;
    case 'PriorityClass':
      // Exists asks for a class name; the other operators read the name as
      // the value of a label "PriorityClass" the pod always has (even empty).
      if (selector.operator === 'Exists') return (spec.priorityClassName ?? '') !== '';
      return labelRequirementMatches({ key: 'PriorityClass', operator: selector.operator, values: selector.values ?? [] }, { PriorityClass: spec.priorityClassName ?? '' });
    default:
      return false;
  }
}

/**
 * Whether the quota applies to the object (generic.Matches): of `hard`
 * (status.hard at admission, spec.hard in the controller) it tracks some
 * resource of the object's kind, and the object is in every scope of the
 * quota (only pods are ever in a scope).
 */
export function quotaMatches(quota: ResourceQuota, hard: readonly string[], object: KubeObject): boolean {
  if (matchingResources(object, hard).length === 0) return false;
  const selectors = scopeSelectorsOf(quota);
  if (selectors.length === 0) return true;
  if (object.kind !== 'Pod') return false;
  return selectors.every((s) => podMatchesScope(object as Pod, s));
}
