/** HorizontalPodAutoscaler validation (k/k pkg/apis/autoscaling/validation), the fields kubesim reads. */
import { checkResourceQuantity, quantityToMilli } from '../quantity.js';
import { FieldErrors, isRecord, validateObjectList } from './common.js';

export function validateHorizontalPodAutoscaler(errors: FieldErrors, object: Record<string, unknown>): void {
  if (!isRecord(object.spec)) {
    errors.add('spec', object.spec === undefined || object.spec === null ? 'Required value' : `Invalid value: ${JSON.stringify(object.spec)}: must be an object`);
    return;
  }
  const spec = object.spec;
  const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
  if (ref === undefined) errors.add('spec.scaleTargetRef', 'Required value');
  else {
    if (typeof ref.kind !== 'string' || ref.kind === '') errors.add('spec.scaleTargetRef.kind', 'Required value');
    if (typeof ref.name !== 'string' || ref.name === '') errors.add('spec.scaleTargetRef.name', 'Required value');
  }
  const max = spec.maxReplicas;
  if (max === undefined) errors.add('spec.maxReplicas', 'Required value');
  else if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) errors.add('spec.maxReplicas', `Invalid value: ${JSON.stringify(max)}: must be greater than or equal to 1`);
  const min = spec.minReplicas;
  if (min !== undefined) {
    if (typeof min !== 'number' || !Number.isInteger(min) || min < 1) errors.add('spec.minReplicas', `Invalid value: ${JSON.stringify(min)}: must be greater than or equal to 1`);
    else if (typeof max === 'number' && min > max) errors.add('spec.maxReplicas', `Invalid value: ${max}: must be greater than or equal to \`minReplicas\``);
  }
  validateObjectList(errors, 'spec.metrics', spec.metrics, (at, metric) => validateMetricSpec(errors, at, metric));
  validateBehavior(errors, spec.behavior);
}

/** MaxStabilizationWindowSeconds, MaxPeriodSeconds. */
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** validateBehavior and validateScalingRules (after defaulting has filled in what was left out). */
function validateBehavior(errors: FieldErrors, behavior: unknown): void {
  if (behavior === undefined || behavior === null) return;
  if (!isRecord(behavior)) {
    errors.add('spec.behavior', `Invalid value: ${JSON.stringify(behavior)}: must be an object`);
    return;
  }
  for (const side of ['scaleUp', 'scaleDown']) {
    const at = `spec.behavior.${side}`;
    const rules = behavior[side];
    if (rules === undefined || rules === null) continue;
    if (!isRecord(rules)) {
      errors.add(at, `Invalid value: ${JSON.stringify(rules)}: must be an object`);
      continue;
    }
    const window = rules.stabilizationWindowSeconds;
    if (window !== undefined) {
      if (!isInteger(window)) errors.add(`${at}.stabilizationWindowSeconds`, `Invalid value: ${JSON.stringify(window)}: must be an integer`);
      else if (window < 0) errors.add(`${at}.stabilizationWindowSeconds`, `Invalid value: ${window}: must be greater than or equal to zero`);
      else if (window > MAX_STABILIZATION_WINDOW_SECONDS) errors.add(`${at}.stabilizationWindowSeconds`, `Invalid value: ${window}: must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`);
    }
    if (rules.selectPolicy !== undefined && !SELECT_POLICIES.includes(rules.selectPolicy as string)) {
      errors.add(`${at}.selectPolicy`, `Unsupported value: ${JSON.stringify(rules.selectPolicy)}: supported values: ${SELECT_POLICIES.map((p) => `"${p}"`).join(', ')}`);
    }
    if (!Array.isArray(rules.policies)) {
      errors.add(`${at}.policies`, `Invalid value: ${JSON.stringify(rules.policies)}: must be a list`);
      continue;
    }
    if (rules.policies.length === 0) errors.add(`${at}.policies`, 'Required value: must specify at least one Policy');
    validateObjectList(errors, `${at}.policies`, rules.policies, (policyAt, policy) => validateScalingPolicy(errors, policyAt, policy));
  }
}

