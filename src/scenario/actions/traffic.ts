/**
 * Traffic actions: `set-traffic` changes the request rate of a Service (a
 * Poisson process from then on) and, for a proxy (a traffic entry with
 * `routing`), what its requests look like: host, path or paths, and the
 * shares of requests carrying a header or a cookie. `ingress: NAME` instead
 * of `service` sends the traffic in at that Ingress: to the Service of the
 * ingress controller of its class, for the host of its first rule (unless
 * `host` says otherwise).
 */
import { z } from 'zod';
import type { IngressObject } from '../../traffic/routing/ingress-router.js';
import { requestMixFields } from '../schema/traffic.js';
import { resolveRequestMix } from '../traffic-calls.js';
import { defineAction, missing, OK, type ActionProblem, type ActionRuntime } from './action.js';

const fields = {
  service: z.string().min(1).optional(),
  ingress: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  rps: z.number().min(0).optional(),
  ...requestMixFields,
};

/** The Service (`namespace/name`) the traffic goes to, and the host an Ingress implies; or why there is none. */
function target(action: { service?: string | undefined; ingress?: string | undefined; namespace?: string | undefined }, runtime: ActionRuntime): { key: string; host?: string } | { error: string } {
  const namespace = action.namespace ?? 'default';
  if (action.ingress === undefined) return { key: `${namespace}/${action.service ?? ''}` };
  const ingress = runtime.store.get('Ingress', action.ingress, namespace) as IngressObject | undefined;
  if (ingress === undefined) return { error: `ingress/${action.ingress} does not exist` };
  const className = ingress.spec?.ingressClassName;
  const key = runtime.traffic.ingressController(className);
  if (key === undefined) return { error: `no spec.traffic entry is the controller of ingress/${action.ingress}${className === undefined ? '' : ` (ingressClassName ${className})`}: add one with routing: { ingressClassName }` };
  const host = ingress.spec?.rules?.find((r) => r.host !== undefined)?.host;
  return { key, ...(host === undefined ? {} : { host }) };
}

export const setTraffic = defineAction({
  name: 'set-traffic',
  fields,
  validate: (action, known) => {
    const problems: ActionProblem[] = [];
    if ((action.service === undefined) === (action.ingress === undefined)) problems.push({ path: ['service'], message: 'give either service or ingress' });
    else if (action.service !== undefined && known.get('Service', action.service, action.namespace ?? 'default') === undefined) problems.push(missing('Service', action.service, action.namespace, ['service']));
    else if (action.ingress !== undefined && known.get('Ingress', action.ingress, action.namespace ?? 'default') === undefined) problems.push(missing('Ingress', action.ingress, action.namespace, ['ingress']));
    const mix = resolveRequestMix(action, (path, message) => problems.push({ path, message }));
    if (action.rps === undefined && mix === undefined) problems.push({ path: ['rps'], message: 'set rps, or what requests look like (host, path, paths, headers, cookies)' });
    return problems;
  },
  execute: (action, runtime) => {
    const to = target(action, runtime);
    if ('error' in to) return { ok: false, message: to.error };
    const key = to.key;
    const host = action.host ?? to.host;
    const given = {
      ...(host === undefined ? {} : { host }),
      ...(action.path === undefined && action.paths === undefined ? {} : { paths: action.paths ?? [{ path: action.path ?? '/', share: 1 }] }),
      ...(action.headers === undefined ? {} : { headers: action.headers }),
      ...(action.cookies === undefined ? {} : { cookies: action.cookies }),
    };
    if (Object.keys(given).length > 0 && !runtime.traffic.setRequestMix(key, given)) {
      return { ok: false, message: `service/${key} is not a proxy (its spec.traffic entry has no routing), so host, path, headers and cookies mean nothing to it` };
    }
    if (action.rps !== undefined) runtime.traffic.setRate(key, action.rps);
    return OK;
  },
  describe: (a) => {
    const parts = [
      ...(a.rps === undefined ? [] : [`${a.rps} requests/s`]),
      ...(a.host === undefined ? [] : [`host ${a.host}`]),
      ...(a.path === undefined ? [] : [`path ${a.path}`]),
      ...(a.paths === undefined ? [] : [`paths ${a.paths.map((p) => `${p.path} ×${p.share}`).join(', ')}`]),
      ...(a.headers ?? []).map((h) => `header ${h.name}: ${h.value} on ${Math.round(h.share * 1000) / 10}%`),
      ...(a.cookies ?? []).map((c) => `cookie ${c.name}=${c.value} on ${Math.round(c.share * 1000) / 10}%`),
    ];
    return `traffic to ${a.ingress === undefined ? `service/${a.service ?? ''}` : `ingress/${a.ingress}`}: ${parts.join(', ')}`;
  },
});
