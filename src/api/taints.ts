/** Taints and tolerations (k8s.io/api core/v1 toleration.go ToleratesTaint). */
import type { Taint } from './types/node.js';
import type { Toleration } from './types/pod.js';

/**
 * A toleration matches a taint when its effect is empty or equal, its key is
 * empty or equal, and for operator Equal (or none) the values are equal;
 * an empty key with Exists tolerates everything.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

export function taintTolerated(taint: Taint, tolerations: readonly Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint with one of `effects` that no toleration matches. */
export function firstUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined, effects: ReadonlySet<string>): Taint | undefined {
  return (taints ?? []).find((taint) => effects.has(taint.effect) && !taintTolerated(taint, tolerations));
}
