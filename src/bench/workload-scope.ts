/**
 * What an SLO objective may be scoped to, and how a scope resolves against
 * every object the scenario creates during the run: at t=0
 * (spec.manifests and spec.include) and later by `apply` actions (their
 * `manifests` and `files`; a later version of an object counts with the
 * first, so a Service selects a Deployment whose template either has):
 *
 *   - `deployment: frontend`: that Deployment, and the Services whose
 *     selector selects its pod template's labels (as the EndpointSlice
 *     controller picks the pods a Service sends requests to);
 *   - `service: frontend`: that Service, and the Deployments whose pod
 *     template labels its selector selects;
 *   - `selector: { matchLabels, matchExpressions }`: the Deployments whose
 *     pod template labels the selector selects (a label selector over pods,
 *     as a PodDisruptionBudget's), and the Services in front of them.
 *
 * `namespace` defaults to `default`, as kubectl's does.
 */
import { z } from 'zod';
import { checkLabelSelector, mapSelectorMatches, selectorMatches, type LabelSelector, type Labels } from '../api/labels.js';
import type { KubeObjectInput } from '../api/types/meta.js';
import { APPLY_FILE_MANIFESTS } from '../scenario/actions/workloads.js';
import type { Scenario } from '../scenario/model.js';
import { labels } from '../scenario/schema/primitives.js';

export const selectorSchema = z.strictObject({
  matchLabels: labels.optional(),
  matchExpressions: z.array(z.strictObject({
    key: z.string().min(1),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string()).optional(),
  })).optional(),
});

/** The scope fields an objective may carry (at most one of deployment, service, selector). */
export const scopeFields = {
  deployment: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
  selector: selectorSchema.optional(),
  namespace: z.string().min(1).optional(),
};

type SelectorInput = z.infer<typeof selectorSchema>;

export interface ScopeInput {
  readonly deployment?: string | undefined;
  readonly service?: string | undefined;
  readonly selector?: SelectorInput | undefined;
  readonly namespace?: string | undefined;
}

export type ScopeKind = 'deployment' | 'service' | 'selector';

export interface WorkloadScope {
  readonly kind: ScopeKind;
  /** How reports name it: `deployment/frontend`, `service/shop/cart`, `selector/app=frontend`. */
  readonly name: string;
  /** `namespace/name` of each Deployment in scope, sorted. */
  readonly deployments: readonly string[];
  /** `namespace/name` of each Service in scope, sorted. */
  readonly services: readonly string[];
}

const DEFAULT_NAMESPACE = 'default';

/** The selector as kubectl prints one: `app=frontend,tier in (web,api),!canary`. */
export function formatSelector(selector: LabelSelector): string {
  const terms = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    if (r.operator === 'Exists') terms.push(r.key);
    else if (r.operator === 'DoesNotExist') terms.push(`!${r.key}`);
    else terms.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return terms.join(',');
}

/** Which scope field was given, or a problem when several were. */
export function scopeKind(input: ScopeInput): ScopeKind | undefined | { readonly problem: string } {
  const given = (['deployment', 'service', 'selector'] as const).filter((k) => input[k] !== undefined);
  if (given.length > 1) return { problem: `give at most one of deployment, service, selector (got ${given.join(', ')})` };
  if (given.length === 0 && input.namespace !== undefined) return { problem: 'namespace scopes a deployment, service or selector; give one of them' };
  return given[0];
}

interface Workloads {
  readonly deployments: ReadonlyArray<{ readonly key: string; readonly namespace: string; readonly name: string; readonly podLabels: Labels }>;
  readonly services: ReadonlyArray<{ readonly key: string; readonly namespace: string; readonly name: string; readonly selector: Labels | undefined }>;
}

type Json = Record<string, unknown>;
const asJson = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

function workloadsOf(manifests: readonly KubeObjectInput[]): Workloads {
  const deployments = [];
  const services = [];
  for (const m of manifests) {
    const namespace = m.metadata.namespace ?? DEFAULT_NAMESPACE;
    const name = m.metadata.name ?? '';
    const spec = asJson(m.spec);
    if (m.kind === 'Deployment') deployments.push({ key: `${namespace}/${name}`, namespace, name, podLabels: asJson(asJson(asJson(spec.template).metadata).labels) as Labels });
    if (m.kind === 'Service') services.push({ key: `${namespace}/${name}`, namespace, name, selector: spec.selector === undefined ? undefined : (asJson(spec.selector) as Labels) });
  }
  return { deployments, services };
}

