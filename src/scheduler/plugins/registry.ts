/** The in-tree plugins by name (plugins/registry.go NewInTreeRegistry). */
import { Registry } from '../framework/registry.js';
import { GPU_SHARE_PLUGINS } from '../gpushare/registry.js';
import { defaultBinder, DEFAULT_BINDER } from './default-binder.js';
import { defaultPreemption, DEFAULT_PREEMPTION, type DefaultPreemptionArgs } from './defaultpreemption/plugin.js';
import { imageLocality, IMAGE_LOCALITY } from './image-locality.js';
import { interPodAffinity, INTER_POD_AFFINITY, type InterPodAffinityArgs } from './interpodaffinity/plugin.js';
import { nodeAffinity, NODE_AFFINITY, type NodeAffinityArgs } from './node-affinity.js';
import { nodeName, NODE_NAME } from './node-name.js';
import { nodePorts, NODE_PORTS } from './node-ports.js';
import { nodeUnschedulable, NODE_UNSCHEDULABLE } from './node-unschedulable.js';
import { balancedAllocation, BALANCED_ALLOCATION, type BalancedAllocationArgs } from './noderesources/balanced-allocation.js';
import { nodeResourcesFit, NODE_RESOURCES_FIT, type FitArgs } from './noderesources/fit.js';
import { podTopologySpread, POD_TOPOLOGY_SPREAD, type PodTopologySpreadArgs } from './podtopologyspread/plugin.js';
import { prioritySort, PRIORITY_SORT } from './priority-sort.js';
import { schedulingGates, SCHEDULING_GATES } from './scheduling-gates.js';
import { taintToleration, TAINT_TOLERATION } from './taint-toleration.js';
import { VOLUME_PLUGINS, volumeNoop } from './volume-noop.js';

export function inTreeRegistry(): Registry {
  return new Registry([
    [SCHEDULING_GATES, () => schedulingGates()],
    [PRIORITY_SORT, () => prioritySort()],
    [NODE_UNSCHEDULABLE, (_args, handle) => nodeUnschedulable(handle)],
    [NODE_NAME, () => nodeName()],
    [TAINT_TOLERATION, (_args, handle) => taintToleration(handle)],
    [NODE_AFFINITY, (args) => nodeAffinity(args as NodeAffinityArgs | undefined)],
    [NODE_PORTS, () => nodePorts()],
    [NODE_RESOURCES_FIT, (args) => nodeResourcesFit(args as FitArgs | undefined)],
    ...VOLUME_PLUGINS.map((name) => [name, () => volumeNoop(name)] as const),
    [POD_TOPOLOGY_SPREAD, (args, handle) => podTopologySpread(args as PodTopologySpreadArgs | undefined, handle)],
    [INTER_POD_AFFINITY, (args, handle) => interPodAffinity(args as InterPodAffinityArgs | undefined, handle)],
    [DEFAULT_PREEMPTION, (args, handle) => defaultPreemption(args as DefaultPreemptionArgs | undefined, handle)],
    [BALANCED_ALLOCATION, (args) => balancedAllocation(args as BalancedAllocationArgs | undefined)],
    [IMAGE_LOCALITY, (_args, handle) => imageLocality(handle)],
    [DEFAULT_BINDER, (_args, handle) => defaultBinder(handle)],
    ...GPU_SHARE_PLUGINS,
  ]);
}
