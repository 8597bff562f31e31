/**
 * DefaultBinder (defaultbinder/default_binder.go): posts a Binding, which
 * sets spec.nodeName and the PodScheduled=True condition, carrying the
 * annotations PreBind plugins left for it (binding-annotations.ts).
 */
import type { BindPlugin, FrameworkHandle } from '../framework/interfaces.js';
import { errorStatus, SUCCESS } from '../framework/status.js';
import { takeBindingAnnotations } from './binding-annotations.js';

export const DEFAULT_BINDER = 'DefaultBinder';

export function defaultBinder(handle: FrameworkHandle): BindPlugin {
  return {
    name: DEFAULT_BINDER,
    bind(state, pod, nodeName) {
      const result = handle.client.bindPod(pod.metadata.name, pod.metadata.namespace, pod.metadata.uid, nodeName, takeBindingAnnotations(state));
      return result.ok ? SUCCESS : errorStatus(DEFAULT_BINDER, result.error.message);
    },
  };
}
