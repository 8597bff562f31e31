/**
 * PodInfo (framework/types.go NewPodInfo): what the scheduler derives from a
 * pod once, so per-node checks do not repeat it: requests in both ledgers,
 * the parsed (anti-)affinity terms, host ports, a label signature, priority.
 * Cached per pod version (stored objects are immutable; see byContainers).
 */
import type { Labels, LabelSelectorRequirement } from '../../api/labels.js';
import { computePodRequests, type PodRequests } from '../../api/resources.js';
import { StringInterner } from '../../api/string-interner.js';
import { objectKey } from '../../api/types/meta.js';
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/types/pod.js';
import { compileLabelSelector, labelsKey, NOTHING, selectorFrom, type CompiledSelector } from './selectors.js';

/** A processed PodAffinityTerm (framework.AffinityTerm). */
export interface AffinityTerm {
  /** Explicit namespaces; the pod's own when neither namespaces nor namespaceSelector is set. */
  readonly namespaces: ReadonlySet<string>;
  /** NOTHING when the term has no namespaceSelector; EVERYTHING for `{}`. */
  readonly namespaceSelector: CompiledSelector;
  readonly selector: CompiledSelector;
  readonly topologyKey: string;
  /** Equal for terms that match the same pods in the same topology (index keys). */
  readonly key: string;
}

