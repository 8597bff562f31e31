/**
 * Probability distributions of durations (or any non-negative quantity).
 * Specs carry plain numbers (milliseconds for durations); the scenario layer
 * turns `2s` or `{ dist: lognormal, median: 2s, p99: 10s }` into these.
 *
 * Every sampler uses a fixed number of draws per sample where it can
 * (rejection sampling for the truncated normal is the exception), so a
 * stream's sequence depends only on how many samples were taken.
 */
import type { Rng } from './random.js';

export type DistributionSpec =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly p99: number }
  | { readonly dist: 'empirical'; readonly values: readonly number[] };

/** z such that P(Z <= z) = 0.99 for a standard normal Z. */
const Z_99 = 2.3263478740408408;

export interface Distribution {
  readonly spec: DistributionSpec;
  /** One draw; never negative. */
  sample(rng: Rng): number;
}

/** A draw rounded to a whole, non-negative number of milliseconds. */
export function sampleMs(distribution: Distribution, rng: Rng): number {
  return Math.max(0, Math.round(distribution.sample(rng)));
}

function standardNormal(rng: Rng): number {
  // Box-Muller with both uniforms drawn every time (no cached second value),
  // so the stream position depends only on the number of samples.
  const u1 = 1 - rng.next(); // (0, 1]: log is finite
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Attempts before the truncated normal falls back to clamping at zero. */
const MAX_NORMAL_REJECTIONS = 64;

function sampler(spec: DistributionSpec): (rng: Rng) => number {
  switch (spec.dist) {
    case 'constant': {
      const value = spec.value;
      return () => value;
    }
    case 'uniform': {
      const { min, max } = spec;
      return (rng) => min + (max - min) * rng.next();
    }
    case 'exponential': {
      const mean = spec.mean;
      return (rng) => -mean * Math.log(1 - rng.next());
    }
    case 'normal': {
      const { mean, stddev } = spec;
      return (rng) => {
        // Truncated at 0 by rejection: with mean >= 0 at least half the
        // draws are accepted, so the fallback is practically never taken.
        for (let i = 0; i < MAX_NORMAL_REJECTIONS; i++) {
          const x = mean + stddev * standardNormal(rng);
          if (x >= 0) return x;
        }
        return 0;
      };
    }
    case 'lognormal': {
      const mu = Math.log(spec.median);
      const sigma = (Math.log(spec.p99) - mu) / Z_99;
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'empirical': {
      const values = spec.values;
      return (rng) => values[Math.floor(rng.next() * values.length)] ?? 0;
    }
  }
}

/** Why a spec cannot be sampled, or undefined if it is fine. */
export function checkDistribution(spec: DistributionSpec): string | undefined {
  const nonNegative = (name: string, v: number): string | undefined =>
    Number.isFinite(v) && v >= 0 ? undefined : `${name} must be a non-negative number`;
  switch (spec.dist) {
    case 'constant':
      return nonNegative('value', spec.value);
    case 'uniform':
      return nonNegative('min', spec.min) ?? nonNegative('max', spec.max) ?? (spec.max < spec.min ? 'max must not be below min' : undefined);
    case 'exponential':
      return nonNegative('mean', spec.mean);
    case 'normal':
      return nonNegative('mean', spec.mean) ?? nonNegative('stddev', spec.stddev);
    case 'lognormal':
      if (!(spec.median > 0)) return 'median must be above zero';
      return spec.p99 >= spec.median ? undefined : 'p99 must not be below the median';
    case 'empirical':
      if (spec.values.length === 0) return 'values must list at least one value';
      return spec.values.map((v, i) => nonNegative(`values[${i}]`, v)).find((m) => m !== undefined);
  }
}

export function makeDistribution(spec: DistributionSpec): Distribution {
  const problem = checkDistribution(spec);
  if (problem !== undefined) throw new RangeError(`invalid ${spec.dist} distribution: ${problem}`);
  const draw = sampler(spec);
  return { spec, sample: draw };
}

export function constant(value: number): Distribution {
  return makeDistribution({ dist: 'constant', value });
}

/** The distribution's mean (exact where a closed form exists). */
export function meanOf(spec: DistributionSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
      return spec.mean;
    case 'normal':
      return spec.mean; // before truncation
    case 'lognormal': {
      const sigma = (Math.log(spec.p99) - Math.log(spec.median)) / Z_99;
      return spec.median * Math.exp((sigma * sigma) / 2);
    }
    case 'empirical':
      return spec.values.reduce((a, b) => a + b, 0) / spec.values.length;
  }
}
