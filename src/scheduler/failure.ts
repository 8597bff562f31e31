/**
 * handleSchedulingFailure (pkg/scheduler/schedule_one.go): the pod
 * goes back to the queue with the plugins that rejected it, its nomination
 * is recorded, a FailedScheduling event is emitted and PodScheduled=False
 * (reason Unschedulable, or SchedulerError for internal errors) is written
 * together with status.nominatedNodeName. A pod already bound or deleted
 * meanwhile is not requeued.
 */
import { withPodCondition } from '../api/pod-util.js';
import type { PodStatus } from '../api/types/pod.js';
import type { AttemptResult } from './attempt.js';
import type { QueuedPodInfo } from './framework/interfaces.js';
import type { SchedulingContext } from './scheduling-context.js';

export type FailureResult = Exclude<AttemptResult, { kind: 'scheduled' }>;

export function handleFailure(context: SchedulingContext, info: QueuedPodInfo, result: FailureResult): void {
  const pod = info.pod;
  const current = context.currentPod(pod);
  if (current === undefined || (current.spec.nodeName ?? '') !== '' || current.metadata.uid !== pod.metadata.uid || current.metadata.deletionTimestamp !== undefined) {
    context.queue.done(pod);
    return;
  }
  info.pod = current;
  const pending = result.kind === 'unschedulable' ? result.pending : new Set<string>();
  context.queue.addUnschedulable(info, result.rejectors, pending);
  const nominated = result.kind === 'unschedulable' ? result.nominatedNodeName : undefined;
  if (nominated !== undefined) context.nominator.add(current, nominated);
  const reason = result.kind === 'error' ? 'SchedulerError' : 'Unschedulable';
  context.client.event(pod, 'Warning', 'FailedScheduling', result.message);
  context.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (p) => {
    if (p.metadata.uid !== pod.metadata.uid || (p.spec.nodeName ?? '') !== '') return p;
    let status: PodStatus = withPodCondition(p.status, 'PodScheduled', 'False', context.sim.nowMs, reason, result.message);
    if (nominated !== undefined) status = { ...status, nominatedNodeName: nominated };
    return { ...p, status };
  });
}
