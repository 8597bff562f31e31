/** The bundled GPU-sharing plugins by name (docs/scheduler.md, "Shared GPUs"), merged into the in-tree registry. */
import type { PluginFactory } from '../framework/registry.js';
import { gpuShare, GPU_SHARE } from './gpu-share.js';

export const GPU_SHARE_PLUGINS: ReadonlyArray<readonly [string, PluginFactory]> = [
  [GPU_SHARE, (_args, handle) => gpuShare(handle)],
];
