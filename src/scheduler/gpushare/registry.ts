/** The bundled GPU-sharing plugins by name (docs/scheduler.md, "Shared GPUs"), merged into the in-tree registry. */
import type { PluginFactory } from '../framework/registry.js';
import { gpuShare, GPU_SHARE, type GpuShareArgs } from './gpu-share.js';
import { bestFit, BEST_FIT } from './policies/best-fit.js';
import { dotProduct, DOT_PRODUCT } from './policies/dot-product.js';
import { fgd, FGD, type FgdArgs } from './policies/fgd.js';
import { gpuClustering, GPU_CLUSTERING } from './policies/gpu-clustering.js';
import { gpuPacking, GPU_PACKING } from './policies/gpu-packing.js';
import { random, RANDOM } from './policies/random.js';

export const GPU_SHARE_PLUGINS: ReadonlyArray<readonly [string, PluginFactory]> = [
  [GPU_SHARE, (args, handle) => gpuShare(handle, args as GpuShareArgs | undefined)],
  [RANDOM, (_args, handle) => random(handle)],
  [DOT_PRODUCT, () => dotProduct()],
  [GPU_CLUSTERING, () => gpuClustering()],
  [GPU_PACKING, () => gpuPacking()],
  [BEST_FIT, () => bestFit()],
  [FGD, (args, handle) => fgd(args as FgdArgs | undefined, handle)],
];
