/**
 * The binding cycle (pkg/scheduler/schedule_one.go bindingCycle),
 * run after the bind delay as its own event: Permit (allow, reject, or wait
 * for other plugins to allow), then PreBind, Bind (DefaultBinder posts the
 * Binding), the Scheduled event and PostBind. On failure the assumed pod is
 * forgotten, reservations undone, parked pods get another look (freed room)
 * and the pod goes back through the failure handler.
 */
import type { Pod } from '../api/types/pod.js';
import { EVENT_ASSIGNED_POD_DELETE } from './framework/cluster-events.js';
import type { Framework } from './framework/framework.js';
import type { CycleState, QueuedPodInfo } from './framework/interfaces.js';
import { isRejection, isSuccess, type Status } from './framework/status.js';
import { handleFailure } from './failure.js';
import type { SchedulingContext } from './scheduling-context.js';

/**
 * handleBindingCycleError (pkg/scheduler/schedule_one.go): Unreserve, then
 * ForgetPod, which counts as an AssignedPodDelete whose object is the
 * assumed pod, bound to the node (hints such as GpuShare's read its
 * spec.nodeName to tell a pod that held resources). After a rejection the
 * move comes after the failure handler and leaves the pod itself out, so
 * that the event does not send it straight to backoffQ.
 */
function fail(context: SchedulingContext, framework: Framework, state: CycleState, info: QueuedPodInfo, nodeName: string, status: Status, message: string): void {
  const pod = info.pod;
  framework.runUnreserve(state, pod, nodeName);
  context.cache.forget(pod);
  const assumed: Pod = { ...pod, spec: { ...pod.spec, nodeName } };
  const rejected = isRejection(status);
  if (!rejected) context.queue.onClusterEvent(EVENT_ASSIGNED_POD_DELETE, assumed, undefined);
  const rejectors = rejected && status.plugin !== undefined ? new Set([status.plugin]) : new Set<string>();
  handleFailure(context, info, rejected
    ? { kind: 'unschedulable', message, rejectors, pending: new Set(), evaluatedNodes: 0, scoredNodes: 0 }
    : { kind: 'error', message, rejectors });
  if (rejected) context.queue.onClusterEvent(EVENT_ASSIGNED_POD_DELETE, assumed, undefined, (other) => other.pod.metadata.uid !== pod.metadata.uid);
}

function bind(context: SchedulingContext, framework: Framework, state: CycleState, info: QueuedPodInfo, nodeName: string): void {
  const pod: Pod = info.pod;
  const preBind = context.timed('PreBind', () => framework.runPreBind(state, pod, nodeName));
  if (!isSuccess(preBind)) {
    fail(context, framework, state, info, nodeName, preBind, `running PreBind plugin "${preBind.plugin ?? ''}": ${preBind.reasons.join(', ')}`);
    return;
  }
  const status = context.timed('Bind', () => framework.runBind(state, pod, nodeName));
  if (!isSuccess(status)) {
    fail(context, framework, state, info, nodeName, status, `Binding rejected: ${status.reasons.join(', ')}`);
    return;
  }
  context.client.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${nodeName}`);
  context.queue.done(pod);
  context.timed('PostBind', () => framework.runPostBind(state, pod, nodeName));
}

export function bindingCycle(context: SchedulingContext, framework: Framework, state: CycleState, info: QueuedPodInfo, nodeName: string, delayMs: number): void {
  const pod = info.pod;
  let waiting: Map<string, number> | undefined;
  for (const plugin of framework.permitPlugins) {
    const result = context.timed('Permit', () => plugin.permit(state, pod, nodeName));
    if (result.status.code === 'Wait') {
      waiting ??= new Map();
      waiting.set(plugin.name, result.timeoutMs ?? 0);
      continue;
    }
    if (!isSuccess(result.status)) {
      const status = { ...result.status, plugin: result.status.plugin ?? plugin.name };
      fail(context, framework, state, info, nodeName, status, `rejected by "${status.plugin}" at Permit: ${status.reasons.join(', ')}`);
      return;
    }
  }
  const proceed = (): void => {
    context.sim.after(delayMs, () => bind(context, framework, state, info, nodeName), 'scheduler bind');
  };
  if (waiting === undefined) {
    proceed();
    return;
  }
  context.waitingPods.wait(pod, waiting, (outcome) => {
    if (outcome.allowed) proceed();
    else fail(context, framework, state, info, nodeName, { code: 'Unschedulable', reasons: [outcome.message], plugin: outcome.plugin }, outcome.message);
  });
}
