/**
 * Object metadata and the shapes shared by every kind. Field names are
 * Kubernetes' own; timestamps are simulated milliseconds (integers) instead
 * of RFC 3339 strings.
 */
import type { Labels } from '../labels.js';

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  readonly name: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly generation?: number;
  readonly creationTimestamp: number;
  readonly deletionTimestamp?: number;
  readonly deletionGracePeriodSeconds?: number;
  readonly labels?: Labels;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly ownerReferences?: readonly OwnerReference[];
  readonly finalizers?: readonly string[];
}

/** What a caller supplies on create: the store fills in the rest. */
export type ObjectMetaInput = Partial<ObjectMeta>;

/** Any stored object. Kinds kubesim does not model keep their other fields untouched. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
}

/** An object as written in a manifest or passed to create(). */
export interface KubeObjectInput {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMetaInput;
  readonly [field: string]: unknown;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition<T extends string = string> {
  readonly type: T;
  readonly status: ConditionStatus;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: number;
  readonly lastUpdateTime?: number;
  readonly lastHeartbeatTime?: number;
}

/** An integer or a percentage string such as "25%" (apimachinery intstr). */
export type IntOrString = number | string;

/** `namespace/name`, or `name` for cluster-scoped objects: the key caches use. */
export function objectKey(meta: { readonly name: string; readonly namespace?: string | undefined }): string {
  return meta.namespace === undefined || meta.namespace === '' ? meta.name : `${meta.namespace}/${meta.name}`;
}

/** The owner reference with controller=true, if any. */
export function controllerOf(meta: Pick<ObjectMeta, 'ownerReferences'>): OwnerReference | undefined {
  return meta.ownerReferences?.find((ref) => ref.controller === true);
}
