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
});

export const traffic = z.array(trafficEntry);

export type TrafficEntryInput = z.infer<typeof trafficEntry>;
