/**
 * Validation of in-tree plugins' pluginConfig args (validation_pluginargs.go),
 * as [field path, message] pairs so the scenario loader can point at the
 * field. Unknown plugins' args (user plugins) are left to their factories.
 */
import { validateDefaultPreemptionArgs, type DefaultPreemptionArgs } from '../plugins/defaultpreemption/plugin.js';
import { validateInterPodAffinityArgs, type InterPodAffinityArgs } from '../plugins/interpodaffinity/plugin.js';
import { validateFitArgs, type FitArgs } from '../plugins/noderesources/fit-args.js';
import type { BalancedAllocationArgs } from '../plugins/noderesources/balanced-allocation.js';
import { validatePodTopologySpreadArgs, type PodTopologySpreadArgs } from '../plugins/podtopologyspread/plugin.js';
import { validateGpuShareArgs, type GpuShareArgs } from '../gpushare/gpu-share.js';

function validateBalancedAllocationArgs(args: BalancedAllocationArgs | undefined): Array<[string, string]> {
  return (args?.resources ?? []).flatMap((r, i): Array<[string, string]> =>
    !Number.isInteger(r.weight) || r.weight < 1 || r.weight > 100 ? [[`resources[${i}].weight`, `Invalid value: ${r.weight}: resource weight of ${r.name} not in valid range [1, 100]`]] : []);
}

const VALIDATORS: Readonly<Record<string, (args: never) => Array<[string, string]>>> = {
  NodeResourcesFit: (args: FitArgs) => validateFitArgs(args),
  PodTopologySpread: (args: PodTopologySpreadArgs) => validatePodTopologySpreadArgs(args),
  InterPodAffinity: (args: InterPodAffinityArgs) => validateInterPodAffinityArgs(args),
  DefaultPreemption: (args: DefaultPreemptionArgs) => validateDefaultPreemptionArgs(args),
  NodeResourcesBalancedAllocation: (args: BalancedAllocationArgs) => validateBalancedAllocationArgs(args),
  GpuShare: (args: GpuShareArgs) => validateGpuShareArgs(args),
};

export function validatePluginArgs(plugin: string, args: unknown): Array<[string, string]> {
  const validate = VALIDATORS[plugin];
  return validate === undefined ? [] : validate(args as never);
}