function validateScalingPolicy(errors: FieldErrors, at: string, policy: Record<string, unknown>): void {
  if (!POLICY_TYPES.includes(policy.type as string)) errors.add(`${at}.type`, `Unsupported value: ${JSON.stringify(policy.type)}: supported values: "Percent", "Pods"`);
  if (!isInteger(policy.value) || policy.value <= 0) errors.add(`${at}.value`, `Invalid value: ${JSON.stringify(policy.value)}: must be greater than zero`);
  const period = policy.periodSeconds;
  if (!isInteger(period) || period <= 0) errors.add(`${at}.periodSeconds`, `Invalid value: ${JSON.stringify(period)}: must be greater than zero`);
  else if (period > MAX_PERIOD_SECONDS) errors.add(`${at}.periodSeconds`, `Invalid value: ${period}: must be less than or equal to ${MAX_PERIOD_SECONDS}`);
}

const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const METRIC_TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];

/** validateMetricSpec; only Resource sources are read by kubesim, so only they are checked in depth. */
function validateMetricSpec(errors: FieldErrors, at: string, metric: Record<string, unknown>): void {
  if (typeof metric.type !== 'string' || metric.type === '') {
    errors.add(`${at}.type`, 'Required value: must specify a metric source type');
    return;
  }
  if (!METRIC_SOURCE_TYPES.includes(metric.type)) {
    errors.add(`${at}.type`, `Unsupported value: ${JSON.stringify(metric.type)}: supported values: ${METRIC_SOURCE_TYPES.map((t) => `"${t}"`).join(', ')}`);
    return;
  }
  if (metric.type !== 'Resource') return;
  const resource = metric.resource;
  if (!isRecord(resource)) {
    errors.add(`${at}.resource`, 'Required value: must populate information for the given metric source');
    return;
  }
  const name = resource.name;
  if (typeof name !== 'string' || name === '') errors.add(`${at}.resource.name`, 'Required value: must specify a resource name');
  const target = resource.target;
  if (!isRecord(target)) {
    errors.add(`${at}.resource.target`, 'Required value: must specify a metric target');
    return;
  }
  validateMetricTarget(errors, `${at}.resource.target`, typeof name === 'string' ? name : '', target);
}

/** validateMetricTarget and the Resource source's rule: a utilization or an average value, not both. */
function validateMetricTarget(errors: FieldErrors, at: string, resourceName: string, target: Record<string, unknown>): void {
  if (typeof target.type !== 'string' || target.type === '') errors.add(`${at}.type`, 'Required value: must specify a metric target type');
  else if (!METRIC_TARGET_TYPES.includes(target.type)) errors.add(`${at}.type`, `Invalid value: ${JSON.stringify(target.type)}: must be either Utilization, Value, or AverageValue`);
  const utilization = target.averageUtilization;
  if (utilization !== undefined && (typeof utilization !== 'number' || !Number.isInteger(utilization) || utilization < 1 || utilization > 2 ** 31 - 1)) {
    errors.add(`${at}.averageUtilization`, `Invalid value: ${JSON.stringify(utilization)}: must be greater than 0`);
  }
  for (const field of ['value', 'averageValue'] as const) {
    const quantity = target[field];
    if (quantity === undefined) continue;
    const problem = checkResourceQuantity(resourceName, quantity) ?? (quantityToMilli(quantity as string | number) <= 0 ? 'must be positive' : undefined);
    if (problem !== undefined) errors.add(`${at}.${field}`, `Invalid value: ${JSON.stringify(quantity)}: ${problem}`);
  }
  if (utilization === undefined && target.averageValue === undefined) {
    errors.add(`${at}.averageUtilization`, 'Required value: must set either a target raw value or a target utilization');
  } else if (utilization !== undefined && target.averageValue !== undefined) {
    errors.add(`${at}.averageValue`, 'Forbidden: may not set both a target raw value and a target utilization');
  }
}
