/** `spec.traffic`: requests to Services (see traffic/ and docs/traffic.md). */
import { z } from 'zod';
import { cpuQuantity, distribution, durationMs, quantity } from './primitives.js';

const rateStep = z.strictObject({ at: durationMs, rps: z.number().min(0) });

export const traceReplay = z.strictObject({
  /** A trace file, relative to the scenario (the Azure LLM inference trace format). */
  file: z.string().min(1),
  /** Trace time is multiplied by this: 0.5 replays twice as fast. */
  timeScale: z.number().positive().default(1),
  /** When the trace's first request arrives in the run. */
  start: durationMs.default(0),
  /** Largest trace file read (bytes, a quantity such as 2Gi); default 512Mi (docs/traces.md). */
  maxFileSize: quantity.optional(),
});

/** One call a pod makes for each request it serves (docs/traffic.md, "Call graphs"). */
const call = z.strictObject({
  service: z.string().min(1),
  namespace: z.string().min(1).optional(),
  /** Calls per request (default 1). */
  count: z.number().int().min(1).optional(),
  /** Each call is made with this probability (default 1). */
  probability: z.number().min(0).max(1).optional(),
  /** The caller gives up on an attempt after this long (default: the called Service's traffic timeout). */
  timeout: durationMs.optional(),
  /** Further attempts after a failed one (default 0). */
  retries: z.number().int().min(0).max(10).optional(),
});

/** A step: one call, or calls made at once. */
const callStep = z.union([call, z.strictObject({ parallel: z.array(call).min(1) })]);

const taggedShare = z.strictObject({ name: z.string().min(1), value: z.string(), share: z.number().min(0).max(1) });

/** What a request looks like to a proxy; `set-traffic` takes the same fields. */
export const requestMixFields = {
  /** The Host header (without: only rules without a host match). */
  host: z.string().min(1).optional(),
  /** One path for every request... */
  path: z.string().startsWith('/').optional(),
  /** ...or a mix: each path with its share (shares are relative weights). */
  paths: z.array(z.strictObject({ path: z.string().startsWith('/'), share: z.number().positive() })).min(1).optional(),
  /** Headers set on a share of requests (canary-by-header, HTTPRoute header matches). */
  headers: z.array(taggedShare).optional(),
  /** Cookies set on a share of requests (canary-by-cookie). */
  cookies: z.array(taggedShare).optional(),
};

export const trafficEntry = z.strictObject({
  service: z.string().min(1),
  namespace: z.string().min(1).optional(),
  /** Requests per second (a Poisson process), or steps `{ at, rps }`. */
  rps: z.union([z.number().min(0), z.array(rateStep).min(1)]).optional(),
  /** Replay a trace's arrival times instead. */
  trace: traceReplay.optional(),
  serviceTime: distribution.optional(),
  concurrency: z.number().int().min(1).optional(),
  queueLimit: z.number().int().min(0).optional(),
  timeout: durationMs.optional(),
  loadBalancing: z.enum(['random', 'round-robin']).optional(),
  cpuPerRequest: durationMs.optional(),
  idleCpu: cpuQuantity.optional(),
  versionLabel: z.string().min(1).optional(),
  networkDelay: distribution.optional(),
  /** Calls each pod of this Service makes per request: steps in order, a step one call or `parallel: [calls]`. */
  calls: z.array(callStep).optional(),
  /** The Service's pods are a proxy: an ingress controller of an IngressClass, or a Gateway routing by its HTTPRoutes. */
  routing: z.union([z.strictObject({ ingressClassName: z.string().min(1) }), z.strictObject({ gateway: z.string().min(1), namespace: z.string().min(1).optional() })]).optional(),
  ...requestMixFields,
});

export type CallInput = z.infer<typeof call>;
export type CallStepInput = z.infer<typeof callStep>;
export type RequestMixInput = { readonly [K in keyof typeof requestMixFields]?: z.infer<(typeof requestMixFields)[K]> };

export const traffic = z.array(trafficEntry);

export type TrafficEntryInput = z.infer<typeof trafficEntry>;
