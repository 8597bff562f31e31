/**
 * `kubectl rollout undo|pause|resume|restart` (staging/src/k8s.io/kubectl/pkg/cmd/rollout,
 * and kubectl/pkg/polymorphichelpers/rollback.go for undo),
 * done as kubectl does them: client-side reads of the Deployment's
 * ReplicaSets and one patch of the Deployment.
 */
import { z } from 'zod';
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import { annotationsFromReplicaSet, templateWithoutHash } from '../../controllers/deployment/rollback.js';
import { equalIgnoreHash, REVISION_ANNOTATION } from '../../controllers/deployment/util.js';
import { isControlledBy } from '../../controllers/owner.js';
import { selectorMatches } from '../../api/labels.js';
import { defineAction, missing, OK, type ActionOutcome, type ActionRuntime, type KnownObjects } from './action.js';

const namespace = z.string().optional();
/** kubectl's objectrestarter annotation. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

function validateDeployment(action: { deployment: string; namespace?: string | undefined }, known: KnownObjects) {
  return known.get('Deployment', action.deployment, action.namespace ?? 'default') === undefined
    ? [missing('Deployment', action.deployment, action.namespace, ['deployment'])]
    : [];
}

function notFound(name: string): ActionOutcome {
  return { ok: false, message: `deployments.apps "${name}" not found` };
}

/** Revision() in kubectl: the annotation as an integer; undefined when missing or unparsable. */
function revision(rs: ReplicaSet): number | undefined {
  const raw = rs.metadata.annotations?.[REVISION_ANNOTATION];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/**
 * deploymentRevision: the ReplicaSet of `toRevision`, or with 0 the one
 * with the second highest revision (kubectl polymorphichelpers/rollback.go).
 */
export function revisionReplicaSet(d: Deployment, replicaSets: readonly ReplicaSet[], toRevision: number): ReplicaSet | string {
  const owned = replicaSets.filter((rs) => isControlledBy(rs, d) && selectorMatches(d.spec.selector, rs.metadata.labels));
  let latest: { rs?: ReplicaSet; v: number } = { v: -1 };
  let previous: { rs?: ReplicaSet; v: number } = { v: -1 };
  for (const rs of owned) {
    const v = revision(rs);
    if (v === undefined) continue;
    if (toRevision > 0) {
      if (v === toRevision) return rs;
    } else if (latest.v < v) {
      previous = latest;
      latest = { rs, v };
    } else if (previous.v < v) {
      previous = { rs, v };
    }
  }
  if (toRevision > 0) return `unable to find specified revision ${toRevision} in history`;
  return previous.rs ?? `no rollout history found for deployment "${d.metadata.name}"`;
}

/** `kubectl rollout undo deployment/<d> [--to-revision=N]`. */
export const rolloutUndo = defineAction({
  name: 'rollout-undo',
  fields: { deployment: z.string(), toRevision: z.number().int().min(0).optional(), namespace },
  validate: validateDeployment,
  execute(action, runtime: ActionRuntime): ActionOutcome {
    const ns = action.namespace ?? 'default';
    const d = runtime.store.get('Deployment', action.deployment, ns);
    if (d === undefined) return notFound(action.deployment);
    if (d.spec.paused === true) {
      return { ok: false, message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" };
    }
    const target = revisionReplicaSet(d, runtime.store.list('ReplicaSet', ns), action.toRevision ?? 0);
    if (typeof target === 'string') return { ok: false, message: target };
    if (equalIgnoreHash(target.spec.template, d.spec.template)) {
      runtime.kubectl.event(d, 'Normal', 'RollbackSkipped', `skipped rollback (current template already matches revision ${revision(target) ?? 0})`);
      return OK;
    }
    const result = runtime.kubectl.patch('Deployment', d.metadata.name, ns, (current) => ({
      ...current,
      metadata: { ...current.metadata, annotations: annotationsFromReplicaSet(current, target) },
      spec: { ...current.spec, template: templateWithoutHash(target.spec.template) },
    }));
    return result.ok ? OK : { ok: false, message: result.error.message };
  },
  describe: (a) => `rollout undo deployment/${a.deployment}${a.toRevision === undefined ? '' : ` --to-revision=${a.toRevision}`}`,
});

function setPaused(paused: boolean) {
  return defineAction({
    name: paused ? 'rollout-pause' : 'rollout-resume',
    fields: { deployment: z.string(), namespace },
    validate: validateDeployment,
    execute(action, runtime): ActionOutcome {
      const ns = action.namespace ?? 'default';
      const d = runtime.store.get('Deployment', action.deployment, ns);
      if (d === undefined) return notFound(action.deployment);
      // objectpauser / objectresumer refuse a no-op.
      if ((d.spec.paused === true) === paused) return { ok: false, message: `deployments.apps "${action.deployment}" is already ${paused ? 'paused' : 'resumed'}` };
      const result = runtime.kubectl.patch('Deployment', d.metadata.name, ns, (current) => ({ ...current, spec: { ...current.spec, paused } }));
      return result.ok ? OK : { ok: false, message: result.error.message };
    },
    describe: (a) => `rollout ${paused ? 'pause' : 'resume'} deployment/${a.deployment}`,
  });
}

/** `kubectl rollout pause deployment/<d>`: sets spec.paused. */
export const rolloutPause = setPaused(true);
/** `kubectl rollout resume deployment/<d>`: clears spec.paused. */
export const rolloutResume = setPaused(false);

/** RFC 3339 of a simulated time, read as Unix time (t = 0 is 1970-01-01T00:00:00Z). */
export function simTimeRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `kubectl rollout restart deployment/<d>`: a new restartedAt template annotation, so a new ReplicaSet. */
export const rolloutRestart = defineAction({
  name: 'rollout-restart',
  fields: { deployment: z.string(), namespace },
  validate: validateDeployment,
  execute(action, runtime): ActionOutcome {
    const ns = action.namespace ?? 'default';
    const d = runtime.store.get('Deployment', action.deployment, ns);
    if (d === undefined) return notFound(action.deployment);
    if (d.spec.paused === true) return { ok: false, message: "can't restart paused deployment (run rollout resume first)" };
    const at = simTimeRfc3339(runtime.sim.nowMs);
    const result = runtime.kubectl.patch('Deployment', d.metadata.name, ns, (current) => ({
      ...current,
      spec: {
        ...current.spec,
        template: {
          ...current.spec.template,
          metadata: { ...current.spec.template.metadata, annotations: { ...current.spec.template.metadata?.annotations, [RESTARTED_AT_ANNOTATION]: at } },
        },
      },
    }));
    return result.ok ? OK : { ok: false, message: result.error.message };
  },
  describe: (a) => `rollout restart deployment/${a.deployment}`,
});
