/**
 * handleSchedulingFailure (schedule_one.go; k8s-scheduler.md §1.5): the pod
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
import type { Scheduler } from './scheduler.js';

export type FailureResult = Exclude<AttemptResult, { kind: 'scheduled' }>;

export function handleFailure(scheduler: Scheduler, info: QueuedPodInfo, result: FailureResult): void {
  const pod = info.pod;
  const current = scheduler.currentPod(pod);
  if (current === undefined || (current.spec.nodeName ?? '') !== '' || current.metadata.uid !== pod.metadata.uid || current.metadata.deletionTimestamp !== undefined) {
    scheduler.queue.done(pod);
    return;
  }
  info.pod = current;
  const pending = result.kind === 'unschedulable' ? result.pending : new Set<string>();
  scheduler.queue.addUnschedulable(info, result.rejectors, pending);
  const nominated = result.kind === 'unschedulable' ? result.nominatedNodeName : undefined;
  if (nominated !== undefined) scheduler.nominator.add(current, nominated);
  const reason = result.kind === 'error' ? 'SchedulerError' : 'Unschedulable';
  scheduler.client.event(pod, 'Warning', 'FailedScheduling', result.message);
  scheduler.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (p) => {
    if (p.metadata.uid !== pod.metadata.uid || (p.spec.nodeName ?? '') !== '') return p;
    let status: PodStatus = withPodCondition(p.status, 'PodScheduled', 'False', scheduler.sim.nowMs, reason, result.message);
    if (nominated !== undefined) status = { ...status, nominatedNodeName: nominated };
    return { ...p, status };
  });
}
