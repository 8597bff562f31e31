/**
 * Pods already running when the run starts (`kubesim import` marks a
 * cluster's running pods so): a pod created at t=0 with `spec.nodeName` and
 * the annotation `kubesim.io/running-at-start: "true"` has its containers
 * running on that node's runtime from t=0, its images on the node and its
 * application past its warm-up, and the kubelet takes it over as it adopts
 * the containers it finds after a restart: Running and Ready at t=0, with no
 * image pull or start-up time (docs/import.md).
 */
import type { Pod } from '../api/types/pod.js';

export const RUNNING_AT_START_ANNOTATION = 'kubesim.io/running-at-start';

/** Whether the pod asks to be running on its node when the run starts. */
export function runningAtStart(pod: Pod): boolean {
  return pod.metadata.annotations?.[RUNNING_AT_START_ANNOTATION] === 'true' && pod.spec.nodeName !== undefined && pod.spec.nodeName !== '';
}
