/**
 * metav1.Condition lists as apimachinery's meta.SetStatusCondition
 * (staging/src/k8s.io/apimachinery/pkg/api/meta/conditions.go) keeps them.
 */
import type { Condition } from './types/meta.js';

/**
 * The condition of that type replaced in place (appended when there is
 * none): reason and message always take the new values, lastTransitionTime
 * moves only when the status changes.
 */
export function setStatusCondition(conditions: readonly Condition[], condition: Condition, nowMs: number): Condition[] {
  const index = conditions.findIndex((c) => c.type === condition.type);
  const existing = index < 0 ? undefined : conditions[index];
  const lastTransitionTime = existing !== undefined && existing.status === condition.status ? existing.lastTransitionTime ?? nowMs : nowMs;
  const next = { ...condition, lastTransitionTime };
  return index < 0 ? [...conditions, next] : conditions.map((c, i) => (i === index ? next : c));
}
