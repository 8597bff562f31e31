/**
 * NodeResourcesFitArgs and its defaults and validation
 * (apis/config/v1/defaults.go SetDefaults_NodeResourcesFitArgs,
 * validation_pluginargs.go ValidateNodeResourcesFitArgs).
 */
import type { ResourceWeight, ShapePoint } from './scorers.js';

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface FitArgs {
  readonly ignoredResources?: readonly string[];
  readonly ignoredResourceGroups?: readonly string[];
  readonly scoringStrategy?: {
    readonly type?: ScoringStrategyType;
    readonly resources?: readonly ResourceWeight[];
    readonly requestedToCapacityRatio?: { readonly shape?: readonly ShapePoint[] };
  };
}

/** cpu 1, memory 1 (defaults for the fit strategy and BalancedAllocation). */
export const DEFAULT_RESOURCE_WEIGHTS: readonly ResourceWeight[] = Object.freeze([{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }]);

/** Problems with the args as [field path, message] pairs; empty when valid. */
export function validateFitArgs(args: FitArgs | undefined): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const strategy = args?.scoringStrategy;
  if (strategy === undefined) return problems;
  const type = strategy.type ?? 'LeastAllocated';
  if (!['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'].includes(type)) {
    problems.push(['scoringStrategy.type', `Unsupported value: "${type}": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"`]);
  }
  (strategy.resources ?? []).forEach((r, i) => {
    if (!Number.isInteger(r.weight) || r.weight < 1 || r.weight > 100) {
      problems.push([`scoringStrategy.resources[${i}].weight`, `Invalid value: ${r.weight}: resource weight of ${r.name} not in valid range [1, 100]`]);
    }
  });
  if (type === 'RequestedToCapacityRatio') {
    const shape = strategy.requestedToCapacityRatio?.shape ?? [];
    if (shape.length === 0) problems.push(['scoringStrategy.requestedToCapacityRatio.shape', 'Required value: at least one point must be specified']);
    shape.forEach((p, i) => {
      if (!Number.isInteger(p.utilization) || p.utilization < 0 || p.utilization > 100) {
        problems.push([`scoringStrategy.requestedToCapacityRatio.shape[${i}].utilization`, `Invalid value: ${p.utilization}: not in valid range [0, 100]`]);
      } else if (i > 0 && p.utilization <= (shape[i - 1] as ShapePoint).utilization) {
        problems.push([`scoringStrategy.requestedToCapacityRatio.shape[${i}].utilization`, `Invalid value: ${p.utilization}: values must be sorted in increasing order`]);
      }
      if (!Number.isInteger(p.score) || p.score < 0 || p.score > 10) {
        problems.push([`scoringStrategy.requestedToCapacityRatio.shape[${i}].score`, `Invalid value: ${p.score}: not in valid range [0, 10]`]);
      }
    });
  }
  return problems;
}
