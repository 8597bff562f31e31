/**
 * DefaultBinder: posts a Binding, which sets spec.nodeName and the
 * PodScheduled=True condition (the API server's binding REST handler).
 */
import { withPodCondition } from '../../api/pod-util.js';
import type { BindPlugin, FrameworkHandle } from '../framework/interfaces.js';
import { errorStatus, SUCCESS } from '../framework/status.js';

export const DEFAULT_BINDER = 'DefaultBinder';

export function defaultBinder(handle: FrameworkHandle): BindPlugin {
  return {
    name: DEFAULT_BINDER,
    bind(_state, pod, nodeName) {
      const result = handle.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) => {
        if (current.metadata.uid !== pod.metadata.uid || (current.spec.nodeName ?? '') !== '') return current;
        return {
          ...current,
          spec: { ...current.spec, nodeName },
          status: withPodCondition(current.status, 'PodScheduled', 'True', handle.nowMs()),
        };
      });
      if (!result.ok) return errorStatus(DEFAULT_BINDER, result.error.message);
      if (result.object.spec.nodeName !== nodeName) {
        return errorStatus(DEFAULT_BINDER, `pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} is already assigned to node "${result.object.spec.nodeName ?? ''}"`);
      }
      return SUCCESS;
    },
  };
}
