/**
 * One dumped object made into a manifest a scenario can create, per kind.
 * What the API server sets is dropped (status, metadata.uid,
 * resourceVersion, creationTimestamp, generation, managedFields, selfLink,
 * finalizers, kubectl's last-applied-configuration): a create ignores or
 * refuses it (k/k pkg/registry/*\/strategy.go PrepareForCreate resets
 * status; the generic registry sets uid, resourceVersion,
 * creationTimestamp and generation). Owner references keep the owner's kind
 * and name without the old UID, and are re-linked by name when the scenario
 * runs (scenario/owner-links.ts). Kind-specific rules are on each function.
 */
import { INITIAL_NAMESPACES } from '../api/store.js';
import { SYSTEM_PRIORITY_CLASSES } from '../api/admission.js';
import { RUNNING_AT_START_ANNOTATION } from '../node/running-at-start.js';
import type { ImportLog } from './import-log.js';

type Json = Record<string, unknown>;

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The static-pod mirror annotation (k/k pkg/kubelet/types ConfigMirrorAnnotationKey). */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionGracePeriodSeconds'] as const;

/** The kinds `kubesim import` takes: what the kubectl command in docs/import.md lists, and Secrets. */
export const IMPORTED_KINDS = [
  'Namespace', 'PriorityClass', 'Node', 'ConfigMap', 'Secret', 'Service',
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod',
  'PodDisruptionBudget', 'HorizontalPodAutoscaler',
] as const;

export type Cleaned = { readonly keep: true; readonly object: Json } | { readonly keep: false; readonly reason: string };

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function cleanMetadata(input: Json, log: ImportLog): Json {
  const metadata: Json = { ...(record(input.metadata) ?? {}) };
  for (const field of SERVER_METADATA) {
    if (metadata[field] === undefined) continue;
    log.serverField(`metadata.${field}`);
    delete metadata[field];
  }
  if (metadata.finalizers !== undefined) {
    log.serverField('metadata.finalizers');
    delete metadata.finalizers;
  }
  const annotations = record(metadata.annotations);
  if (annotations?.[LAST_APPLIED_ANNOTATION] !== undefined) {
    log.serverField(`annotation ${LAST_APPLIED_ANNOTATION}`);
    const rest = { ...annotations };
    delete rest[LAST_APPLIED_ANNOTATION];
    if (Object.keys(rest).length === 0) delete metadata.annotations;
    else metadata.annotations = rest;
  }
  if (Array.isArray(metadata.ownerReferences)) {
    metadata.ownerReferences = (metadata.ownerReferences as Json[]).map((ref) => {
      const linked = { ...ref };
      delete linked.uid;
      return linked;
    });
  }
  return metadata;
}

function withoutStatus(object: Json, log: ImportLog): Json {
  if (object.status === undefined) return object;
  log.serverField('status');
  const rest = { ...object };
  delete rest.status;
  return rest;
}

function isConditionTrue(object: Json, type: string): boolean {
  const conditions = record(object.status)?.conditions;
  return Array.isArray(conditions) && conditions.some((c) => record(c)?.type === type && record(c)?.status === 'True');
}

/**
 * Taints the node lifecycle controller sets from the node's conditions and
 * spec.unschedulable (k/k pkg/controller/nodelifecycle
 * node_lifecycle_controller.go nodeConditionToTaintKeyStatusMap and
 * UnschedulableTaint): they follow the node's state in the run, not the dump.
 */
const CONDITION_TAINTS = new Set([
  'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/unschedulable',
  'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/network-unavailable',
]);

/** The node's own taints, without the condition taints and their server-set `timeAdded`. */
function nodeSpec(spec: Json, log: ImportLog, ref: string): Json {
  if (!Array.isArray(spec.taints)) return spec;
  const taints = (spec.taints as Json[]).filter((t) => !CONDITION_TAINTS.has(String(t.key)));
  if (taints.length < spec.taints.length) log.note('Node', ref, 'changed', 'condition taints dropped (the node lifecycle controller sets them from the node\'s state)');
  const out = { ...spec };
  if (taints.length === 0) delete out.taints;
  else out.taints = taints.map((t) => {
    const taint = { ...t };
    delete taint.timeAdded;
    return taint;
  });
  return out;
}

/**
 * A Node keeps its labels, taints and spec; of its status only capacity and
 * allocatable (what the scheduler fits pods against: NodeResourcesFit reads
 * status.allocatable), and it starts Ready as a registered node does.
 */
function cleanNode(object: Json, metadata: Json, log: ImportLog, ref: string): Cleaned {
  const status = record(object.status) ?? {};
  const capacity = record(status.capacity);
  const allocatable = record(status.allocatable);
  if (capacity === undefined && allocatable === undefined) return { keep: false, reason: 'no status.capacity or status.allocatable to size it from' };
  if (!isConditionTrue(object, 'Ready')) log.note('Node', ref, 'changed', 'was not Ready in the dump; starts Ready');
  log.serverField('status');
  return {
    keep: true,
    object: {
      apiVersion: object.apiVersion,
      kind: 'Node',
      metadata,
      ...(record(object.spec) === undefined ? {} : { spec: nodeSpec(record(object.spec) as Json, log, ref) }),
      status: {
        capacity: capacity ?? allocatable,
        allocatable: allocatable ?? capacity,
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: 0, lastTransitionTime: 0 }],
      },
    },
  };
}

