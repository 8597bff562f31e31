/**
 * The typical-pod mix of a workload, published as a ConfigMap
 * (kube-system/kubesim-typical-pods, key `typicalPods.json`) so the FGD
 * plugin reads it through the API like any other component; the trace
 * loader writes it for a trace workload (docs/traces.md).
 */
import type { ApiClient } from '../../api/client.js';
import type { KubeObjectInput } from '../../api/types/meta.js';
import type { TypicalPod } from './fragmentation.js';

export const TYPICAL_PODS_CONFIGMAP = 'kubesim-typical-pods';
export const TYPICAL_PODS_NAMESPACE = 'kube-system';
const KEY = 'typicalPods.json';

export function typicalPodsConfigMap(typical: readonly TypicalPod[]): KubeObjectInput {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: TYPICAL_PODS_CONFIGMAP, namespace: TYPICAL_PODS_NAMESPACE },
    data: { [KEY]: JSON.stringify(typical) },
  };
}

export function readTypicalPods(client: ApiClient): TypicalPod[] | undefined {
  const map = client.get('ConfigMap', TYPICAL_PODS_CONFIGMAP, TYPICAL_PODS_NAMESPACE) as { data?: Record<string, string> } | undefined;
  return typicalPodsFromData(map?.data);
}

/** The mix from the ConfigMap's data, or undefined when the key is missing. */
export function typicalPodsFromData(data: Readonly<Record<string, string>> | undefined): TypicalPod[] | undefined {
  const text = data?.[KEY];
  return text === undefined ? undefined : (JSON.parse(text) as TypicalPod[]);
}
