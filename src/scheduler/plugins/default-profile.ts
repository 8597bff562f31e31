/**
 * The default profile's MultiPoint list, in upstream order with upstream
 * weights (apis/config/v1/default_plugins.go; k8s-scheduler.md §3), limited
 * to the plugins kubesim implements.
 */
import { DEFAULT_SCHEDULER_NAME, type SchedulerProfile } from '../framework/profile.js';

export function defaultProfile(schedulerName = DEFAULT_SCHEDULER_NAME): SchedulerProfile {
  return {
    schedulerName,
    multiPoint: [
      { name: 'PrioritySort' },
      { name: 'NodeUnschedulable' },
      { name: 'NodeName' },
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity' },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'DefaultBinder' },
    ],
  };
}
