/**
 * An informer index by namespace and label set. Pods of one template share
 * one label set, so a cluster of 150,000 pods has a few hundred sets: a
 * component that wants the pods a selector matches checks the selector once
 * per set of the namespace and takes the matching sets' pods, instead of
 * checking every pod of the namespace.
 */
import type { Informer } from './informer.js';
import { StringInterner } from './string-interner.js';
import type { KubeObject } from './types/meta.js';

type Labels = Readonly<Record<string, string>>;

export const LABEL_SET_INDEX = 'namespace-label-set';
const EMPTY: Labels = {};
const signatures = new WeakMap<Labels, string>();
/** Pods of one template share their label texts (each pod has its own labels object). */
const labelTexts = new StringInterner(4096);

/** A canonical key for a label set; stored objects never change, so it is remembered per labels object. */
export function labelSignature(labels: Labels | undefined): string {
  const set = labels ?? EMPTY;
  let signature = signatures.get(set);
  if (signature === undefined) {
    signature = labelTexts.intern(JSON.stringify(Object.keys(set).sort().map((k) => [k, set[k]])));
    signatures.set(set, signature);
  }
  return signature;
}

/** The last key made for each labels object, with its namespace (a pod's labels object is its own, so one namespace). */
const setKeys = new WeakMap<Labels, { readonly namespace: string; readonly key: string }>();

/**
 * The index value of a label set in a namespace (LABEL_SET_INDEX). The
 * same labels object gets the very same string back, so the informer core
 * compares an update's value with the filed one by identity instead of
 * character by character.
 */
export function labelSetKey(namespace: string, labels: Labels | undefined): string {
  const set = labels ?? EMPTY;
  const known = setKeys.get(set);
  if (known?.namespace === namespace) return known.key;
  const key = labelTexts.intern(`${namespace}\n${labelSignature(set)}`);
  setKeys.set(set, { namespace, key });
  return key;
}

/** One function for every informer, so informers sharing a cache share this index too (informer-core.ts). */
function byNamespaceAndLabels(object: KubeObject): readonly string[] {
  return [labelSetKey(object.metadata.namespace ?? 'default', object.metadata.labels)];
}

/** Adds the index to an informer (before start()). */
export function addLabelSetIndex<K extends string, T extends KubeObject>(informer: Informer<K, T>): void {
  informer.addIndex(LABEL_SET_INDEX, byNamespaceAndLabels);
}

/** The objects of `namespace` whose labels `matches` accepts, set by set, in no particular order. */
export function objectsMatching<K extends string, T extends KubeObject>(informer: Informer<K, T>, namespace: string, matches: (labels: Labels) => boolean): T[] {
  const out: T[] = [];
  const prefix = `${namespace}\n`;
  for (const value of informer.indexValues(LABEL_SET_INDEX)) {
    if (!value.startsWith(prefix)) continue;
    // One object's labels are the set's: only a matching set's objects are copied out.
    const first = informer.firstByIndex(LABEL_SET_INDEX, value);
    if (first !== undefined && matches(first.metadata.labels ?? EMPTY)) for (const object of informer.byIndex(LABEL_SET_INDEX, value)) out.push(object);
  }
  return out;
}