/**
 * A Pod: finished or terminating pods are not part of the cluster's running
 * state; a bound pod keeps spec.nodeName (created bound, as a manifest with
 * nodeName is), and one that was Running is marked to run from t=0
 * (node/running-at-start.ts); an unbound pod, or one bound to a node the
 * dump does not have, waits for the scheduler.
 */
function cleanPod(object: Json, metadata: Json, log: ImportLog, ref: string, nodes: ReadonlySet<string>): Cleaned {
  const phase = record(object.status)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { keep: false, reason: `finished (phase ${phase})` };
  const annotations = record(metadata.annotations) ?? {};
  if (annotations[MIRROR_POD_ANNOTATION] !== undefined) return { keep: false, reason: 'a static pod\'s mirror (the kubelet runs static pods from files; kubesim does not)' };
  const nodeName = record(object.spec)?.nodeName;
  let spec = record(object.spec) ?? {};
  const bound = typeof nodeName === 'string' && nodeName !== '' && nodes.has(nodeName);
  if (typeof nodeName === 'string' && nodeName !== '' && !bound) {
    spec = { ...spec };
    delete spec.nodeName;
    log.note('Pod', ref, 'changed', 'its node is not in the dump; the scheduler places it');
  } else if (bound && phase === 'Running') {
    metadata.annotations = { ...annotations, [RUNNING_AT_START_ANNOTATION]: 'true' };
    log.note('Pod', ref, 'changed', `running on its node at t=0 (${RUNNING_AT_START_ANNOTATION})`);
  } else if (bound) {
    log.note('Pod', ref, 'changed', `bound but ${String(phase ?? 'not running')} in the dump; starts its containers at t=0`);
  } else {
    log.note('Pod', ref, 'changed', 'not bound in the dump; the scheduler places it');
  }
  return { keep: true, object: { ...withoutStatus(object, log), metadata, spec } };
}

/** A Service's cluster IP is allocated again (a headless Service's `None` stays). */
function cleanService(object: Json, log: ImportLog, ref: string): Json {
  const spec = { ...(record(object.spec) ?? {}) };
  if (spec.clusterIP !== undefined && spec.clusterIP !== 'None') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    log.note('Service', ref, 'changed', 'cluster IP allocated afresh');
  }
  return { ...object, spec };
}

/** Secret values never leave the dump: each key is kept with an empty value. */
function cleanSecret(object: Json, log: ImportLog, ref: string): Json {
  const out = { ...object };
  for (const field of ['data', 'stringData'] as const) {
    const values = record(object[field]);
    if (values !== undefined) out[field] = Object.fromEntries(Object.keys(values).map((key) => [key, '']));
  }
  log.note('Secret', ref, 'changed', 'values dropped, keys kept with empty values');
  return out;
}

/**
 * A Job starts over: its selector and its pods' labels carry the old Job's
 * UID (batch.kubernetes.io/controller-uid), which the API server generates
 * again on create (k/k pkg/registry/batch/job/strategy.go
 * generateSelector). A finished Job is not part of the running state.
 */
function cleanJob(dumped: Json, object: Json, log: ImportLog, ref: string): Cleaned {
  if (isConditionTrue(dumped, 'Complete') || isConditionTrue(dumped, 'Failed')) return { keep: false, reason: 'finished (Complete or Failed)' };
  const spec = { ...(record(object.spec) ?? {}) };
  if (spec.manualSelector !== true) {
    delete spec.selector;
    const template = record(spec.template) ?? {};
    const templateMetadata = { ...(record(template.metadata) ?? {}) };
    const labels = { ...(record(templateMetadata.labels) ?? {}) };
    for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) delete labels[key];
    templateMetadata.labels = labels;
    spec.template = { ...template, metadata: templateMetadata };
  }
  log.note('Job', ref, 'changed', 'starts over: its pods are created afresh (their labels carry the old Job\'s UID)');
  return { keep: true, object: { ...object, spec } };
}

/** The object as the scenario creates it, or why it is left out; `nodes`: the names of the Nodes imported. */
export function cleanObject(input: Json, log: ImportLog, ref: string, nodes: ReadonlySet<string>): Cleaned {
  const kind = String(input.kind);
  if (!(IMPORTED_KINDS as readonly string[]).includes(kind)) return { keep: false, reason: `kind ${kind} is not imported (kubesim import takes ${IMPORTED_KINDS.join(', ')})` };
  if (record(input.metadata)?.deletionTimestamp !== undefined) return { keep: false, reason: 'was being deleted' };
  const metadata = cleanMetadata(input, log);
  if (kind === 'Node') return cleanNode(input, metadata, log, ref);
  if (kind === 'Pod') return cleanPod(input, metadata, log, ref, nodes);
  if (kind === 'Namespace' && INITIAL_NAMESPACES.includes(String(metadata.name))) return { keep: false, reason: 'exists in every cluster' };
  if (kind === 'PriorityClass' && SYSTEM_PRIORITY_CLASSES[String(metadata.name)] !== undefined) return { keep: false, reason: 'built in' };
  let object: Json = { ...withoutStatus(input, log), metadata };
  if (kind === 'Namespace') {
    // spec.finalizers is the namespace controller's ("kubernetes").
    delete object.spec;
  }
  if (kind === 'Service') object = cleanService(object, log, ref);
  if (kind === 'Secret') object = cleanSecret(object, log, ref);
  if (kind === 'Job') return cleanJob(input, object, log, ref);
  return { keep: true, object };
}
