/**
 * The pod status a kubelet writes (k/k pkg/kubelet/kubelet_pods.go
 * generateAPIPodStatus; kubernetes.io/docs/concepts/workloads/pods/
 * pod-lifecycle, "Pod conditions"): phase from the containers,
 * PodReadyToStartContainers and Initialized once the sandbox
 * exists, ContainersReady when every container is ready, and Ready when
 * ContainersReady holds and every readiness gate condition is True.
 */
import { podCondition } from '../api/pod-util.js';
import type { Condition, ConditionStatus } from '../api/types/meta.js';
import type { ContainerStatus, Pod, PodConditionType, PodPhase, PodStatus } from '../api/types/pod.js';

/** What the kubelet decided; the rest of the status comes from the stored pod. */
export interface StatusCore {
  readonly phase: PodPhase;
  readonly containerStatuses: readonly ContainerStatus[];
  /** The sandbox exists (pod IP assigned). */
  readonly sandbox: boolean;
  readonly podIP?: string;
  readonly hostIP: string;
}

type PodCondition = Condition<PodConditionType>;

/** A condition the kubelet sets: its type, value, and the reason and message that go with a False. */
interface ConditionUpdate {
  readonly type: PodConditionType;
  readonly status: ConditionStatus;
  readonly reason?: string;
  readonly message?: string;
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
  const previous = current.status;
  const status: Record<string, unknown> = { ...previous, phase: core.phase, containerStatuses: core.containerStatuses };
  const updates: ConditionUpdate[] = [];
  if (core.sandbox) {
    status.startTime = previous?.startTime ?? nowMs;
    status.hostIP = core.hostIP;
    if (core.podIP !== undefined) status.podIP = core.podIP;
    updates.push({ type: 'PodReadyToStartContainers', status: 'True' }, { type: 'Initialized', status: 'True' });
  } else if (podCondition(current, 'PodReadyToStartContainers') === undefined) {
    updates.push({ type: 'PodReadyToStartContainers', status: 'False' });
  }
  const terminal = core.phase === 'Succeeded' || core.phase === 'Failed';
  const reason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const ready = containersReady(core);
  const message = ready ? '' : `containers with unready status: [${core.containerStatuses.filter((s) => !s.ready).map((s) => s.name).join(' ')}]`;
  updates.push(ready ? { type: 'ContainersReady', status: 'True' } : { type: 'ContainersReady', status: 'False', reason, message });
  if (podReady(core, current)) updates.push({ type: 'Ready', status: 'True' });
  else if (ready) updates.push({ type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: 'the status of pod readiness gates is not "True"' });
  else updates.push({ type: 'Ready', status: 'False', reason, message });
  status.conditions = withConditions(previous?.conditions ?? [], updates, nowMs);
  return status;
}

/**
 * The conditions with each update applied in turn, as withPodCondition
 * would one at a time (a replaced condition keeps its place, a new one goes
 * last; lastTransitionTime moves only when the value changes), in one pass.
 * A condition that comes out as it was is kept, and so is the whole list
 * when nothing changed: the store then finds the status unchanged at once.
 */
function withConditions(conditions: readonly PodCondition[], updates: readonly ConditionUpdate[], nowMs: number): readonly PodCondition[] {
  const byType = new Map<PodConditionType, PodCondition>();
  const added: PodCondition[] = [];
  for (const update of updates) {
    const existing = conditions.find((c) => c.type === update.type);
    const transition = existing !== undefined && existing.status === update.status ? existing.lastTransitionTime : nowMs;
    const next = existing !== undefined && isCondition(existing, update, transition) ? existing : conditionOf(update, transition);
    byType.set(update.type, next);
    if (existing === undefined) added.push(next);
  }
  const replaced = conditions.map((c) => byType.get(c.type) ?? c);
  if (added.length === 0 && replaced.every((c, i) => c === conditions[i])) return conditions;
  return [...replaced, ...added];
}

function conditionOf(update: ConditionUpdate, transition: number | undefined): PodCondition {
  return {
    type: update.type,
    status: update.status,
    ...(transition === undefined ? {} : { lastTransitionTime: transition }),
    ...(update.reason === undefined ? {} : { reason: update.reason }),
    ...(update.message === undefined ? {} : { message: update.message }),
  };
}

/** Whether `existing` is exactly what conditionOf would build: the same fields, in the same order, and no others. */
function isCondition(existing: PodCondition, update: ConditionUpdate, transition: number | undefined): boolean {
  const expected: Array<[string, unknown]> = [['type', update.type], ['status', update.status]];
  if (transition !== undefined) expected.push(['lastTransitionTime', transition]);
  if (update.reason !== undefined) expected.push(['reason', update.reason]);
  if (update.message !== undefined) expected.push(['message', update.message]);
  let i = 0;
  for (const key in existing) {
    const field = expected[i++];
    if (field?.[0] !== key || (existing as unknown as Record<string, unknown>)[key] !== field[1]) return false;
  }
  return i === expected.length;
}
