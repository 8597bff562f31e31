/**
 * An example user plugin for kubesim (docs/scheduler.md): GPU bin packing.
 *
 * - Filter: nodes with GPUs are kept for pods that request GPUs
 *   ("node(s) reserved for GPU pods"), so CPU-only pods cannot strand GPUs.
 * - Score: among GPU nodes, prefer the one that would be most full
 *   (requested GPUs after placement / allocatable GPUs × 100), so whole free
 *   nodes stay available for large GPU jobs.
 *
 * Load it from a scenario with `spec.scheduler.plugins: [path/to/gpu-packing.ts]`
 * and enable `PackGPUs` in a profile. Only types are imported from kubesim,
 * so the file needs nothing at run time but itself.
 */
import type { FilterPlugin, FrameworkHandle, PreScorePlugin, ScorePlugin, Status } from 'kubesim/plugin';

const GPU = 'nvidia.com/gpu';
const OK: Status = { code: 'Success', reasons: [] };

interface Args {
  /** The extended resource to pack (default nvidia.com/gpu). */
  readonly resource?: string;
}

function requested(pod: { spec: { containers: ReadonlyArray<{ resources?: { requests?: Readonly<Record<string, string | number>> } }> } }, resource: string): number {
  return pod.spec.containers.reduce((sum, c) => sum + Number(c.resources?.requests?.[resource] ?? 0), 0);
}

export function packGPUs(args: unknown, handle: FrameworkHandle): FilterPlugin & PreScorePlugin & ScorePlugin {
  const resource = (args as Args | undefined)?.resource ?? GPU;
  void handle;
  return {
    name: 'PackGPUs',
    filter(_state, pod, nodeInfo) {
      const gpus = nodeInfo.allocatable.scalar.get(resource) ?? 0;
      if (gpus > 0 && requested(pod, resource) === 0) return { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) reserved for GPU pods'], plugin: 'PackGPUs' };
      return OK;
    },
    preScore(_state, pod) {
      return requested(pod, resource) === 0 ? { code: 'Skip', reasons: [] } : OK;
    },
    score(_state, pod, nodeInfo) {
      const allocatable = nodeInfo.allocatable.scalar.get(resource) ?? 0;
      if (allocatable === 0) return 0;
      const used = (nodeInfo.requested.scalar.get(resource) ?? 0) + requested(pod, resource);
      return Math.min(100, Math.trunc((used * 100) / allocatable));
    },
  };
}

/** What kubesim reads: plugin name → factory. */
export const plugins = { PackGPUs: packGPUs };
