/**
 * DefaultPreemption (defaultpreemption/default_preemption.go,
 * pkg/scheduler/framework/preemption/preemption.go): after Filter found no node,
 * find nodes where evicting lower-priority pods would let the pod fit, pick
 * one, delete its victims (gracefully, with a DisruptionTarget condition and
 * a Preempted event), clear lower-priority nominations there, and nominate
 * the node. kubesim runs the deletions at once, so the async-preemption
 * PreEnqueue guard has nothing to wait for.
 */
import { withPodCondition } from '../../../api/pod-util.js';
import type { Pod } from '../../../api/types/pod.js';
import { randomInt } from '../../../engine/random.js';
import type { FrameworkHandle, PostFilterPlugin } from '../../framework/interfaces.js';
import { fitErrorMessage } from '../../fit-error.js';
import { isSuccess, type Status } from '../../framework/status.js';
import { pickOneNodeForPreemption, type Candidate } from './pick-node.js';
import { selectVictimsOnNode } from './victims.js';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

export interface DefaultPreemptionArgs {
  readonly minCandidateNodesPercentage?: number;
  readonly minCandidateNodesAbsolute?: number;
}

export function validateDefaultPreemptionArgs(args: DefaultPreemptionArgs | undefined): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const pct = args?.minCandidateNodesPercentage ?? 10;
  const abs = args?.minCandidateNodesAbsolute ?? 100;
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) problems.push(['minCandidateNodesPercentage', `Invalid value: ${pct}: not in valid range [0, 100]`]);
  if (!Number.isInteger(abs) || abs < 0) problems.push(['minCandidateNodesAbsolute', `Invalid value: ${abs}: not in valid range [0, inf)`]);
  if (pct === 0 && abs === 0) problems.push(['minCandidateNodesAbsolute', 'Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage']);
  return problems;
}

/** calculateNumCandidates: max(percentage of the nodes, absolute), at most all of them. */
export function numCandidates(numNodes: number, percentage = 10, absolute = 100): number {
  const n = Math.trunc((numNodes * percentage) / 100);
  return Math.min(Math.max(n, absolute), numNodes);
}

/** A pod deleted after a preemption by this scheduler (podTerminatingByPreemption). */
function terminatingByPreemption(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined &&
    (pod.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

export function defaultPreemption(args: DefaultPreemptionArgs | undefined, handle: FrameworkHandle): PostFilterPlugin {
  const problems = validateDefaultPreemptionArgs(args);
  if (problems.length > 0) throw new Error(problems.map(([f, m]) => `${f}: ${m}`).join('; '));
  const rng = handle.rng('preemption/offset');
  const fail = (message: string, nominatedNodeName?: string) => ({
    status: { code: 'Unschedulable', reasons: [`preemption: ${message}`], plugin: DEFAULT_PREEMPTION } as Status,
    ...(nominatedNodeName === undefined ? {} : { nominatedNodeName }),
  });

  /** PodEligibleToPreemptOthers. */
  const ineligibleBecause = (pod: Pod, statuses: ReadonlyMap<string, Status>): string | undefined => {
    if (pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pod.status?.nominatedNodeName ?? '';
    if (nominated === '' || statuses.get(nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
    const node = handle.nodeInfo(nominated);
    const priority = pod.spec.priority ?? 0;
    for (const info of node?.pods.values() ?? []) {
      if (info.priority < priority && terminatingByPreemption(info.pod)) return 'not eligible due to a terminating pod on the nominated node.';
    }
    return undefined;
  };

  const prepareCandidate = (candidate: Candidate, preemptor: Pod): void => {
    for (const victim of candidate.victims.pods) {
      const pod = victim.pod;
      // A victim already being deleted needs no second deletion (nor event).
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const waiting = handle.waitingPod(pod.metadata.uid);
      if (waiting !== undefined) {
        waiting.reject(DEFAULT_PREEMPTION, 'preempted');
      } else {
        handle.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (p) =>
          p.metadata.uid !== pod.metadata.uid ? p : {
            ...p,
            status: withPodCondition(p.status, 'DisruptionTarget', 'True', handle.nowMs(), 'PreemptionByScheduler', `${handle.profileName}: preempting to accommodate a higher priority pod`),
          });
        handle.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { uid: pod.metadata.uid });
      }
      handle.client.event(pod, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${candidate.nodeName}`);
    }
    // Lower-priority pods nominated here may no longer fit: clear their nomination.
    const priority = preemptor.spec.priority ?? 0;
    for (const info of handle.nominatedPodsForNode(candidate.nodeName)) {
      if (info.priority >= priority) continue;
      handle.client.patch('Pod', info.pod.metadata.name, info.pod.metadata.namespace, (p) =>
        (p.status?.nominatedNodeName ?? '') === '' ? p : { ...p, status: { ...p.status, nominatedNodeName: '' } });
    }
  };

  return {
    name: DEFAULT_PREEMPTION,
    postFilter(state, pod, statuses) {
      const current = handle.listers.pod(pod.metadata.namespace ?? 'default', pod.metadata.name) ?? pod;
      const ineligible = ineligibleBecause(current, statuses);
      if (ineligible !== undefined) return fail(ineligible);
      const all = handle.nodeInfos();
      const potential = all.filter((n) => statuses.get(n.name)?.code === 'Unschedulable');
      const dryRunStatuses = new Map<string, Status>();
      const candidates: Candidate[] = [];
      if (potential.length > 0) {
        const pdbs = handle.listers.podDisruptionBudgets();
        const offset = randomInt(rng, potential.length);
        const wanted = numCandidates(potential.length, args?.minCandidateNodesPercentage, args?.minCandidateNodesAbsolute);
        const violating: Candidate[] = [];
        let nonViolatingCount = 0;
        for (let i = 0; i < potential.length; i++) {
          const node = potential[(offset + i) % potential.length] as (typeof potential)[number];
          const result = selectVictimsOnNode(handle, state.clone(), current, node.clone(), pdbs, DEFAULT_PREEMPTION);
          if (isSuccess(result.status) && result.victims !== undefined && result.victims.pods.length > 0) {
            const candidate = { nodeName: node.name, victims: result.victims };
            if (result.victims.numPDBViolations === 0) {
              candidates.push(candidate);
              nonViolatingCount++;
            } else violating.push(candidate);
            if (nonViolatingCount > 0 && nonViolatingCount + violating.length >= wanted) break;
            continue;
          }
          dryRunStatuses.set(node.name, result.status);
        }
        candidates.push(...violating);
      }
      if (candidates.length === 0) {
        const message = fitErrorMessage({ numAllNodes: all.length, statuses: dryRunStatuses, absentReasons: [NOT_HELPFUL] });
        return fail(message, '');
      }
      const best = pickOneNodeForPreemption(candidates, handle.nowMs()) as Candidate;
      prepareCandidate(best, current);
      return { status: { code: 'Success', reasons: [] }, nominatedNodeName: best.nodeName };
    },
  };
}
