/**
 * `kubectl apply` (client-side): create the object, or patch the live one.
 * The manifest as applied is kept in the kubectl.kubernetes.io/last-applied-
 * configuration annotation; on the next apply a label or annotation is
 * removed only if the previous manifest set it and the new one does not, so
 * what the server and controllers added (deployment.kubernetes.io/revision,
 * ...) survives. The manifest's other top-level fields (spec, data, ...)
 * replace the live ones; status stays the server's.
 */
import type { ApiResult } from '../../api/api-error.js';
import { isNamespaced } from '../../api/kinds.js';
import type { ApiStore } from '../../api/store.js';
import type { KubeObject, KubeObjectInput } from '../../api/types/meta.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

type StringMap = Readonly<Record<string, string>>;

function lastApplied(live: KubeObject): KubeObjectInput | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as KubeObjectInput;
  } catch {
    return undefined;
  }
}

/** Three-way merge of one map: live, minus keys only the previous manifest had, plus the new manifest's. */
export function mergeApplied(live: StringMap | undefined, previous: StringMap | undefined, desired: StringMap | undefined): Record<string, string> {
  const merged: Record<string, string> = { ...live };
  for (const key of Object.keys(previous ?? {})) if (desired?.[key] === undefined) delete merged[key];
  return { ...merged, ...desired };
}

export function applyManifest(store: ApiStore, object: KubeObjectInput): ApiResult<KubeObject> {
  const recorded = JSON.stringify(object);
  const annotations = { ...object.metadata.annotations, [LAST_APPLIED_ANNOTATION]: recorded };
  const name = object.metadata.name ?? '';
  const ns = isNamespaced(object.kind) ? (object.metadata.namespace ?? 'default') : undefined;
  const live = store.get(object.kind, name, ns);
  if (live === undefined) return store.create({ ...object, metadata: { ...object.metadata, annotations } });
  const previous = lastApplied(live);
  return store.update({
    ...live,
    ...(object as object),
    metadata: {
      ...live.metadata,
      labels: mergeApplied(live.metadata.labels, previous?.metadata.labels, object.metadata.labels),
      annotations: mergeApplied(live.metadata.annotations, previous?.metadata.annotations, annotations),
      resourceVersion: '',
    },
    ...('status' in live ? { status: (live as { status?: unknown }).status } : {}),
  });
}
