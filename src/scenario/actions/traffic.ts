/**
 * Traffic actions: `set-traffic` changes the request rate of a Service (a
 * Poisson process from then on) and, for a proxy (a traffic entry with
 * `routing`), what its requests look like: host, path or paths, and the
 * shares of requests carrying a header or a cookie.
 */
import { z } from 'zod';
import { requestMixFields } from '../schema/traffic.js';
import { resolveRequestMix } from '../traffic-calls.js';
import { defineAction, missing, OK, type ActionProblem } from './action.js';

const fields = { service: z.string().min(1), namespace: z.string().min(1).optional(), rps: z.number().min(0).optional(), ...requestMixFields };

export const setTraffic = defineAction({
  name: 'set-traffic',
  fields,
  validate: (action, known) => {
    const problems: ActionProblem[] = [];
    if (known.get('Service', action.service, action.namespace ?? 'default') === undefined) problems.push(missing('Service', action.service, action.namespace, ['service']));
    const mix = resolveRequestMix(action, (path, message) => problems.push({ path, message }));
    if (action.rps === undefined && mix === undefined) problems.push({ path: ['rps'], message: 'set rps, or what requests look like (host, path, paths, headers, cookies)' });
    return problems;
  },
  execute: (action, runtime) => {
    const key = `${action.namespace ?? 'default'}/${action.service}`;
    const given = {
      ...(action.host === undefined ? {} : { host: action.host }),
      ...(action.path === undefined && action.paths === undefined ? {} : { paths: action.paths ?? [{ path: action.path ?? '/', share: 1 }] }),
      ...(action.headers === undefined ? {} : { headers: action.headers }),
      ...(action.cookies === undefined ? {} : { cookies: action.cookies }),
    };
    if (Object.keys(given).length > 0 && !runtime.traffic.setRequestMix(key, given)) {
      return { ok: false, message: `service/${action.service} is not a proxy (its spec.traffic entry has no routing), so host, path, headers and cookies mean nothing to it` };
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
    return `traffic to service/${a.service}: ${parts.join(', ')}`;
  },
});
