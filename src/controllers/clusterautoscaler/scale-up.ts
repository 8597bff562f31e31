/**
 * Scale-up planning (cluster-autoscaler/core/scaleup/orchestrator/
 * orchestrator.go ScaleUp and estimator/binpacking_estimator.go): for each
 * node group that may grow, the pending pods are packed onto template
 * nodes of the group in the snapshot, first-fit, one new template node
 * when no earlier one takes the pod, never past the group's max or
 * --max-nodes-total. A pod that does not fit even on an empty template is
 * not helped by that group (and the rejection says why, for
 * NotTriggerScaleUp). The snapshot is left as it was found.
 */
import type { Pod } from '../../api/types/pod.js';
import type { NodeGroupSpec } from '../../scenario/cluster-autoscaler.js';
import type { ClusterSnapshot } from './cluster-snapshot.js';
import type { ScaleUpOption } from './expander.js';
import { templateNode } from './node-groups.js';

export interface GroupCapacity {
  readonly group: NodeGroupSpec;
  /** Nodes the group may still add: min(max − target, room under --max-nodes-total). */
  readonly room: number;
}

export interface ScaleUpPlan {
  readonly options: ScaleUpOption[];
  /** Why each pod no group could take was refused, per group ("worker: Insufficient cpu"). */
  readonly refusals: Map<Pod, string[]>;
}

/** The binpacking estimate of one group: how many new nodes, and which pods they take. */
export function estimate(snapshot: ClusterSnapshot, group: NodeGroupSpec, room: number, pods: readonly Pod[], refused: (pod: Pod, reason: string) => void): ScaleUpOption | undefined {
  const templates: ReturnType<typeof templateNode>[] = [];
  const placed: Pod[] = [];
  for (const pod of pods) {
    const onExisting = snapshot.fit(pod, templates.map((t) => t.metadata.name));
    if (onExisting.fits) {
      snapshot.place(pod, onExisting.nodeName);
      placed.push(pod);
      continue;
    }
    const template = templateNode(group, `template-node-for-${group.pool.name}-${templates.length}`);
    snapshot.addNode(template);
    const onNew = snapshot.fit(pod, [template.metadata.name]);
    if (!onNew.fits) {
      snapshot.removeNode(template);
      refused(pod, onNew.reasons.length === 0 ? 'does not fit' : [...new Set(onNew.reasons)].join(', '));
      continue;
    }
    if (templates.length >= room) {
      snapshot.removeNode(template);
      refused(pod, room === 0 ? 'max node group size reached' : `would need more than the ${room} node(s) the group may still add`);
      continue;
    }
    templates.push(template);
    snapshot.place(pod, template.metadata.name);
    placed.push(pod);
  }
  for (const pod of placed) snapshot.unplace(pod);
  for (const template of templates) snapshot.removeNode(template);
  return templates.length === 0 ? undefined : { group, nodeCount: templates.length, pods: placed };
}

/** One option per group that can help some of `pods`, and the reasons for the pods none can help. */
export function planScaleUp(snapshot: ClusterSnapshot, groups: readonly GroupCapacity[], pods: readonly Pod[], skipped: ReadonlyMap<string, string>): ScaleUpPlan {
  const refusals = new Map<Pod, string[]>();
  const options: ScaleUpOption[] = [];
  for (const { group, room } of groups) {
    const skip = skipped.get(group.pool.name);
    if (skip !== undefined) {
      for (const pod of pods) refusals.set(pod, [...(refusals.get(pod) ?? []), `${group.pool.name}: ${skip}`]);
      continue;
    }
    const option = estimate(snapshot, group, room, pods, (pod, reason) => refusals.set(pod, [...(refusals.get(pod) ?? []), `${group.pool.name}: ${reason}`]));
    if (option !== undefined) options.push(option);
  }
  const helped = new Set(options.flatMap((o) => o.pods));
  for (const pod of [...refusals.keys()]) if (helped.has(pod)) refusals.delete(pod);
  return { options, refusals };
}
