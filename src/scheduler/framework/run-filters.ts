/**
 * RunFilterPluginsWithNominatedPods (pkg/scheduler/framework/runtime/framework.go,
 * with addGENominatedPods): if pods of equal or higher priority are nominated
 * to the node, the filters run once with them added to a copy of the node
 * (and the PreFilter state updated through AddPod), and, if that passes,
 * once more without them; both must pass. So a nominated pod's future place
 * is respected, and the pod does not rely on it being there.
 */
import type { Pod } from '../../api/types/pod.js';
import type { CycleState, FilterPlugin, FrameworkHandle } from './interfaces.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { isSuccess, type Status } from './status.js';

/** What this check uses of a profile's Framework (which passes itself). */
export interface FilterRunner {
  readonly handle: Pick<FrameworkHandle, 'nominatedPodsForNode'>;
  runFilter(state: CycleState, pod: Pod, nodeInfo: NodeInfo, filters: readonly FilterPlugin[]): Status;
  runPreFilterExtensionAddPod(state: CycleState, pod: Pod, podToAdd: PodInfo, nodeInfo: NodeInfo): Status;
}

export function runFilterPluginsWithNominatedPods(framework: FilterRunner, state: CycleState, pod: Pod, nodeInfo: NodeInfo, filters: readonly FilterPlugin[]): Status {
  const nominated = framework.handle.nominatedPodsForNode(nodeInfo.name);
  if (nominated.length === 0) return framework.runFilter(state, pod, nodeInfo, filters);
  const priority = pod.spec.priority ?? 0;
  let nodeWith: NodeInfo | undefined;
  let stateWith: CycleState | undefined;
  for (const info of nominated) {
    if (info.priority < priority || info.uid === pod.metadata.uid) continue;
    if (nodeWith === undefined || stateWith === undefined) {
      nodeWith = nodeInfo.clone();
      stateWith = state.clone();
    }
    nodeWith.addPodInfo(info);
    const status = framework.runPreFilterExtensionAddPod(stateWith, pod, info, nodeWith);
    if (!isSuccess(status)) return status;
  }
  if (nodeWith === undefined || stateWith === undefined) return framework.runFilter(state, pod, nodeInfo, filters);
  const withNominated = framework.runFilter(stateWith, pod, nodeWith, filters);
  if (!isSuccess(withNominated)) return withNominated;
  return framework.runFilter(state, pod, nodeInfo, filters);
}
