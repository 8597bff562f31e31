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
 * and enable `PackGPUs` in a profile. Requests are read with kubesim's own
 * parser (`podRequests`, cached per pod), so `500m`, `1Gi` or `2` mean what
 * they mean to the API server. For per-device GPU sharing use the bundled
 * GpuShare and policy plugins instead (docs/scheduler.md, "Shared GPUs").
 */
import { amountOf, podRequests } from 'kubesim/plugin';
import type { FilterPlugin, FrameworkHandle, Pod, PreScorePlugin, ScorePlugin, Status } from 'kubesim/plugin';

const GPU = 'nvidia.com/gpu';
const OK: Status = { code: 'Success', reasons: [] };

interface Args {
  /** The extended resource to pack (default nvidia.com/gpu). */
  readonly resource?: string;
}

/** The pod's request of `resource` as the scheduler counts it (limits stand in for missing requests of extended resources). */
function requested(pod: Pod, resource: string): number {
  return amountOf(podRequests(pod.spec).actual, resource);
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
