/**
 * PodTopologySpread constraints as the plugin works with them
 * (podtopologyspread/common.go, plugin.go, helper/spread.go): the selector
 * parsed and extended with matchLabelKeys, the inclusion policies defaulted
 * (nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore), and the system
 * default constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway)
 * whose selector comes from the Services, ReplicaSets and StatefulSets that
 * select or own the pod.
 */
import type { LabelSelectorRequirement } from '../../../api/labels.js';
import { firstUntoleratedTaint } from '../../../api/taints.js';
import { controllerOf } from '../../../api/types/meta.js';
import type { Node } from '../../../api/types/node.js';
import type { Pod, TopologySpreadConstraint } from '../../../api/types/pod.js';
import type { Listers } from '../../framework/interfaces.js';
import { podInfoOf } from '../../framework/pod-info.js';
import { compileLabelSelector, EVERYTHING, selectorFrom, type CompiledSelector } from '../../framework/selectors.js';
import { podMatchesNodeSelectorAndAffinity } from '../node-affinity.js';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
const DO_NOT_SCHEDULE_EFFECTS = new Set(['NoSchedule', 'NoExecute']);

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: CompiledSelector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** plugin.go systemDefaultConstraints. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  { maxSkew: 3, topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' },
  { maxSkew: 5, topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway' },
]);

/** filterTopologySpreadConstraints: the constraints of one action, parsed. */
export function filterConstraints(constraints: readonly TopologySpreadConstraint[], podLabels: Readonly<Record<string, string>>, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = compileLabelSelector(c.labelSelector);
    const extra: LabelSelectorRequirement[] = [];
    for (const key of c.matchLabelKeys ?? []) {
      const value = podLabels[key];
      if (value !== undefined) extra.push({ key, operator: 'In', values: [value] });
    }
    if (extra.length > 0) selector = selectorFrom(c.labelSelector?.matchLabels ?? {}, [...(c.labelSelector?.matchExpressions ?? []), ...extra]);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/**
 * helper.DefaultSelector: the Services selecting the pod (merged) ANDed with
 * the selector of its controlling ReplicaSet or StatefulSet. EVERYTHING (the
 * empty selector) when there is none.
 */
export function defaultSelector(pod: Pod, listers: Listers): CompiledSelector {
  const namespace = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const merged: Record<string, string> = {};
  for (const service of listers.services(namespace)) {
    const selector = service.spec.selector;
    if (selector === undefined) continue;
    if (Object.entries(selector).every(([k, v]) => labels[k] === v)) Object.assign(merged, selector);
  }
  const requirements: LabelSelectorRequirement[] = [];
  const owner = controllerOf(pod.metadata);
  if (owner !== undefined && owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const object = owner.kind === 'ReplicaSet' ? listers.replicaSet(namespace, owner.name) : listers.statefulSet(namespace, owner.name);
    const selector = (object as { spec?: { selector?: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] } } } | undefined)?.spec?.selector;
    if (selector !== undefined) {
      for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirements.push({ key, operator: 'In', values: [value] });
      requirements.push(...(selector.matchExpressions ?? []));
    }
  }
  return selectorFrom(merged, requirements);
}

/** buildDefaultConstraints: the profile's defaults with the pod's default selector; none when that is empty. */
export function buildDefaultConstraints(pod: Pod, defaults: readonly TopologySpreadConstraint[], action: 'DoNotSchedule' | 'ScheduleAnyway', listers: Listers, selectorCache: SelectorCache): SpreadConstraint[] {
  const constraints = filterConstraints(defaults, pod.metadata.labels ?? {}, action);
  if (constraints.length === 0) return [];
  const selector = selectorCache.get(pod, listers);
  if (selector === EVERYTHING || selector.empty) return [];
  return constraints.map((c) => ({ ...c, selector }));
}

/** Entries SelectorCache holds before it starts over: owners come and go (a Job per minute for a week), so the memo must not keep them all. */
const MAX_CACHED_SELECTORS = 1024;

/**
 * Default selectors per pod signature and owner, recomputed when Services,
 * ReplicaSets or StatefulSets change (listers.generation()) or when the
 * memo is full (upstream computes the selector at every PreFilter).
 */
export class SelectorCache {
  private generation = -1;
  private readonly byKey = new Map<string, CompiledSelector>();
  /** The last pod's signature and owner, and its selector: the pods of a ReplicaSet come in a row, so no key string for them. */
  private last: { signature: string; ownerKind: string; ownerName: string; selector: CompiledSelector } | undefined;

  get(pod: Pod, listers: Listers): CompiledSelector {
    const generation = listers.generation();
    if (generation !== this.generation || this.byKey.size >= MAX_CACHED_SELECTORS) {
      this.byKey.clear();
      this.last = undefined;
      this.generation = generation;
    }
    const owner = controllerOf(pod.metadata);
    const signature = podInfoOf(pod).signature;
    const ownerKind = owner?.kind ?? '';
    const ownerName = owner?.name ?? '';
    const last = this.last;
    if (last !== undefined && last.signature === signature && last.ownerKind === ownerKind && last.ownerName === ownerName) return last.selector;
    const key = `${signature}|${ownerKind}/${ownerName}`;
    let selector = this.byKey.get(key);
    if (selector === undefined) {
      selector = defaultSelector(pod, listers);
      this.byKey.set(key, selector);
    }
    this.last = { signature, ownerKind, ownerName, selector };
    return selector;
  }
}

/** nodeLabelsMatchSpreadConstraints: the node carries every topology key. */
export function nodeHasAllKeys(labels: Readonly<Record<string, string>>, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** matchNodeInclusionPolicies. */
export function nodeIncluded(c: SpreadConstraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !podMatchesNodeSelectorAndAffinity(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && firstUntoleratedTaint(node.spec.taints, pod.spec.tolerations, DO_NOT_SCHEDULE_EFFECTS) !== undefined) return false;
  return true;
}

/** Whether every node passes a constraint's inclusion policies for this pod, so no per-node check is needed. */
export function includesEveryNode(c: SpreadConstraint, pod: Pod): boolean {
  const hasNodeSelector = pod.spec.nodeSelector !== undefined && Object.keys(pod.spec.nodeSelector).length > 0;
  const hasRequiredAffinity = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined;
  const affinityOk = c.nodeAffinityPolicy === 'Ignore' || (!hasNodeSelector && !hasRequiredAffinity);
  return affinityOk && c.nodeTaintsPolicy === 'Ignore';
}
