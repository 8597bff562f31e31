/**
 * BestFit (the FGD paper's baseline; simulator best_fit_score.go): prefer
 * the node left tightest after placement, cpu and GPU weighted equally:
 *   score = ⌊100 · (1 − ½·(cpuLeft − cpu)/128,000 − ½·(gpuLeft − gpu)/8,000)⌋
 * with gpuLeft the node's idle GPU milli over all devices and gpu the pod's
 * total milli; then min–max normalised over the scored nodes. The
 * normalization gives 100 to the top raw score alone (raw scores are
 * integers), so the best node alone is kept from pod to pod as for the
 * policies that do not normalize (ScorePlugin.normalizeKeepsTop).
 */
import { totalGpuMilli } from '../gpu-shape.js';
import { MAX_NODE_SCORE, MAX_SPEC_CPU_MILLI, MAX_SPEC_GPU_MILLI, idleMilliOf, byShape, minMaxNormalize, policyPlugin } from './node-score.js';

export const BEST_FIT = 'BestFit';

export function bestFit() {
  const plugin = byShape(policyPlugin(BEST_FIT, (_state, shape, node) => {
    const cpuSlack = (node.freeCpuMilli - shape.cpuMilli) / MAX_SPEC_CPU_MILLI;
    const gpuSlack = (idleMilliOf(node) - totalGpuMilli(shape)) / MAX_SPEC_GPU_MILLI;
    return Math.trunc((1 - 0.5 * cpuSlack - 0.5 * gpuSlack) * MAX_NODE_SCORE);
  }, minMaxNormalize));
  return { ...plugin, normalizeKeepsTop: true };
}
