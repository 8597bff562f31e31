/**
 * `kubesim import`: a dumped cluster (read-dump.ts) into the manifests of a
 * scenario that starts as the cluster is: every object cleaned of what the
 * API server set (clean-object.ts), owners re-linked by name, pods kept on
 * their nodes and running, revision labels translated (revision-hashes.ts),
 * missing Namespaces created, in an order where owners come before what
 * they own. The log says what was kept, changed and dropped.
 */
import { isNamespaced } from '../api/kinds.js';
import { INITIAL_NAMESPACES } from '../api/store.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../controllers/daemonset/daemon-pods.js';
import { cleanObject } from './clean-object.js';
import { ImportLog } from './import-log.js';
import type { DumpedObject } from './read-dump.js';
import { revisionRewrite, type RevisionRewrite } from './revision-hashes.js';

type Json = Record<string, unknown>;

/** Creation order: what others need or are owned by first (owner-links.ts needs owners created earlier). */
const CREATION_ORDER = [
  'Namespace', 'PriorityClass', 'Node', 'ConfigMap', 'Secret', 'Service',
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod',
  'PodDisruptionBudget', 'HorizontalPodAutoscaler',
];

export interface ImportResult {
  readonly manifests: readonly Json[];
  readonly log: ImportLog;
}

interface Entry {
  readonly kind: string;
  readonly key: string;
  readonly ref: string;
  readonly dumped: Json;
  object: Json;
}

function meta(object: Json): Json {
  return (object.metadata ?? {}) as Json;
}

function namespaceOf(kind: string, object: Json): string | undefined {
  return isNamespaced(kind) ? String(meta(object).namespace ?? 'default') : undefined;
}

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function controllerRef(object: Json): Json | undefined {
  const refs = meta(object).ownerReferences;
  return Array.isArray(refs) ? (refs as Json[]).find((r) => r.controller === true) : undefined;
}

/** Keeps each object once (the first: `kubectl get a,b` lists an object once per resource it names). */
function cleaned(objects: readonly DumpedObject[], log: ImportLog): Entry[] {
  const sized = (node: Json): boolean => {
    const status = (node.status ?? {}) as Json;
    return status.capacity !== undefined || status.allocatable !== undefined;
  };
  const nodes = new Set(objects.filter(({ object }) => object.kind === 'Node' && sized(object as unknown as Json)).map(({ object }) => String(object.metadata.name)));
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const { object } of objects) {
    const dumped = object as unknown as Json;
    const kind = object.kind;
    const namespace = namespaceOf(kind, dumped);
    const name = String(object.metadata.name);
    const ref = namespace === undefined ? name : `${namespace}/${name}`;
    log.read(kind);
    const key = keyOf(kind, namespace, name);
    if (seen.has(key)) {
      log.note(kind, ref, 'dropped', 'listed twice; the first is kept');
      continue;
    }
    seen.add(key);
    const result = cleanObject(dumped, log, ref, nodes);
    if (!result.keep) log.note(kind, ref, 'dropped', result.reason);
    else entries.push({ kind, key, ref, dumped, object: result.object });
  }
  return entries;
}

/**
 * Pods of a kept Job are dropped (the Job makes them again); an owner
 * reference to an object not imported is removed, so the dependent is not
 * garbage-collected at t=0 for an owner that does not exist.
 */
function linkOwners(entries: Entry[], log: ImportLog): Entry[] {
  const kept = new Set(entries.map((e) => e.key));
  return entries.filter((entry) => {
    const refs = meta(entry.object).ownerReferences;
    if (!Array.isArray(refs)) return true;
    const namespace = namespaceOf(entry.kind, entry.object);
    const ownerKey = (ref: Json): string => keyOf(String(ref.kind), isNamespaced(String(ref.kind)) ? namespace : undefined, String(ref.name));
    const controller = controllerRef(entry.object);
    if (entry.kind === 'Pod' && controller?.kind === 'Job' && kept.has(ownerKey(controller))) {
      log.note('Pod', entry.ref, 'dropped', 'its Job creates its pods afresh');
      return false;
    }
    const present = (refs as Json[]).filter((ref) => kept.has(ownerKey(ref)));
    for (const ref of refs as Json[]) {
      if (!present.includes(ref)) log.note(entry.kind, entry.ref, 'changed', `owner ${String(ref.kind)} is not in the dump: reference removed`);
    }
    const metadata = { ...meta(entry.object) };
    if (present.length === 0) delete metadata.ownerReferences;
    else metadata.ownerReferences = present;
    entry.object = { ...entry.object, metadata };
    return true;
  });
}

/** StatefulSet and DaemonSet pods on the current template get kubesim's revision hash. */
function translateRevisions(entries: readonly Entry[], log: ImportLog): void {
  const rewrites = new Map<string, RevisionRewrite>();
  for (const entry of entries) {
    const rewrite = revisionRewrite(entry.dumped, entry.object);
    if (rewrite !== undefined) rewrites.set(entry.key, rewrite);
  }
  for (const entry of entries) {
    const controller = entry.kind === 'Pod' ? controllerRef(entry.object) : undefined;
    if (controller === undefined) continue;
    const rewrite = rewrites.get(keyOf(String(controller.kind), namespaceOf('Pod', entry.object), String(controller.name)));
    const labels = (meta(entry.object).labels ?? {}) as Record<string, string>;
    if (rewrite === undefined || labels[CONTROLLER_REVISION_HASH_LABEL] === undefined || labels[CONTROLLER_REVISION_HASH_LABEL] === rewrite.hash) continue;
    if (!rewrite.current(labels)) {
      log.note('Pod', entry.ref, 'changed', `on an older ${String(controller.kind)} revision: its controller will replace it`);
      continue;
    }
    entry.object = { ...entry.object, metadata: { ...meta(entry.object), labels: { ...labels, [CONTROLLER_REVISION_HASH_LABEL]: rewrite.hash } } };
    log.note('Pod', entry.ref, 'changed', `${CONTROLLER_REVISION_HASH_LABEL} set to kubesim's hash of its ${String(controller.kind)}'s template`);
  }
}

/** Namespaces the objects live in that the dump does not define (and no cluster has from the start). */
function missingNamespaces(entries: readonly Entry[], log: ImportLog): Entry[] {
  const defined = new Set([...INITIAL_NAMESPACES, ...entries.filter((e) => e.kind === 'Namespace').map((e) => String(meta(e.object).name))]);
  const created: Entry[] = [];
  for (const entry of entries) {
    const namespace = namespaceOf(entry.kind, entry.object);
    if (namespace === undefined || defined.has(namespace)) continue;
    defined.add(namespace);
    log.note('Namespace', namespace, 'created', 'not in the dump; objects live in it');
    const object = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } };
    created.push({ kind: 'Namespace', key: keyOf('Namespace', undefined, namespace), ref: namespace, dumped: object, object });
  }
  return created;
}

export function importDump(objects: readonly DumpedObject[]): ImportResult {
  const log = new ImportLog();
  const entries = linkOwners(cleaned(objects, log), log);
  translateRevisions(entries, log);
  const all = [...missingNamespaces(entries, log), ...entries];
  const rank = (kind: string): number => CREATION_ORDER.indexOf(kind);
  const ordered = all.map((entry, index) => ({ entry, index })).sort((a, b) => rank(a.entry.kind) - rank(b.entry.kind) || a.index - b.index);
  for (const { entry } of ordered) log.imported(entry.kind);
  return { manifests: ordered.map(({ entry }) => entry.object), log };
}
