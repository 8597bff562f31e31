/**
 * Pods from a template (k/k controller_utils.go GetPodFromTemplate). The pod
 * shares the template's spec, labels and annotations instead of copying
 * them as GetPodFromTemplate does: ApiStore.create deep-copies what it is
 * given, so the copy here was a second one per pod created, and callers
 * build changed copies (the DaemonSet's affinity, the StatefulSet's
 * hostname) without editing the shared parts.
 */
import type { KubeObjectInput, KubeObject } from '../api/types/meta.js';
import type { PodTemplateSpec } from '../api/types/pod.js';
import { newControllerRef } from './owner.js';

export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, namePrefix: string): KubeObjectInput & { kind: 'Pod' } {
  const metadata = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${namePrefix}-`,
      ...(owner.metadata.namespace === undefined ? {} : { namespace: owner.metadata.namespace }),
      ...(metadata.labels === undefined ? {} : { labels: metadata.labels }),
      ...(metadata.annotations === undefined ? {} : { annotations: metadata.annotations }),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: template.spec,
  };
}
