/**
 * A Deployment as `kubectl describe deployment` shows it (labels,
 * annotations, selector, desired replicas, strategy, pod template,
 * conditions), kept at each change so `kubesim describe` can show it at
 * any simulated time (src/report/describe/); the status counts change far
 * more often and are in the Deployment's series.
 */
import type { Deployment } from '../../api/types/apps.js';
import { plainEqual } from '../plain-equal.js';
import type { DeploymentState } from '../types.js';

function stringMap(values: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, String(v)]));
}

export function deploymentState(d: Deployment, tMs: number): DeploymentState {
  const status = d.status ?? {};
  const rollingUpdate = d.spec.strategy.rollingUpdate;
  return {
    tMs,
    labels: { ...(d.metadata.labels ?? {}) },
    annotations: { ...(d.metadata.annotations ?? {}) },
    selector: d.spec.selector,
    replicas: d.spec.replicas,
    strategyType: d.spec.strategy.type,
    minReadySeconds: d.spec.minReadySeconds,
    ...(d.spec.strategy.type !== 'RollingUpdate' || rollingUpdate === undefined ? {} : { rollingUpdate: { maxUnavailable: String(rollingUpdate.maxUnavailable ?? 0), maxSurge: String(rollingUpdate.maxSurge ?? 0) } }),
    template: {
      labels: { ...(d.spec.template.metadata?.labels ?? {}) },
      containers: d.spec.template.spec.containers.map((c) => {
        const requests = c.resources?.requests;
        return { name: c.name, image: c.image ?? '', ...(requests === undefined || Object.keys(requests).length === 0 ? {} : { requests: stringMap(requests) }) };
      }),
    },
    conditions: (status.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '' })),
  };
}

/**
 * Whether deploymentState reads the same from `d` as from `old`: the very
 * same metadata and spec objects (stored objects are immutable, unchanged
 * parts shared), and conditions that differ at most in what describe does
 * not show (a status write moves the Progressing condition's
 * lastUpdateTime without changing its reason or message).
 */
export function sameDescribedParts(old: Deployment, d: Deployment): boolean {
  return old.metadata.labels === d.metadata.labels && old.metadata.annotations === d.metadata.annotations &&
    old.spec === d.spec && sameDescribedConditions(old.status?.conditions, d.status?.conditions);
}

type Conditions = NonNullable<NonNullable<Deployment['status']>['conditions']>;

function sameDescribedConditions(old: Conditions | undefined, now: Conditions | undefined): boolean {
  if (old === now) return true;
  const before = old ?? [];
  const after = now ?? [];
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) {
    const a = before[i] as Conditions[number];
    const b = after[i] as Conditions[number];
    if (a.type !== b.type || a.status !== b.status || (a.reason ?? '') !== (b.reason ?? '') || (a.message ?? '') !== (b.message ?? '')) return false;
  }
  return true;
}

/** Appends the state if it differs from the last one (one per instant: the latest wins). */
export function pushState(states: DeploymentState[], state: DeploymentState): void {
  const last = states[states.length - 1];
  const { tMs: _lastAt, ...lastValues } = last ?? { tMs: 0 };
  const { tMs: _at, ...values } = state;
  if (last !== undefined && plainEqual(lastValues, values)) return;
  if (last !== undefined && last.tMs === state.tMs) states[states.length - 1] = state;
  else states.push(state);
}
