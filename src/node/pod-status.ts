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

const READY_TO_START_CONTAINERS: ConditionUpdate = { type: 'PodReadyToStartContainers', status: 'True' };
const NOT_READY_TO_START_CONTAINERS: ConditionUpdate = { type: 'PodReadyToStartContainers', status: 'False' };
const INITIALIZED: ConditionUpdate = { type: 'Initialized', status: 'True' };
const CONTAINERS_READY: ConditionUpdate = { type: 'ContainersReady', status: 'True' };
const READY: ConditionUpdate = { type: 'Ready', status: 'True' };
const GATES_NOT_READY: ConditionUpdate = { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: 'the status of pod readiness gates is not "True"' };

/** The status to store for `current` given the kubelet's view. */
export function buildPodStatus(current: Pod, core: StatusCore, nowMs: number): PodStatus {
  const previous = current.status;
  const status: Record<string, unknown> = { ...previous, phase: core.phase, containerStatuses: core.containerStatuses };
  const updates: ConditionUpdate[] = [];
  if (core.sandbox) {
    status.startTime = previous?.startTime ?? nowMs;
    status.hostIP = core.hostIP;
    if (core.podIP !== undefined) status.podIP = core.podIP;
    updates.push(READY_TO_START_CONTAINERS, INITIALIZED);
  } else if (podCondition(current, 'PodReadyToStartContainers') === undefined) {
    updates.push(NOT_READY_TO_START_CONTAINERS);
  }
  const ready = containersReady(core);
  if (ready) {
    updates.push(CONTAINERS_READY, podReady(core, current) ? READY : GATES_NOT_READY);
  } else {
    const reason = core.phase === 'Succeeded' || core.phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady';
    const message = `containers with unready status: [${core.containerStatuses.filter((s) => !s.ready).map((s) => s.name).join(' ')}]`;
    updates.push({ type: 'ContainersReady', status: 'False', reason, message }, { type: 'Ready', status: 'False', reason, message });
  }
  status.conditions = withConditions(previous?.conditions ?? [], updates, nowMs);
  return status;
}

/**
 * The conditions with each update applied in turn, as withPodCondition
 * would one at a time (every condition of the update's type becomes the
 * new one, in its place; a new type goes last; lastTransitionTime moves
 * only when the value changes), in one pass. A condition that comes out as
 * it was is kept, and so is the whole list when nothing changed: the store
 * then finds the status unchanged at once.
 */
function withConditions(conditions: readonly PodCondition[], updates: readonly ConditionUpdate[], nowMs: number): readonly PodCondition[] {
  let replaced: PodCondition[] | undefined;
  let added: PodCondition[] | undefined;
  for (const update of updates) {
    const first = conditions.findIndex((c) => c.type === update.type);
    if (first < 0) {
      (added ??= []).push(conditionOf(update, nowMs));
      continue;
    }
    const existing = conditions[first] as PodCondition;
    const transition = existing.status === update.status ? existing.lastTransitionTime : nowMs;
    const next = isCondition(existing, update, transition) ? existing : conditionOf(update, transition);
    for (let i = first; i < conditions.length; i++) {
      if ((conditions[i] as PodCondition).type !== update.type || conditions[i] === next) continue;
      replaced ??= [...conditions];
      replaced[i] = next;
    }
  }
  if (replaced === undefined && added === undefined) return conditions;
  const list = replaced ?? [...conditions];
  if (added !== undefined) list.push(...added);
  return list;
}

function conditionOf(update: ConditionUpdate, transition: number | undefined): PodCondition {
  const condition: { -readonly [K in keyof PodCondition]: PodCondition[K] } = { type: update.type, status: update.status };
  if (transition !== undefined) condition.lastTransitionTime = transition;
  if (update.reason !== undefined) condition.reason = update.reason;
  if (update.message !== undefined) condition.message = update.message;
  return condition;
}

/** Whether `existing` is exactly what conditionOf would build: the same fields, in the same order, and no others. */
function isCondition(existing: PodCondition, update: ConditionUpdate, transition: number | undefined): boolean {
  const values = existing as unknown as Record<string, unknown>;
  let rank = -1;
  let fields = 0;
  for (const key in existing) {
    const keyRank = FIELD_ORDER.indexOf(key as (typeof FIELD_ORDER)[number]);
    const expected = key === 'type' ? update.type : key === 'status' ? update.status : key === 'lastTransitionTime' ? transition : key === 'reason' ? update.reason : key === 'message' ? update.message : undefined;
    if (keyRank <= rank || expected === undefined || values[key] !== expected) return false;
    rank = keyRank;
    fields++;
  }
  return fields === 2 + (transition === undefined ? 0 : 1) + (update.reason === undefined ? 0 : 1) + (update.message === undefined ? 0 : 1);
}

/** The fields conditionOf writes, in its order. */
const FIELD_ORDER = ['type', 'status', 'lastTransitionTime', 'reason', 'message'] as const;
