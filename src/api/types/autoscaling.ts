/** autoscaling/v2 HorizontalPodAutoscaler and metrics.k8s.io/v1beta1 PodMetrics. */
import type { Condition, KubeObject } from './meta.js';

export interface CrossVersionObjectReference {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
}

export interface MetricTarget {
  readonly type: 'Utilization' | 'Value' | 'AverageValue';
  readonly averageUtilization?: number;
  readonly averageValue?: string | number;
  readonly value?: string | number;
}

export interface MetricSpec {
  readonly type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';
  readonly resource?: { readonly name: string; readonly target: MetricTarget };
}

export type ScalingPolicyType = 'Pods' | 'Percent';

export interface HPAScalingPolicy {
  readonly type: ScalingPolicyType;
  readonly value: number;
  readonly periodSeconds: number;
}

export interface HPAScalingRules {
  readonly stabilizationWindowSeconds?: number;
  readonly selectPolicy?: 'Max' | 'Min' | 'Disabled';
  readonly policies?: readonly HPAScalingPolicy[];
}

export interface HorizontalPodAutoscalerBehavior {
  readonly scaleUp?: HPAScalingRules;
  readonly scaleDown?: HPAScalingRules;
}

export interface HorizontalPodAutoscalerSpec {
  readonly scaleTargetRef: CrossVersionObjectReference;
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  readonly metrics?: readonly MetricSpec[];
  readonly behavior?: HorizontalPodAutoscalerBehavior;
  /** autoscaling/v1 only. */
  readonly targetCPUUtilizationPercentage?: number;
}

export interface MetricStatus {
  readonly type: 'Resource';
  readonly resource: { readonly name: string; readonly current: { readonly averageUtilization?: number; readonly averageValue?: string } };
}

export interface HorizontalPodAutoscalerStatus {
  readonly currentReplicas?: number;
  readonly desiredReplicas?: number;
  readonly lastScaleTime?: number;
  readonly currentMetrics?: readonly MetricStatus[];
  readonly conditions?: readonly Condition[];
  readonly observedGeneration?: number;
}

export interface HorizontalPodAutoscaler extends KubeObject {
  readonly kind: 'HorizontalPodAutoscaler';
  readonly spec: HorizontalPodAutoscalerSpec;
  readonly status?: HorizontalPodAutoscalerStatus;
}

export interface ContainerMetrics {
  readonly name: string;
  readonly usage: { readonly cpu?: string; readonly memory?: string };
}

/** What metrics-server serves for one pod: usage averaged over `window` ending at `timestamp`. */
export interface PodMetrics extends KubeObject {
  readonly kind: 'PodMetrics';
  readonly timestamp: number;
  /** Window length in ms. */
  readonly window: number;
  readonly containers: readonly ContainerMetrics[];
}
