/**
 * DefaultBinder (defaultbinder/default_binder.go): posts a Binding, which
 * sets spec.nodeName and the PodScheduled=True condition.
 */
import type { BindPlugin, FrameworkHandle } from '../framework/interfaces.js';
import { errorStatus, SUCCESS } from '../framework/status.js';

export const DEFAULT_BINDER = 'DefaultBinder';

export function defaultBinder(handle: FrameworkHandle): BindPlugin {
  return {
    name: DEFAULT_BINDER,
    bind(_state, pod, nodeName) {
      const result = handle.client.bindPod(pod.metadata.name, pod.metadata.namespace, pod.metadata.uid, nodeName);
      return result.ok ? SUCCESS : errorStatus(DEFAULT_BINDER, result.error.message);
    },
  };
}
