/** HorizontalPodAutoscaler validation (k/k pkg/apis/autoscaling/validation), the fields kubesim reads. */
import { FieldErrors, isRecord } from './common.js';

export function validateHorizontalPodAutoscaler(errors: FieldErrors, object: Record<string, unknown>): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
  if (ref === undefined) errors.add('spec.scaleTargetRef', 'Required value');
  else {
    if (typeof ref.kind !== 'string' || ref.kind === '') errors.add('spec.scaleTargetRef.kind', 'Required value');
    if (typeof ref.name !== 'string' || ref.name === '') errors.add('spec.scaleTargetRef.name', 'Required value');
  }
  const max = spec.maxReplicas;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) errors.add('spec.maxReplicas', `Invalid value: ${JSON.stringify(max)}: must be greater than or equal to 1`);
  const min = spec.minReplicas;
  if (min !== undefined) {
    if (typeof min !== 'number' || !Number.isInteger(min) || min < 1) errors.add('spec.minReplicas', `Invalid value: ${JSON.stringify(min)}: must be greater than or equal to 1`);
    else if (typeof max === 'number' && min > max) errors.add('spec.maxReplicas', `Invalid value: ${max}: must be greater than or equal to \`minReplicas\``);
  }
  const metrics = Array.isArray(spec.metrics) ? spec.metrics : [];
  metrics.forEach((metric: unknown, i) => {
    const m = isRecord(metric) ? metric : {};
    if (m.type !== 'Resource') return;
    const target = isRecord(m.resource) && isRecord(m.resource.target) ? m.resource.target : undefined;
    const utilization = target?.averageUtilization;
    if (target?.type === 'Utilization' && (typeof utilization !== 'number' || utilization < 1)) {
      errors.add(`spec.metrics[${i}].resource.target.averageUtilization`, 'Required value: must be greater than 0');
    }
  });
}
