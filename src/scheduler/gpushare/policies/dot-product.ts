/**
 * DotProduct (Tetris, Grandl et al., SIGCOMM '14; the FGD paper's DotProd
 * baseline with the simulator's settings dimExtMethod "merge", normMethod
 * "max", dot_product_score.go): the dot product of the node's free vector
 * and the pod's request, both over the largest node (128,000 cpu milli,
 * 8,000 GPU milli), averaged over the two dimensions; a smaller product
 * scores higher:
 *   score = ⌊100 · (1 − ((cpuLeft/128,000)·(cpu/128,000) + (gpuLeft/8,000)·(gpu/8,000)) / 2)⌋
 * A node without the cpu for the pod scores 0. Devices: best fit.
 */
import { totalGpuMilli } from '../gpu-shape.js';
import { MAX_NODE_SCORE, MAX_SPEC_CPU_MILLI, MAX_SPEC_GPU_MILLI, idleMilliOf, byShape, policyPlugin } from './node-score.js';

export const DOT_PRODUCT = 'DotProduct';

export function dotProduct() {
  return byShape(policyPlugin(DOT_PRODUCT, (_state, shape, node) => {
    if (node.freeCpuMilli < shape.cpuMilli) return 0;
    const cpu = (node.freeCpuMilli / MAX_SPEC_CPU_MILLI) * (shape.cpuMilli / MAX_SPEC_CPU_MILLI);
    const gpu = (idleMilliOf(node) / MAX_SPEC_GPU_MILLI) * (totalGpuMilli(shape) / MAX_SPEC_GPU_MILLI);
    return Math.trunc(MAX_NODE_SCORE * (1 - (cpu + gpu) / 2));
  }));
}
