/**
 * `spec.workloads`: workloads replayed from a real cluster trace. Times in
 * `window` are trace time: a number is seconds (as in the trace files), a
 * string is a duration (`115d`, `9960000s`).
 */
import { z } from 'zod';
import { parseDuration } from '../../engine/time.js';
import { nodeAgent } from '../schema/cluster.js';
import { dnsName, quantity } from '../schema/primitives.js';
import { ALIBABA_GPU_V2023 } from './alibaba-gpu.js';

const traceTimeMs = z.union([z.number().min(0), z.string()], { error: 'expected trace seconds (a number) or a duration such as 115d' }).transform((value, ctx) => {
  if (typeof value === 'number') return Math.round(value * 1000);
  const parsed = parseDuration(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.ms;
});

export const traceWorkload = z.strictObject({
  trace: z.literal(ALIBABA_GPU_V2023, { error: `expected trace: ${ALIBABA_GPU_V2023} (the only trace kubesim reads so far)` }),
  /** The node list CSV, relative to the scenario file. */
  nodes: z.string().min(1),
  /** The pod list CSV, relative to the scenario file. */
  pods: z.string().min(1),
  namespace: dnsName.default('default'),
  /** Simulated time = trace time × timeScale (0.5 replays twice as fast). */
  timeScale: z.number().positive().default(1),
  /** Replay only pods alive in [from, to) of trace time; pods already running at `from` start at t=0. */
  window: z.strictObject({ from: traceTimeMs.optional(), to: traceTimeMs.optional() }).optional(),
  /** Largest trace file read (bytes, a quantity such as 2Gi); default 512Mi (docs/traces.md). */
  maxFileSize: quantity.optional(),
  /** Workload shaping as in the FGD paper's experiment (shaping.ts, docs/traces.md). */
  inflate: z.number().positive().max(100).optional(),
  shuffle: z.boolean().default(false),
  ignoreTimes: z.boolean().default(false),
  /** `drop`: a pod the scheduler finds unschedulable is deleted (the FGD simulator's convention); `retry`: Kubernetes' pending and retried. */
  onUnschedulable: z.enum(['retry', 'drop']).default('retry'),
  /** What runs the trace nodes' pods: `kwok` binds and marks them Running and Ready, nothing more (the FGD simulator runs no kubelet). */
  nodeAgent: nodeAgent.optional(),
}).superRefine((w, ctx) => {
  for (const field of ['inflate', 'shuffle'] as const) {
    if (w[field] !== undefined && w[field] !== false && !w.ignoreTimes) {
      ctx.addIssue({ code: 'custom', path: [field], message: `${field} needs ignoreTimes: true (shuffled or resampled pods have no arrival time)` });
    }
  }
  if (w.ignoreTimes && w.window !== undefined) ctx.addIssue({ code: 'custom', path: ['window'], message: 'window has no meaning with ignoreTimes: true (every pod of the file is replayed)' });
});

export type TraceWorkloadInput = z.infer<typeof traceWorkload>;