export interface WeightedAffinityTerm {
  readonly term: AffinityTerm;
  readonly weight: number;
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

export interface PodInfo {
  readonly pod: Pod;
  /** namespace/name */
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly priority: number;
  readonly labels: Labels;
  /** Namespace and labels: pods with equal signatures match exactly the same selectors. */
  readonly signature: string;
  readonly terminating: boolean;
  readonly requests: PodRequests;
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Any pod affinity or anti-affinity term (NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly hostPorts: readonly HostPort[];
}

const NO_LABELS: Labels = Object.freeze({});

/** AffinityTerm.Matches: namespace (by list or namespace labels) and labels. */
export function termMatches(term: AffinityTerm, pod: PodInfo, namespaceLabels: Labels | undefined): boolean {
  if (!term.namespaces.has(pod.namespace) && !term.namespaceSelector.matches(namespaceLabels)) return false;
  return term.selector.matches(pod.labels);
}

/**
 * matchLabelKeys / mismatchLabelKeys (MatchLabelKeysInPodAffinity, on since
 * v1.33): the API server merges `key In (value)` / `key NotIn (value)` with the
 * pod's own label values into the selector.
 */
function termSelector(term: PodAffinityTerm, labels: Labels): CompiledSelector {
  const extra: LabelSelectorRequirement[] = [];
  for (const key of term.matchLabelKeys ?? []) {
    const value = labels[key];
    if (value !== undefined) extra.push({ key, operator: 'In', values: [value] });
  }
  for (const key of term.mismatchLabelKeys ?? []) {
    const value = labels[key];
    if (value !== undefined) extra.push({ key, operator: 'NotIn', values: [value] });
  }
  if (extra.length === 0 || term.labelSelector === undefined) return compileLabelSelector(term.labelSelector);
  return selectorFrom(term.labelSelector.matchLabels ?? {}, [...(term.labelSelector.matchExpressions ?? []), ...extra]);
}

function affinityTerm(term: PodAffinityTerm, pod: Pod, labels: Labels): AffinityTerm {
  const explicit = term.namespaces ?? [];
  const namespaceSelector = term.namespaceSelector === undefined ? NOTHING : compileLabelSelector(term.namespaceSelector);
  const namespaces = explicit.length === 0 && term.namespaceSelector === undefined ? [pod.metadata.namespace ?? 'default'] : explicit;
  const selector = termSelector(term, labels);
  const nsKey = [...namespaces].sort().join(',');
  return {
    namespaces: new Set(namespaces),
    namespaceSelector,
    selector,
    topologyKey: term.topologyKey,
    key: `${nsKey}|${namespaceSelector.key}|${selector.key}|${term.topologyKey}`,
  };
}

/** Shared by every pod without the terms or ports (most pods): a PodInfo is built per pod. */
const NONE: readonly never[] = Object.freeze([]);

function required(terms: readonly PodAffinityTerm[] | undefined, pod: Pod, labels: Labels): readonly AffinityTerm[] {
  return terms === undefined || terms.length === 0 ? NONE : terms.map((t) => affinityTerm(t, pod, labels));
}

function weighted(terms: readonly WeightedPodAffinityTerm[] | undefined, pod: Pod, labels: Labels): readonly WeightedAffinityTerm[] {
  return terms === undefined || terms.length === 0 ? NONE : terms.map((t) => ({ term: affinityTerm(t.podAffinityTerm, pod, labels), weight: t.weight }));
}

function hostPorts(pod: Pod): readonly HostPort[] {
  let out: HostPort[] | undefined;
  for (const container of pod.spec.containers) {
    for (const port of container.ports ?? NONE) {
      if (port.hostPort === undefined || port.hostPort <= 0) continue;
      (out ??= []).push({ ip: port.hostIP === undefined || port.hostIP === '' ? '0.0.0.0' : port.hostIP, protocol: port.protocol ?? 'TCP', port: port.hostPort });
    }
  }
  return out ?? NONE;
}

/** Pods of one template share one signature text (a copy per live pod otherwise). */
const signatures = new StringInterner(4096);

function build(pod: Pod): PodInfo {
  const labels = pod.metadata.labels ?? NO_LABELS;
  const namespace = pod.metadata.namespace ?? 'default';
  const affinity = pod.spec.affinity;
  const requiredAffinityTerms = required(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, pod, labels);
  const requiredAntiAffinityTerms = required(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, pod, labels);
  const preferredAffinityTerms = weighted(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, pod, labels);
  const preferredAntiAffinityTerms = weighted(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, pod, labels);
  return {
    pod,
    key: objectKey({ name: pod.metadata.name, namespace }),
    uid: pod.metadata.uid,
    namespace,
    priority: pod.spec.priority ?? 0,
    labels,
    signature: signatures.intern(`${namespace}\u0001${labelsKey(labels)}`),
    terminating: pod.metadata.deletionTimestamp !== undefined,
    // PodInfo is cached per pod version already: no second cache entry for the requests.
    requests: computePodRequests(pod.spec),
    requiredAffinityTerms,
    requiredAntiAffinityTerms,
    preferredAffinityTerms,
    preferredAntiAffinityTerms,
    hasAffinity: affinity?.podAffinity !== undefined || affinity?.podAntiAffinity !== undefined,
    hostPorts: hostPorts(pod),
  };
}

/**
 * The last PodInfo built per containers array. A binding, an assumed copy or
 * a status update shares its containers (and every other field the derived
 * data comes from) with the pod it was made from, so one entry serves every
 * version of a pod: a version not seen yet is derived from the entry, and
 * only a pod with new containers is parsed. One WeakMap insertion per pod
 * version, not two: inserting is the expensive part.
 */
const byContainers = new WeakMap<object, PodInfo>();

function derivedFrom(previous: PodInfo, pod: Pod): PodInfo | undefined {
  const a = previous.pod;
  if (a.metadata.uid !== pod.metadata.uid || a.metadata.labels !== pod.metadata.labels || a.metadata.namespace !== pod.metadata.namespace) return undefined;
  if (a.spec.affinity !== pod.spec.affinity || a.spec.initContainers !== pod.spec.initContainers || a.spec.overhead !== pod.spec.overhead || a.spec.resources !== pod.spec.resources) return undefined;
  if (a.spec.priority !== pod.spec.priority) return undefined;
  // Written out, not spread: a literal of build()'s shape is several times faster to make.
  return {
    pod,
    key: previous.key,
    uid: previous.uid,
    namespace: previous.namespace,
    priority: previous.priority,
    labels: previous.labels,
    signature: previous.signature,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    requests: previous.requests,
    requiredAffinityTerms: previous.requiredAffinityTerms,
    requiredAntiAffinityTerms: previous.requiredAntiAffinityTerms,
    preferredAffinityTerms: previous.preferredAffinityTerms,
    preferredAntiAffinityTerms: previous.preferredAntiAffinityTerms,
    hasAffinity: previous.hasAffinity,
    hostPorts: previous.hostPorts,
  };
}

/**
 * The PodInfo of a copy of `basis.pod` (the scheduler's assumed pod), not
 * remembered: nothing looks the copy up, and remembering costs a WeakMap
 * insertion per pod.
 */
export function podInfoOfCopy(basis: PodInfo, pod: Pod): PodInfo {
  return derivedFrom(basis, pod) ?? build(pod);
}

/** A cycle's plugins ask for the same pod's info a dozen times in a row: no lookup then. */
let lastPod: Pod | undefined;
let lastInfo: PodInfo | undefined;

export function podInfoOf(pod: Pod): PodInfo {
  if (pod === lastPod) return lastInfo as PodInfo;
  const previous = byContainers.get(pod.spec.containers);
  let info = previous;
  if (info === undefined || info.pod !== pod) {
    info = (previous === undefined ? undefined : derivedFrom(previous, pod)) ?? build(pod);
    byContainers.set(pod.spec.containers, info);
  }
  lastPod = pod;
  lastInfo = info;
  return info;
}
