/**
 * Scheduler profiles (kubescheduler.config.k8s.io/v1 KubeSchedulerProfile):
 * a MultiPoint plugin list expanded to every extension point each plugin
 * implements, adjusted by per-point enabled/disabled sets, with score weights
 * and plugin arguments.
 */

export const EXTENSION_POINTS = [
  'preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind',
] as const;

export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export interface PluginRef {
  readonly name: string;
  readonly weight?: number;
}

export interface PluginSet {
  readonly enabled?: readonly PluginRef[];
  /** A name of "*" disables every default plugin at this point. */
  readonly disabled?: readonly PluginRef[];
}

export interface SchedulerProfile {
  readonly schedulerName: string;
  readonly multiPoint: readonly PluginRef[];
  readonly points?: Readonly<Partial<Record<ExtensionPoint, PluginSet>>>;
  readonly pluginArgs?: Readonly<Record<string, unknown>>;
  /** 0 or undefined: adaptive (schedule_one.go numFeasibleNodesToFind). */
  readonly percentageOfNodesToScore?: number;
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
