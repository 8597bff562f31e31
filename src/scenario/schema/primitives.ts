/**
 * Schema building blocks for scenario files: durations (`250ms`, `30s`,
 * `1h30m`), distributions (a duration, or `{ dist: lognormal, median: 2s,
 * p99: 10s }`), quantities and names. Each turns text into the integer
 * milliseconds or spec the engine uses, or reports what was expected.
 */
import { z } from 'zod';
import { checkQuantity, checkResourceQuantity } from '../../api/quantity.js';
import { checkDistribution, type DistributionSpec } from '../../engine/distributions.js';
import { parseDuration } from '../../engine/time.js';

const DURATION_HINT = 'expected a duration such as 250ms, 30s, 5m or 1h30m';

/** A duration in scenario syntax, parsed to integer milliseconds. */
export const durationMs = z.union([z.string(), z.number()], { error: DURATION_HINT }).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (value === 0) return 0;
    ctx.addIssue({ code: 'custom', message: `${DURATION_HINT}, got the bare number ${value} (add a unit)` });
    return z.NEVER;
  }
  const parsed = parseDuration(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.ms;
});

const DISTRIBUTION_HINT =
  'expected a duration (2s) or a distribution: { dist: constant|uniform|exponential|normal|lognormal|empirical, ... }';

const distributionObject = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('constant'), value: durationMs }),
  z.strictObject({ dist: z.literal('uniform'), min: durationMs, max: durationMs }),
  z.strictObject({ dist: z.literal('exponential'), mean: durationMs }),
  z.strictObject({ dist: z.literal('normal'), mean: durationMs, stddev: durationMs }),
  z.strictObject({ dist: z.literal('lognormal'), median: durationMs, p99: durationMs }),
  z.strictObject({ dist: z.literal('empirical'), values: z.array(durationMs).min(1) }),
], { error: DISTRIBUTION_HINT });

/**
 * A duration distribution; a plain duration means a constant. Objects are
 * checked against the matching `dist` so a missing field is reported by name.
 */
export const distribution = z.unknown().transform((value, ctx): DistributionSpec => {
  const forward = (issues: readonly z.core.$ZodIssue[]): never => {
    for (const issue of issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  };
  if (typeof value === 'string' || typeof value === 'number') {
    const parsed = durationMs.safeParse(value);
    return parsed.success ? { dist: 'constant', value: parsed.data } : forward(parsed.error.issues);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: DISTRIBUTION_HINT });
    return z.NEVER;
  }
  const parsed = distributionObject.safeParse(value);
  if (!parsed.success) return forward(parsed.error.issues);
  const problem = checkDistribution(parsed.data);
  if (problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return parsed.data;
}) as unknown as z.ZodType<DistributionSpec>;

const quantityText = z.union([z.string(), z.number()], { error: 'expected a quantity such as 500m, 2 or 16Gi' });

function scaledQuantity(scale: 'units' | 'milli') {
  return quantityText.superRefine((value, ctx) => {
    const problem = checkQuantity(value, scale);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A Kubernetes resource quantity counted in units (`16Gi`, `250Mi`, `2`). */
export const quantity = scaledQuantity('units');
/** A cpu quantity (`500m`, `2`), counted in thousandths. */
export const cpuQuantity = scaledQuantity('milli');

/** Resource name → quantity; cpu is counted in thousandths. */
export const resourceList = z.record(z.string(), quantityText).superRefine((list, ctx) => {
  for (const [name, value] of Object.entries(list)) {
    const problem = checkResourceQuantity(name, value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: [name] });
  }
});

export const labels = z.record(z.string(), z.string({ error: 'label values must be strings (quote numbers and booleans)' }));

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A lowercase RFC 1123 name, as Kubernetes requires for node and pool names. */
export const dnsName = z.string().regex(DNS_LABEL, { error: 'expected a lowercase name of letters, digits and "-" (RFC 1123)' });
