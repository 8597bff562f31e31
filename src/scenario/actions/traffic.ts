/** Traffic actions: `set-traffic` changes the request rate of a Service (a Poisson process from then on). */
import { z } from 'zod';
import { defineAction, missing, OK } from './action.js';

export const setTraffic = defineAction({
  name: 'set-traffic',
  fields: { service: z.string().min(1), namespace: z.string().min(1).optional(), rps: z.number().min(0) },
  validate: (action, known) =>
    known.get('Service', action.service, action.namespace ?? 'default') === undefined ? [missing('Service', action.service, action.namespace, ['service'])] : [],
  execute: (action, runtime) => {
    runtime.traffic.setRate(`${action.namespace ?? 'default'}/${action.service}`, action.rps);
    return OK;
  },
  describe: (a) => `traffic to service/${a.service}: ${a.rps} requests/s`,
});
