/**
 * The pod status a kubelet writes (k/k pkg/kubelet/kubelet_pods.go
 * generateAPIPodStatus; kubernetes.io/docs/concepts/workloads/pods/
 * pod-lifecycle, "Pod conditions"): phase from the containers,
 * PodReadyToStartContainers and Initialized once the sandbox
 * exists, ContainersReady when every container is ready, and Ready when
 * ContainersReady holds and every readiness gate condition is True.
 */
import { podCondition, withPodCondition } from '../api/pod-util.js';
import type { ContainerStatus, Pod, PodPhase, PodStatus } from '../api/types/pod.js';

/** What the kubelet decided; the rest of the status comes from the stored pod. */
export interface StatusCore {
  readonly phase: PodPhase;
  readonly containerStatuses: readonly ContainerStatus[];
  /** The sandbox exists (pod IP assigned). */
  readonly sandbox: boolean;
  readonly podIP?: string;
  readonly hostIP: string;
}

export function containersReady(core: StatusCore): boolean {
  return core.containerStatuses.length > 0 && core.containerStatuses.every((s) => s.ready);
}

/** Whether the pod's Ready condition would be True with this core. */
export function podReady(core: StatusCore, pod: Pod): boolean {
  if (!containersReady(core)) return false;
  return (pod.spec.readinessGates ?? []).every((gate) => pod.status?.conditions?.find((c) => c.type === gate.conditionType)?.status === 'True');
}

/** The status to store for `current` given the kubelet's view. */
export function buildPodStatus(current: Pod, core: StatusCore, nowMs: number): PodStatus {
  let status: PodStatus = { ...current.status, phase: core.phase, containerStatuses: core.containerStatuses };
  if (core.sandbox) {
    status = { ...status, startTime: current.status?.startTime ?? nowMs, hostIP: core.hostIP, ...(core.podIP === undefined ? {} : { podIP: core.podIP }) };
    status = withPodCondition(status, 'PodReadyToStartContainers', 'True', nowMs);
    status = withPodCondition(status, 'Initialized', 'True', nowMs);
  } else if (podCondition(current, 'PodReadyToStartContainers') === undefined) {
    status = withPodCondition(status, 'PodReadyToStartContainers', 'False', nowMs);
  }
  const terminal = core.phase === 'Succeeded' || core.phase === 'Failed';
  const reason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const unready = core.containerStatuses.filter((s) => !s.ready).map((s) => s.name);
  const message = `containers with unready status: [${unready.join(' ')}]`;
  status = containersReady(core)
    ? withPodCondition(status, 'ContainersReady', 'True', nowMs)
    : withPodCondition(status, 'ContainersReady', 'False', nowMs, reason, message);
  if (podReady(core, current)) return withPodCondition(status, 'Ready', 'True', nowMs);
  const gatesOnly = containersReady(core);
  return withPodCondition(status, 'Ready', 'False', nowMs, gatesOnly ? 'ReadinessGatesNotReady' : reason, gatesOnly ? 'the status of pod readiness gates is not "True"' : message);
}
