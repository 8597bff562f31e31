/**
 * The parameter a capacity plan varies, applied to a scenario file before
 * it is loaded (so the loader's validation sees the varied file):
 *
 *   - nodeCount: `count` of a node pool;
 *   - nodeShape: `capacity` (and `allocatable`, dropped so it follows) of a
 *     node pool, from a list of shapes ordered small to large;
 *   - replicas: `spec.replicas` of a Deployment manifest;
 *   - maxSurge: `spec.strategy.rollingUpdate.maxSurge` of a Deployment;
 *   - nodeGroupMin / nodeGroupMax: `autoscaling.min` / `.max` of an autoscaled
 *     node pool (its initial `count` is moved into the new bounds);
 *   - expander, scaleDownUtilizationThreshold: the Cluster Autoscaler's
 *     flags in `spec.clusterAutoscaler` (docs/autoscaling.md).
 */
import type { ScenarioFileInput } from '../scenario/schema/scenario.js';

export type Variation =
  | { readonly kind: 'nodeCount'; readonly pool: string; readonly value: number }
  | { readonly kind: 'nodeShape'; readonly pool: string; readonly value: string; readonly capacity: Readonly<Record<string, string | number>> }
  | { readonly kind: 'replicas'; readonly deployment: string; readonly value: number }
  | { readonly kind: 'maxSurge'; readonly deployment: string; readonly value: number | string }
  | { readonly kind: 'nodeGroupMin'; readonly pool: string; readonly value: number }
  | { readonly kind: 'nodeGroupMax'; readonly pool: string; readonly value: number }
  | { readonly kind: 'expander'; readonly value: string }
  | { readonly kind: 'scaleDownUtilizationThreshold'; readonly value: number };

type Json = Record<string, unknown>;

/** Why a variation cannot apply to this scenario, or undefined. */
export function variationProblem(input: ScenarioFileInput, variation: Variation): string | undefined {
  const autoscaled = input.spec.cluster.nodePools.filter((p) => p.autoscaling !== undefined).map((p) => p.name);
  if (variation.kind === 'nodeGroupMin' || variation.kind === 'nodeGroupMax') {
    return autoscaled.includes(variation.pool) ? undefined : `the scenario has no node pool "${variation.pool}" with autoscaling (autoscaled pools: ${autoscaled.join(', ') || 'none'})`;
  }
  if (variation.kind === 'expander' || variation.kind === 'scaleDownUtilizationThreshold') {
    return autoscaled.length > 0 ? undefined : 'the scenario has no node pool with autoscaling, so no Cluster Autoscaler runs';
  }
  if (variation.kind === 'nodeCount' || variation.kind === 'nodeShape') {
    return input.spec.cluster.nodePools.some((p) => p.name === variation.pool) ? undefined : `the scenario has no node pool "${variation.pool}" (it has: ${input.spec.cluster.nodePools.map((p) => p.name).join(', ') || 'none'})`;
  }
  const found = input.spec.manifests.some((m) => m.kind === 'Deployment' && (m.metadata as Json | undefined)?.name === variation.deployment);
  return found ? undefined : `the scenario's spec.manifests have no Deployment "${variation.deployment}"`;
}

export function applyVariation(input: ScenarioFileInput, variation: Variation): ScenarioFileInput {
  const spec = input.spec;
  switch (variation.kind) {
    case 'nodeGroupMin':
    case 'nodeGroupMax': {
      const nodePools = spec.cluster.nodePools.map((pool) => {
        if (pool.name !== variation.pool || pool.autoscaling === undefined) return pool;
        const v = variation.value;
        const autoscaling = variation.kind === 'nodeGroupMin' ? { ...pool.autoscaling, min: v } : { ...pool.autoscaling, max: v };
        const count = variation.kind === 'nodeGroupMin' ? Math.max(pool.count, v) : Math.min(pool.count, v);
        return { ...pool, count, autoscaling };
      });
      return { ...input, spec: { ...spec, cluster: { ...spec.cluster, nodePools } } };
    }
    case 'expander':
      return { ...input, spec: { ...spec, clusterAutoscaler: { ...spec.clusterAutoscaler, expander: variation.value.split(',').map((n) => n.trim()) as NonNullable<NonNullable<ScenarioFileInput['spec']['clusterAutoscaler']>['expander']> } } };
    case 'scaleDownUtilizationThreshold':
      return { ...input, spec: { ...spec, clusterAutoscaler: { ...spec.clusterAutoscaler, scaleDownUtilizationThreshold: variation.value } } };
    case 'nodeCount':
    case 'nodeShape': {
      const nodePools = spec.cluster.nodePools.map((pool) => {
        if (pool.name !== variation.pool) return pool;
        if (variation.kind === 'nodeCount') return { ...pool, count: variation.value };
        const { allocatable: _allocatable, ...rest } = pool;
        return { ...rest, capacity: { ...variation.capacity } };
      });
      return { ...input, spec: { ...spec, cluster: { ...spec.cluster, nodePools } } };
    }
    case 'replicas':
    case 'maxSurge': {
      const manifests = spec.manifests.map((m) => {
        if (m.kind !== 'Deployment' || (m.metadata as Json | undefined)?.name !== variation.deployment) return m;
        const dSpec = (m.spec ?? {}) as Json;
        if (variation.kind === 'replicas') return { ...m, spec: { ...dSpec, replicas: variation.value } };
        const strategy = (dSpec.strategy ?? {}) as Json;
        const rollingUpdate = (strategy.rollingUpdate ?? {}) as Json;
        return { ...m, spec: { ...dSpec, strategy: { ...strategy, type: 'RollingUpdate', rollingUpdate: { ...rollingUpdate, maxSurge: variation.value } } } };
      });
      return { ...input, spec: { ...spec, manifests } };
    }
  }
}
