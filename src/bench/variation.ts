/**
 * The parameter a capacity plan varies, applied to a scenario file before
 * it is loaded (so the loader's validation sees the varied file):
 *
 *   - nodeCount: `count` of a node pool;
 *   - nodeShape: `capacity` (and `allocatable`, dropped so it follows) of a
 *     node pool, from a list of shapes ordered small to large;
 *   - replicas: `spec.replicas` of a Deployment manifest;
 *   - maxSurge: `spec.strategy.rollingUpdate.maxSurge` of a Deployment.
 */
import type { ScenarioFileInput } from '../scenario/schema/scenario.js';

export type Variation =
  | { readonly kind: 'nodeCount'; readonly pool: string; readonly value: number }
  | { readonly kind: 'nodeShape'; readonly pool: string; readonly value: string; readonly capacity: Readonly<Record<string, string | number>> }
  | { readonly kind: 'replicas'; readonly deployment: string; readonly value: number }
  | { readonly kind: 'maxSurge'; readonly deployment: string; readonly value: number | string };

type Json = Record<string, unknown>;

/** Why a variation cannot apply to this scenario, or undefined. */
export function variationProblem(input: ScenarioFileInput, variation: Variation): string | undefined {
  if (variation.kind === 'nodeCount' || variation.kind === 'nodeShape') {
    return input.spec.cluster.nodePools.some((p) => p.name === variation.pool) ? undefined : `the scenario has no node pool "${variation.pool}" (it has: ${input.spec.cluster.nodePools.map((p) => p.name).join(', ') || 'none'})`;
  }
  const found = input.spec.manifests.some((m) => m.kind === 'Deployment' && (m.metadata as Json | undefined)?.name === variation.deployment);
  return found ? undefined : `the scenario's spec.manifests have no Deployment "${variation.deployment}"`;
}

export function applyVariation(input: ScenarioFileInput, variation: Variation): ScenarioFileInput {
  const spec = input.spec;
  switch (variation.kind) {
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
