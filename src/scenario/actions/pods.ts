/** `kubectl delete pod <name>` or `kubectl delete pods -l <selector>`. */
import { z } from 'zod';
import { formatLabels, mapSelectorMatches } from '../../api/labels.js';
import type { Pod } from '../../api/types/pod.js';
import { defineAction, missing, OK } from './action.js';

/**
 * Deletes one named pod, or the pods matching `selector` (at most `count` of
 * them, by name order), gracefully unless `gracePeriodSeconds` says
 * otherwise. Pods made by controllers have generated names, so name them by
 * selector; `pod` is for bare Pod manifests.
 */
export const deletePod = defineAction({
  name: 'delete-pod',
  fields: {
    pod: z.string().optional(),
    selector: z.record(z.string(), z.string()).optional(),
    count: z.number().int().min(1).optional(),
    gracePeriodSeconds: z.number().int().min(0).optional(),
    namespace: z.string().optional(),
  },
  validate(action, known) {
    if ((action.pod === undefined) === (action.selector === undefined)) return [{ path: [], message: 'delete-pod needs exactly one of pod or selector' }];
    if (action.pod !== undefined && known.get('Pod', action.pod, action.namespace ?? 'default') === undefined) {
      return [missing('Pod', action.pod, action.namespace, ['pod'])];
    }
    if (action.selector !== undefined && Object.keys(action.selector).length === 0) return [{ path: ['selector'], message: 'selector must name at least one label' }];
    return [];
  },
  execute(action, runtime) {
    const ns = action.namespace ?? 'default';
    const options = action.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: action.gracePeriodSeconds };
    if (action.pod !== undefined) {
      const result = runtime.kubectl.delete('Pod', action.pod, ns, options);
      return result.ok ? OK : { ok: false, message: result.error.message };
    }
    const victims = runtime.store
      .list('Pod', ns)
      .filter((p: Pod) => p.metadata.deletionTimestamp === undefined && mapSelectorMatches(action.selector, p.metadata.labels))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
      .slice(0, action.count ?? Number.POSITIVE_INFINITY);
    if (victims.length === 0) return { ok: false, message: `No resources found in ${ns} namespace matching ${formatLabels(action.selector)}` };
    for (const pod of victims) runtime.kubectl.delete('Pod', pod.metadata.name, ns, options);
    return OK;
  },
  describe: (a) =>
    a.pod !== undefined
      ? `delete pod/${a.pod}`
      : `delete pods -l ${formatLabels(a.selector)}${a.count === undefined ? '' : ` (${a.count})`}`,
});
