/**
 * The plan report's shape (report.json of `kubesim plan`, docs/plan.md):
 * its own module, so that the report renderers in report/ read the type
 * without importing the plan runner that calls them.
 */
import type { BestFailure, Monotonicity, PlanPoint } from './plan-outcome.js';
import type { PlanDefinition } from './plan-spec.js';

/** 2: require takes a fraction, points count the seeds that passed, objectives may name a workload (docs/plan.md). */
export const PLAN_SCHEMA_VERSION = 2;

export interface PlanReport {
  readonly schemaVersion: number;
  readonly kind: 'PlanReport';
  readonly plan: {
    readonly name: string;
    readonly description?: string;
    readonly scenario: { readonly file: string; readonly name: string };
    readonly seed: number;
    readonly seeds: number;
    readonly scheduler?: PlanDefinition['scheduler'];
    /** Plugin files as written in the plan file. */
    readonly plugins?: readonly string[];
    readonly parameter: PlanDefinition['parameter'];
    /** Candidate values, small to large. */
    readonly values: ReadonlyArray<number | string>;
    readonly search: PlanDefinition['search'];
    readonly require: PlanDefinition['require'];
    readonly requiredSeeds: number;
    readonly slo: PlanDefinition['slo'];
    readonly minimize?: string;
  };
  /** The smallest passing value, the seeds that passed there and each objective's mean and 95 % interval there; null if none passed. */
  readonly chosen: { readonly index: number; readonly value: number | string; readonly seedsPassed: number; readonly metrics: PlanPoint['metrics'] } | null;
  /** bisect evaluated only some values and took the SLO to be monotone in the parameter. */
  readonly assumedMonotone: boolean;
  readonly monotonicity: Monotonicity;
  /** When no value passed: the closest miss and the objectives it missed. */
  readonly bestFailure: BestFailure | null;
  /** Candidate indexes in evaluation order. */
  readonly evaluated: readonly number[];
  /** Evaluated points, in parameter order. */
  readonly points: readonly PlanPoint[];
}
