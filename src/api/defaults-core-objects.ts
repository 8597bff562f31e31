/**
 * API server defaulting of the core/v1 ReplicationController and
 * LimitRange (k/k pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController,
 * SetDefaults_LimitRangeItem). ResourceQuota has no defaults.
 */
import { defaultPodSpec } from './defaults-pod.js';
import { isMap, mapsIn, obj, setDefault, type Json } from './default-helpers.js';

function isEmptyMap(value: unknown): boolean {
  return value === undefined || value === null || (isMap(value) && Object.keys(value).length === 0);
}

/**
 * SetDefaults_ReplicationController: an empty selector becomes the
 * template's labels, and so do empty labels on the controller itself;
 * replicas defaults to 1.
 */
export function defaultReplicationController(rc: Json): void {
  const spec = obj(rc, 'spec');
  const template = spec.template;
  if (isMap(template)) {
    const templateLabels = isMap(template.metadata) ? template.metadata.labels : undefined;
    if (isMap(templateLabels) && Object.keys(templateLabels).length > 0) {
      if (isEmptyMap(spec.selector)) spec.selector = { ...templateLabels };
      const metadata = obj(rc, 'metadata');
      if (isEmptyMap(metadata.labels)) metadata.labels = { ...templateLabels };
    }
    defaultPodSpec(obj(template, 'spec'));
  }
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'minReadySeconds', 0);
}

function copyMissing(from: unknown, to: Json): void {
  if (!isMap(from)) return;
  for (const [name, quantity] of Object.entries(from)) setDefault(to, name, quantity);
}

/**
 * SetDefaults_LimitRangeItem, for Container items only: a missing default
 * limit is the max; a missing default request is the default limit, else
 * the min.
 */
export function defaultLimitRange(limitRange: Json): void {
  for (const item of mapsIn(obj(limitRange, 'spec').limits)) {
    if (item.type !== 'Container') continue;
    const defaults = obj(item, 'default');
    const defaultRequest = obj(item, 'defaultRequest');
    copyMissing(item.max, defaults);
    copyMissing(defaults, defaultRequest);
    copyMissing(item.min, defaultRequest);
  }
}

/** Defaults for the kinds in this file; false for any other kind. */
export function defaultCoreObject(kind: string, object: Json): boolean {
  switch (kind) {
    case 'ReplicationController':
      defaultReplicationController(object);
      return true;
    case 'LimitRange':
      defaultLimitRange(object);
      return true;
    case 'ResourceQuota':
      obj(object, 'spec');
      return true;
    default:
      return false;
  }
}

/** The finalizer the namespace controller removes once a namespace is empty. */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** The Namespace strategy's PrepareForCreate: spec.finalizers is always ["kubernetes"] (pkg/registry/core/namespace/strategy.go). */
export function prepareNamespaceForCreate(namespace: Json): void {
  obj(namespace, 'spec').finalizers = [FINALIZER_KUBERNETES];
}

/** Whether a Namespace still has finalizers, in spec or in metadata (ShouldDeleteNamespaceDuringUpdate). */
export function namespaceHasFinalizers(namespace: Json): boolean {
  const spec = isMap(namespace.spec) ? namespace.spec : {};
  const metadata = isMap(namespace.metadata) ? namespace.metadata : {};
  return (Array.isArray(spec.finalizers) && spec.finalizers.length > 0) || (Array.isArray(metadata.finalizers) && metadata.finalizers.length > 0);
}
