/**
 * Admission on create: the mutating plugins kubesim reproduces, in the API
 * server's order after defaulting.
 * - Priority: resolves spec.priority from priorityClassName.
 * - DefaultTolerationSeconds: adds not-ready / unreachable NoExecute
 *   tolerations of 300 s (k/k plugin/pkg/admission/defaulttolerationseconds
 *   admission.go).
 */
import { apiError, type ApiError } from './api-error.js';
import type { Toleration } from './types/pod.js';

type Json = Record<string, unknown>;

export const DEFAULT_TOLERATION_SECONDS = 300;
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

/** The built-in PriorityClasses every cluster has. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
};

function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some(
    (t) => (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute') &&
      (t.key === key || ((t.key === undefined || t.key === '') && t.operator === 'Exists')),
  );
}

/**
 * The tolerations this plugin adds, made once per seconds value and shared
 * by every pod (stored objects never change, src/scheduler/README.md rule
 * 1): most pods have no tolerations of their own, and a copy of the same
 * two per pod was about 150 B of every live pod.
 */
const defaultsBySeconds = new Map<number, readonly Toleration[]>();

function defaultTolerations(seconds: number): readonly Toleration[] {
  let defaults = defaultsBySeconds.get(seconds);
  if (defaults === undefined) {
    defaults = Object.freeze([TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE].map((key) => Object.freeze({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds })));
    defaultsBySeconds.set(seconds, defaults);
  }
  return defaults;
}

function addDefaultTolerations(spec: Json, seconds: number): void {
  const own = (spec.tolerations as Toleration[] | undefined) ?? [];
  const defaults = defaultTolerations(seconds);
  if (own.length === 0) {
    spec.tolerations = defaults;
    return;
  }
  const tolerations = [...own];
  for (const toleration of defaults) {
    if (!tolerates(tolerations, toleration.key as string)) tolerations.push(toleration);
  }
  spec.tolerations = tolerations;
}

/** Looks up a PriorityClass value by name; undefined when there is none. */
export type PriorityClassLookup = (name: string) => { value: number; preemptionPolicy?: string } | undefined;
/** The value of the globalDefault PriorityClass, if one exists. */
export type GlobalDefaultPriority = () => { name: string; value: number } | undefined;

function resolvePriority(spec: Json, lookup: PriorityClassLookup, globalDefault: GlobalDefaultPriority): ApiError | undefined {
  const className = spec.priorityClassName as string | undefined;
  if (className === undefined || className === '') {
    const fallback = globalDefault();
    if (fallback !== undefined) spec.priorityClassName = fallback.name;
    if (spec.priority === undefined) spec.priority = fallback?.value ?? 0;
    return undefined;
  }
  const system = SYSTEM_PRIORITY_CLASSES[className];
  const found = system !== undefined ? { value: system } : lookup(className);
  if (found === undefined) return apiError('Forbidden', `pods is forbidden: no PriorityClass with name ${className} was found`);
  spec.priority = found.value;
  if (spec.preemptionPolicy === undefined) spec.preemptionPolicy = found.preemptionPolicy ?? 'PreemptLowerPriority';
  return undefined;
}

export function admitPod(pod: Json, lookup: PriorityClassLookup, globalDefault: GlobalDefaultPriority, tolerationSeconds = DEFAULT_TOLERATION_SECONDS): ApiError | undefined {
  const spec = pod.spec;
  // A spec of the wrong type is validation's to refuse, with its field path
  // (the API server fails such a body at decoding, before any admission).
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return undefined;
  addDefaultTolerations(spec as Json, tolerationSeconds);
  return resolvePriority(spec as Json, lookup, globalDefault);
}
