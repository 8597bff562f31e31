/**
 * HorizontalPodAutoscaler defaulting (k/k pkg/apis/autoscaling/v2/defaults.go
 * SetDefaults_HorizontalPodAutoscaler, SetDefaults_HorizontalPodAutoscalerBehavior):
 * minReplicas 1; with no metrics, CPU utilisation 80 %;
 * a `behavior` that is given has its missing rules and fields filled in
 * (scale up: no stabilisation, max of 4 pods or 100 % per 15 s; scale down:
 * 100 % per 15 s, with the stabilisation window left to the controller's
 * flag). Without `behavior` nothing is filled in and the controller uses its
 * older rules. autoscaling/v1 objects only get minReplicas.
 */

import { deepCopy } from './clone.js';
import { isMap, obj, setDefault, type Json } from './default-helpers.js';

/** DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

export const DEFAULT_SCALE_UP_RULES = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
} as const;

export const DEFAULT_SCALE_DOWN_RULES = {
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
} as const;

function fillRules(rules: unknown, defaults: Json): unknown {
  if (rules === undefined || rules === null) return deepCopy(defaults);
  // Anything but a map is left as written for validation to refuse.
  if (!isMap(rules)) return rules;
  const filled: Json = { ...rules };
  if (filled.stabilizationWindowSeconds === undefined && defaults.stabilizationWindowSeconds !== undefined) {
    filled.stabilizationWindowSeconds = defaults.stabilizationWindowSeconds;
  }
  filled.selectPolicy ??= defaults.selectPolicy;
  if (filled.policies === undefined || filled.policies === null || (Array.isArray(filled.policies) && filled.policies.length === 0)) filled.policies = deepCopy(defaults.policies);
  return filled;
}

export function defaultHorizontalPodAutoscaler(hpa: Json): void {
  const spec = obj(hpa, 'spec');
  setDefault(spec, 'minReplicas', 1);
  if (hpa.apiVersion === 'autoscaling/v1') return;
  // A metrics value that is not a list is left for validation to refuse.
  if (spec.metrics === undefined || spec.metrics === null || (Array.isArray(spec.metrics) && spec.metrics.length === 0)) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (isMap(spec.behavior)) {
    const behavior = spec.behavior;
    spec.behavior = {
      ...behavior,
      scaleUp: fillRules(behavior.scaleUp, DEFAULT_SCALE_UP_RULES),
      scaleDown: fillRules(behavior.scaleDown, DEFAULT_SCALE_DOWN_RULES),
    };
  }
}