/** Every object the scenario creates: at t=0, then by its apply actions in timeline order. */
function createdObjects(scenario: Pick<Scenario, 'manifests' | 'timeline'>): KubeObjectInput[] {
  const applied = scenario.timeline.filter((entry) => entry.action === 'apply').flatMap((entry) => [
    ...((entry.params.manifests ?? []) as KubeObjectInput[]),
    ...((entry.params[APPLY_FILE_MANIFESTS] ?? []) as KubeObjectInput[]),
  ]);
  return [...scenario.manifests, ...applied];
}

const names = (list: ReadonlyArray<{ readonly name: string }>): string => [...new Set(list.map((x) => x.name))].join(', ') || 'none';
const sortedKeys = (list: ReadonlyArray<{ readonly key: string }>): string[] => [...new Set(list.map((x) => x.key))].sort();
const WHEN = 'at t=0 or by an apply action';

/** The scope's Deployments and Services in the scenario's run, or why it names nothing. */
export function resolveScope(scenario: Pick<Scenario, 'manifests' | 'timeline'>, kind: ScopeKind, input: ScopeInput): WorkloadScope | { readonly problem: string } {
  const namespace = input.namespace ?? DEFAULT_NAMESPACE;
  const all = workloadsOf(createdObjects(scenario));
  const inNamespace = { deployments: all.deployments.filter((d) => d.namespace === namespace), services: all.services.filter((s) => s.namespace === namespace) };
  const prefix = namespace === DEFAULT_NAMESPACE ? '' : `${namespace}/`;
  const servicesFor = (podLabels: readonly Labels[]) => inNamespace.services.filter((s) => podLabels.some((l) => mapSelectorMatches(s.selector, l)));
  if (kind === 'deployment') {
    const versions = inNamespace.deployments.filter((d) => d.name === input.deployment);
    if (versions.length === 0) return { problem: `the scenario creates no Deployment "${input.deployment}" in namespace ${namespace} ${WHEN} (it has: ${names(inNamespace.deployments)})` };
    return { kind, name: `deployment/${prefix}${input.deployment}`, deployments: sortedKeys(versions), services: sortedKeys(servicesFor(versions.map((d) => d.podLabels))) };
  }
  if (kind === 'service') {
    const versions = inNamespace.services.filter((s) => s.name === input.service);
    if (versions.length === 0) return { problem: `the scenario creates no Service "${input.service}" in namespace ${namespace} ${WHEN} (it has: ${names(inNamespace.services)})` };
    return { kind, name: `service/${prefix}${input.service}`, deployments: sortedKeys(inNamespace.deployments.filter((d) => versions.some((s) => mapSelectorMatches(s.selector, d.podLabels)))), services: sortedKeys(versions) };
  }
  const { matchLabels, matchExpressions } = input.selector ?? {};
  const selector: LabelSelector = {
    ...(matchLabels === undefined ? {} : { matchLabels }),
    ...(matchExpressions === undefined ? {} : { matchExpressions: matchExpressions.map((r) => ({ key: r.key, operator: r.operator, ...(r.values === undefined ? {} : { values: r.values }) })) }),
  };
  const malformed = checkLabelSelector(selector);
  if (malformed !== undefined) return { problem: malformed };
  const selected = inNamespace.deployments.filter((d) => selectorMatches(selector, d.podLabels));
  if (selected.length === 0) return { problem: `the selector ${formatSelector(selector) || '{}'} selects the pods of no Deployment the scenario creates in namespace ${namespace} ${WHEN} (it has: ${names(inNamespace.deployments)})` };
  return { kind, name: `selector/${prefix}${formatSelector(selector) || '{}'}`, deployments: sortedKeys(selected), services: sortedKeys(servicesFor(selected.map((d) => d.podLabels))) };
}
