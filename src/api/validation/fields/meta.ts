/** metav1.ObjectMeta and LabelSelector (k8s.io/apimachinery/pkg/apis/meta/v1/types.go). */
import { list, mergeList, mergeScalars, struct, value } from './tree.js';

const ownerReference = struct({ apiVersion: value, kind: value, name: value, uid: value, controller: value, blockOwnerDeletion: value });

export const objectMeta = struct({
  name: value,
  generateName: value,
  namespace: value,
  selfLink: value,
  uid: value,
  resourceVersion: value,
  generation: value,
  creationTimestamp: value,
  deletionTimestamp: value,
  deletionGracePeriodSeconds: value,
  labels: value,
  annotations: value,
  ownerReferences: mergeList(ownerReference, 'uid'),
  finalizers: mergeScalars,
  managedFields: list(),
});

const labelSelectorRequirement = struct({ key: value, operator: value, values: list() });

export const labelSelector = struct({ matchLabels: value, matchExpressions: list(labelSelectorRequirement) });

/** apiVersion, kind, metadata and the given fields: the top level of every object. */
export function object(fields: Parameters<typeof struct>[0]): ReturnType<typeof struct> {
  return struct({ apiVersion: value, kind: value, metadata: objectMeta, ...fields });
}
