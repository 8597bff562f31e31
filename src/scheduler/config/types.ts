/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), the fields
 * kubesim reads. Fields without meaning in a simulation (leaderElection,
 * clientConnection, parallelism, ...) are accepted and ignored.
 */
export interface PluginConfigRef {
  readonly name: string;
  readonly weight?: number | undefined;
}

export interface PluginSetConfig {
  readonly enabled?: readonly PluginConfigRef[] | undefined;
  readonly disabled?: readonly PluginConfigRef[] | undefined;
}

export const PLUGIN_SET_FIELDS = [
  'preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind', 'multiPoint',
] as const;

export type PluginSetField = (typeof PLUGIN_SET_FIELDS)[number];

export interface ProfileConfig {
  readonly schedulerName?: string | undefined;
  readonly percentageOfNodesToScore?: number | undefined;
  readonly plugins?: Partial<Record<PluginSetField, PluginSetConfig | undefined>> | undefined;
  readonly pluginConfig?: ReadonlyArray<{ readonly name: string; readonly args?: unknown }> | undefined;
}

export interface KubeSchedulerConfiguration {
  readonly apiVersion: 'kubescheduler.config.k8s.io/v1';
  readonly kind: 'KubeSchedulerConfiguration';
  readonly percentageOfNodesToScore?: number | undefined;
  readonly podInitialBackoffSeconds?: number | undefined;
  readonly podMaxBackoffSeconds?: number | undefined;
  readonly profiles?: readonly ProfileConfig[] | undefined;
}
