/** kubectl-style workload actions: set-image, scale, apply, delete. */
import { z } from 'zod';
import { isNamespaced } from '../../api/kinds.js';
import type { Deployment } from '../../api/types/apps.js';
import type { KubeObjectInput } from '../../api/types/meta.js';
import { applyManifest } from './apply-manifest.js';
import { defineAction, missing, OK, type ActionOutcome, type ActionRuntime } from './action.js';

const namespace = z.string().optional();

/** The name a manifest as written gives itself, or '' (validation reports a missing one). */
function manifestName(manifest: Record<string, unknown>): string {
  const name = (manifest.metadata as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : '';
}

function deploymentOf(runtime: ActionRuntime, name: string, ns: string | undefined): Deployment | undefined {
  return runtime.store.get('Deployment', name, ns ?? 'default');
}

/** `kubectl set image deployment/<deployment> <container>=<image>`. */
export const setImage = defineAction({
  name: 'set-image',
  fields: { deployment: z.string(), container: z.string(), image: z.string().min(1), namespace },
  validate(action, known) {
    // A manifest as written: validation of its fields may have failed, so any level may be missing.
    const d = known.get('Deployment', action.deployment, action.namespace ?? 'default') as { spec?: { template?: { spec?: { containers?: ReadonlyArray<{ name: string }> } } } } | undefined;
    if (d === undefined) return [missing('Deployment', action.deployment, action.namespace, ['deployment'])];
    const containers = d.spec?.template?.spec?.containers ?? [];
    if (!containers.some((c) => c.name === action.container)) {
      return [{ path: ['container'], message: `Deployment "${action.deployment}" has no container "${action.container}" (it has: ${containers.map((c) => c.name).join(', ')})` }];
    }
    return [];
  },
  execute(action, runtime): ActionOutcome {
    const d = deploymentOf(runtime, action.deployment, action.namespace);
    if (d === undefined) return { ok: false, message: `deployments.apps "${action.deployment}" not found` };
    if (!d.spec.template.spec.containers.some((c) => c.name === action.container)) {
      return { ok: false, message: `unable to find container named "${action.container}"` };
    }
    const result = runtime.kubectl.patch('Deployment', action.deployment, action.namespace ?? 'default', (current) => ({
      ...current,
      spec: {
        ...current.spec,
        template: {
          ...current.spec.template,
          spec: {
            ...current.spec.template.spec,
            containers: current.spec.template.spec.containers.map((c) => (c.name === action.container ? { ...c, image: action.image } : c)),
          },
        },
      },
    }));
    return result.ok ? OK : { ok: false, message: result.error.message };
  },
  describe: (a) => `set image deployment/${a.deployment} ${a.container}=${a.image}`,
});

/** The kinds `scale` accepts, by field name. */
const SCALABLE = { deployment: 'Deployment', replicaset: 'ReplicaSet', statefulset: 'StatefulSet' } as const;
type ScaleTarget = { deployment?: string | undefined; replicaset?: string | undefined; statefulset?: string | undefined };

function scaleTarget(action: ScaleTarget): Array<{ field: keyof typeof SCALABLE; kind: string; name: string }> {
  return (Object.keys(SCALABLE) as Array<keyof typeof SCALABLE>)
    .filter((field) => action[field] !== undefined)
    .map((field) => ({ field, kind: SCALABLE[field], name: action[field] as string }));
}

/** `kubectl scale deployment/<name> --replicas=N` (or replicaset/, statefulset/). */
export const scale = defineAction({
  name: 'scale',
  fields: { deployment: z.string().optional(), replicaset: z.string().optional(), statefulset: z.string().optional(), replicas: z.number().int().min(0), namespace },
  validate(action, known) {
    const targets = scaleTarget(action);
    if (targets.length !== 1) return [{ path: [], message: 'scale needs exactly one of deployment, replicaset or statefulset' }];
    const { field, kind, name } = targets[0] as (typeof targets)[number];
    return known.get(kind, name, action.namespace ?? 'default') === undefined ? [missing(kind, name, action.namespace, [field])] : [];
  },
  execute(action, runtime) {
    const target = scaleTarget(action)[0];
    if (target === undefined) return { ok: false, message: 'nothing to scale' };
    const result = runtime.kubectl.patch(target.kind, target.name, action.namespace ?? 'default', (current) => ({
      ...current,
      spec: { ...(current as unknown as { spec: object }).spec, replicas: action.replicas },
    }) as typeof current);
    return result.ok ? OK : { ok: false, message: result.error.message };
  },
  describe: (a) => `scale ${scaleTarget(a).map((t) => `${t.field}/${t.name}`).join(' ')} --replicas=${a.replicas}`,
});

const manifestList = z.array(z.record(z.string(), z.unknown())).min(1);

/** The manifests an apply action carries once its files are read (the loader fills `fileManifests`). */
export const APPLY_FILE_MANIFESTS = 'fileManifests';

function asInput(object: Record<string, unknown>): KubeObjectInput {
  return object as unknown as KubeObjectInput;
}

/**
 * `kubectl apply`: create each object, or replace its spec, labels and
 * annotations if it exists. `files` (paths relative to the scenario, like
 * `kubectl apply -f`) are read at load time and applied after `manifests`.
 */
export const apply = defineAction({
  name: 'apply',
  fields: { manifests: manifestList.optional(), files: z.array(z.string().min(1)).min(1).optional() },
  manifests: (action) => (action.manifests ?? []).map((object, index) => ({ object, path: ['manifests', index] })),
  validate: (action) => (action.manifests === undefined && action.files === undefined ? [{ path: [], message: 'apply needs manifests, files, or both' }] : []),
  execute(action, runtime) {
    const fromFiles = (action as { [APPLY_FILE_MANIFESTS]?: ReadonlyArray<Record<string, unknown>> })[APPLY_FILE_MANIFESTS] ?? [];
    for (const raw of [...(action.manifests ?? []), ...fromFiles]) {
      const result = applyManifest(runtime.store, asInput(raw));
      if (!result.ok) return { ok: false, message: result.error.message };
    }
    return OK;
  },
  describe: (a) => `apply ${[
    ...(a.manifests ?? []).map((m) => `${String(m.kind)}/${manifestName(m)}`),
    ...(a.files ?? []).map((f) => `-f ${f}`),
  ].join(', ')}`,
});

/** `kubectl delete <kind> <name>` with background cascading deletion. */
export const deleteObject = defineAction({
  name: 'delete',
  fields: { kind: z.string(), name: z.string(), namespace },
  validate(action, known) {
    const ns = isNamespaced(action.kind) ? action.namespace ?? 'default' : undefined;
    return known.get(action.kind, action.name, ns) === undefined ? [missing(action.kind, action.name, ns, ['name'])] : [];
  },
  execute(action, runtime) {
    const ns = isNamespaced(action.kind) ? action.namespace ?? 'default' : undefined;
    const result = runtime.kubectl.delete(action.kind, action.name, ns);
    return result.ok ? OK : { ok: false, message: result.error.message };
  },
  describe: (a) => `delete ${a.kind.toLowerCase()}/${a.name}`,
});
