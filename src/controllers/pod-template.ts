/** Pods from a template (k/k controller_utils.go GetPodFromTemplate). */
import { deepCopy } from '../api/clone.js';
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
      ...(metadata.labels === undefined ? {} : { labels: { ...metadata.labels } }),
      ...(metadata.annotations === undefined ? {} : { annotations: { ...metadata.annotations } }),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: deepCopy(template.spec),
  };
}
