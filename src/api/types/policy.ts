/** policy/v1 PodDisruptionBudget and Eviction (k8s.io/api policy/v1/types.go). */
import type { LabelSelector } from '../labels.js';
import type { Condition, IntOrString, KubeObject } from './meta.js';

export interface PodDisruptionBudgetSpec {
  readonly minAvailable?: IntOrString;
  readonly maxUnavailable?: IntOrString;
  readonly selector?: LabelSelector;
  readonly unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow';
}

export interface PodDisruptionBudgetStatus {
  readonly observedGeneration?: number;
  /** Pod name → when the eviction API approved its disruption (sim ms). */
  readonly disruptedPods?: Readonly<Record<string, number>>;
  readonly disruptionsAllowed: number;
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
  readonly expectedPods: number;
  readonly conditions?: readonly Condition[];
}

export interface PodDisruptionBudget extends KubeObject {
  readonly kind: 'PodDisruptionBudget';
  readonly spec: PodDisruptionBudgetSpec;
  readonly status?: PodDisruptionBudgetStatus;
}
