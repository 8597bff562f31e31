/**
 * LimitRanger admission for pods (k/k plugin/pkg/admission/limitranger
 * admission.go). Mutation: each container (and init container) without a
 * request or limit for a resource gets the Container items' defaultRequest
 * and default (defaultContainerResourceRequirements,
 * mergeContainerResources), and the pod is annotated with what was set.
 * Validation: every Container item's min, max and maxLimitRequestRatio
 * against each container, every Pod item's against the pod's sums
 * (PodValidateLimitFunc), with upstream's messages, all errors of all
 * LimitRanges joined as utilerrors.NewAggregate does. Go iterates a
 * ResourceList map in random order; kubesim checks resources by name.
 */
import { milliOf, formatMilli, isBinaryText } from '../quantity-compare.js';
import type { LimitRange, LimitRangeItem } from '../types/quota.js';
import type { Container, PodSpec, ResourceList } from '../types/pod.js';

type Json = Record<string, unknown>;

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

function sortedEntries(list: ResourceList | undefined): Array<[string, string | number]> {
  return Object.entries(list ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A quantity as resource.Quantity's String() prints it. */
export function quantityText(value: string | number): string {
  const milli = milliOf(value);
  return milli === undefined ? String(value) : formatMilli(milli, isBinaryText(value));
}

function defaultsOf(limitRange: LimitRange): { requests: Json; limits: Json } {
  const requests: Json = {};
  const limits: Json = {};
  for (const item of limitRange.spec.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

function mergeContainer(container: Json, defaults: { requests: Json; limits: Json }, prefix: string, notes: string[]): void {
  const resources = (typeof container.resources === 'object' && container.resources !== null ? container.resources : (container.resources = {})) as Json;
  const limits = (resources.limits ??= {}) as Json;
  const requests = (resources.requests ??= {}) as Json;
  const setLimits = Object.keys(defaults.limits).filter((k) => limits[k] === undefined).sort();
  const setRequests = Object.keys(defaults.requests).filter((k) => requests[k] === undefined).sort();
  for (const k of setLimits) limits[k] = defaults.limits[k];
  for (const k of setRequests) requests[k] = defaults.requests[k];
  if (setRequests.length > 0) notes.push(`${setRequests.join(', ')} request for ${prefix} ${String(container.name)}`);
  if (setLimits.length > 0) notes.push(`${setLimits.join(', ')} limit for ${prefix} ${String(container.name)}`);
}

/** PodMutateLimitFunc for each LimitRange of the namespace, on the pod draft being admitted. */
export function applyLimitRangeDefaults(pod: Json, limitRanges: readonly LimitRange[]): void {
  const spec = pod.spec as Json | undefined;
  if (spec === undefined || typeof spec !== 'object') return;
  for (const limitRange of limitRanges) {
    const defaults = defaultsOf(limitRange);
    if (Object.keys(defaults.requests).length === 0 && Object.keys(defaults.limits).length === 0) continue;
    const notes: string[] = [];
    for (const c of Array.isArray(spec.containers) ? spec.containers : []) if (typeof c === 'object' && c !== null) mergeContainer(c as Json, defaults, 'container', notes);
    for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) if (typeof c === 'object' && c !== null) mergeContainer(c as Json, defaults, 'init container', notes);
    if (notes.length === 0) continue;
    const metadata = pod.metadata as Json;
    metadata.annotations = { ...(metadata.annotations as Json | undefined), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

/** minConstraint: request required and at least min; a limit, if any, at least min. */
function minConstraint(type: string, name: string, enforced: string | number, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests[name];
  const limit = limits[name];
  const bound = milliOf(enforced) as bigint;
  if (request === undefined) return `minimum ${name} usage per ${type} is ${quantityText(enforced)}.  No request is specified`;
  if ((milliOf(request) as bigint) < bound) return `minimum ${name} usage per ${type} is ${quantityText(enforced)}, but request is ${quantityText(request)}`;
  if (limit !== undefined && (milliOf(limit) as bigint) < bound) return `minimum ${name} usage per ${type} is ${quantityText(enforced)}, but limit is ${quantityText(limit)}`;
  return undefined;
}

/** maxConstraint: a limit required and at most max; a request, if any, at most max. */
function maxConstraint(type: string, name: string, enforced: string | number, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests[name];
  const limit = limits[name];
  const bound = milliOf(enforced) as bigint;
  if (limit === undefined) return `maximum ${name} usage per ${type} is ${quantityText(enforced)}.  No limit is specified`;
  if ((milliOf(limit) as bigint) > bound) return `maximum ${name} usage per ${type} is ${quantityText(enforced)}, but limit is ${quantityText(limit)}`;
  if (request !== undefined && (milliOf(request) as bigint) > bound) return `maximum ${name} usage per ${type} is ${quantityText(enforced)}, but request is ${quantityText(request)}`;
  return undefined;
}

/** limitRequestRatioConstraint: limit / request at most the ratio; both must be set and non-zero. */
function ratioConstraint(type: string, name: string, enforced: string | number, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests[name] === undefined ? 0n : (milliOf(requests[name] as string) as bigint);
  const limit = limits[name] === undefined ? 0n : (milliOf(limits[name] as string) as bigint);
  if (request === 0n) return `${name} max limit to request ratio per ${type} is ${quantityText(enforced)}, but no request is specified or request is 0`;
  if (limit === 0n) return `${name} max limit to request ratio per ${type} is ${quantityText(enforced)}, but no limit is specified or limit is 0`;
  // limit / request > ratio, compared exactly: limit × 1000 > ratio(milli) × request.
  const ratioMilli = milliOf(enforced) as bigint;
  if (limit * 1000n > ratioMilli * request) return `${name} max limit to request ratio per ${type} is ${quantityText(enforced)}, but provided ratio is ${(Number(limit) / Number(request)).toFixed(6)}`;
  return undefined;
}

function checkItem(item: LimitRangeItem, requests: ResourceList, limits: ResourceList, errors: string[]): void {
  for (const [name, bound] of sortedEntries(item.min)) pushIf(errors, minConstraint(item.type, name, bound, requests, limits));
  for (const [name, bound] of sortedEntries(item.max)) pushIf(errors, maxConstraint(item.type, name, bound, requests, limits));
  for (const [name, ratio] of sortedEntries(item.maxLimitRequestRatio)) pushIf(errors, ratioConstraint(item.type, name, ratio, requests, limits));
}

function pushIf(errors: string[], error: string | undefined): void {
  if (error !== undefined) errors.push(error);
}

/** A pod's sum of one side (requests or limits): containers add up, each init container counts as a maximum (limitranger podRequests/podLimits). */
function podSum(spec: PodSpec, side: 'requests' | 'limits'): Record<string, string> {
  const total = new Map<string, bigint>();
  const binary = new Map<string, boolean>();
  const note = (name: string, value: string | number) => { if (!binary.has(name)) binary.set(name, isBinaryText(value)); };
  for (const c of spec.containers) for (const [name, value] of Object.entries(c.resources?.[side] ?? {})) {
    total.set(name, (total.get(name) ?? 0n) + (milliOf(value) ?? 0n));
    note(name, value);
  }
  for (const c of spec.initContainers ?? []) for (const [name, value] of Object.entries(c.resources?.[side] ?? {})) {
    const amount = milliOf(value) ?? 0n;
    if (amount > (total.get(name) ?? 0n)) total.set(name, amount);
    note(name, value);
  }
  return Object.fromEntries([...total].map(([name, milli]) => [name, formatMilli(milli, binary.get(name) ?? false)]));
}

/** PodValidateLimitFunc over every LimitRange of the namespace: the reasons the pod is refused, empty when it is admitted. */
export function limitRangeViolations(spec: PodSpec, limitRanges: readonly LimitRange[]): string[] {
  const errors: string[] = [];
  const containers: readonly Container[] = [...spec.containers, ...(spec.initContainers ?? [])];
  for (const limitRange of limitRanges) {
    for (const item of limitRange.spec.limits ?? []) {
      if (item.type === 'Container') {
        for (const c of containers) checkItem(item, c.resources?.requests ?? {}, c.resources?.limits ?? {}, errors);
      } else if (item.type === 'Pod') {
        checkItem(item, podSum(spec, 'requests'), podSum(spec, 'limits'), errors);
      }
    }
  }
  return errors;
}

/** utilerrors.NewAggregate's text: one error as is, several in brackets. */
export function aggregateText(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`;
}
