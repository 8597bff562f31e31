/** `kubectl patch <kind> <name> -p '<patch>'` with a strategic merge patch. */
import { z } from 'zod';
import { isNamespaced } from '../../api/kinds.js';
import type { KubeObject } from '../../api/types/meta.js';
import { objectFields } from '../../api/validation/fields/kinds.js';
import { defineAction, missing, OK, type ActionProblem } from './action.js';
import { patchProblems, strategicMerge } from './strategic-merge.js';

/** Fields a patch may not change: identity and server-set metadata. */
const PROTECTED_METADATA = ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation'];

export const patch = defineAction({
  name: 'patch',
  fields: { kind: z.string(), name: z.string(), namespace: z.string().optional(), patch: z.record(z.string(), z.unknown()) },
  validate(action, known) {
    const ns = isNamespaced(action.kind) ? action.namespace ?? 'default' : undefined;
    const live = known.get(action.kind, action.name, ns);
    if (live === undefined) return [missing(action.kind, action.name, ns, ['name'])];
    const fields = objectFields(live.kind, live.apiVersion);
    const problems: ActionProblem[] = (fields === undefined ? [] : patchProblems(action.patch, fields)).map((p) => ({ path: ['patch', ...p.path], message: p.message }));
    if (problems.length > 0) return problems;
    const metadata = action.patch.metadata;
    if (typeof metadata === 'object' && metadata !== null) {
      const bad = Object.keys(metadata).filter((k) => PROTECTED_METADATA.includes(k));
      if (bad.length > 0) return [{ path: ['patch', 'metadata', bad[0] as string], message: `metadata.${bad[0] as string} cannot be patched` }];
    }
    return [];
  },
  execute(action, runtime) {
    const ns = isNamespaced(action.kind) ? action.namespace ?? 'default' : undefined;
    const result = runtime.kubectl.patch(action.kind, action.name, ns, (current) => {
      const merged = strategicMerge(current as unknown as Record<string, unknown>, action.patch, objectFields(current.kind, current.apiVersion));
      const live = current.metadata as unknown as Record<string, unknown>;
      const kept = Object.fromEntries<unknown>(PROTECTED_METADATA.map((k): [string, unknown] => [k, live[k]]).filter(([, v]) => v !== undefined));
      return { ...merged, metadata: { ...(merged.metadata as object), ...kept } } as unknown as KubeObject;
    });
    return result.ok ? OK : { ok: false, message: result.error.message };
  },
  describe: (a) => `patch ${a.kind.toLowerCase()}/${a.name} -p ${JSON.stringify(a.patch)}`,
});
