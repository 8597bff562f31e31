/** The in-tree plugins by name (plugins/registry.go NewInTreeRegistry). */
import { Registry } from '../framework/registry.js';
import { defaultBinder, DEFAULT_BINDER } from './default-binder.js';
import { nodeAffinity, NODE_AFFINITY } from './node-affinity.js';
import { nodeName, NODE_NAME } from './node-name.js';
import { nodeUnschedulable, NODE_UNSCHEDULABLE } from './node-unschedulable.js';
import { nodeResourcesFit, NODE_RESOURCES_FIT, type FitArgs } from './noderesources/fit.js';
import { prioritySort, PRIORITY_SORT } from './priority-sort.js';
import { taintToleration, TAINT_TOLERATION } from './taint-toleration.js';

export function inTreeRegistry(): Registry {
  return new Registry([
    [PRIORITY_SORT, () => prioritySort()],
    [NODE_UNSCHEDULABLE, () => nodeUnschedulable()],
    [NODE_NAME, () => nodeName()],
    [TAINT_TOLERATION, () => taintToleration()],
    [NODE_AFFINITY, () => nodeAffinity()],
    [NODE_RESOURCES_FIT, (args) => nodeResourcesFit(args as FitArgs | undefined)],
    [DEFAULT_BINDER, (_args, handle) => defaultBinder(handle)],
  ]);
}
