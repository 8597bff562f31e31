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

/**
 * A condition the kubelet sets: its type, value, and the reason and message
 * that go with a False. It keeps the condition it built last, so that every
 * pod whose condition changes at the same instant (a rollout's pods on
 * many nodes) stores the same immutable object instead of one copy each.
 */
class ConditionUpdate {
  private last: PodCondition | undefined;

  constructor(readonly type: PodConditionType, readonly status: ConditionStatus, readonly reason?: string, readonly message?: string) {}

  /** The condition with this transition time: the one built last if it has that time, else a new one. */
  condition(transition: number | undefined): PodCondition {
    const last = this.last;
    if (last !== undefined && last.lastTransitionTime === transition) return last;
    const condition: { -readonly [K in keyof PodCondition]: PodCondition[K] } = { type: this.type, status: this.status };
    if (transition !== undefined) condition.lastTransitionTime = transition;
    if (this.reason !== undefined) condition.reason = this.reason;
    if (this.message !== undefined) condition.message = this.message;
    this.last = condition;
    return condition;
  }
}

/** ContainersReady and Ready while some container is not ready, for one reason and one list of unready containers. */
interface NotReadyUpdates {
  readonly unready: readonly string[];
  readonly containersReady: ConditionUpdate;
  readonly ready: ConditionUpdate;
}

export function containersReady(core: StatusCore): boolean {
  return core.containerStatuses.length > 0 && core.containerStatuses.every((s) => s.ready);
}

/** Whether the pod's Ready condition would be True with this core. */
export function podReady(core: StatusCore, pod: Pod): boolean {
  if (!containersReady(core)) return false;
  return (pod.spec.readinessGates ?? []).every((gate) => pod.status?.conditions?.find((c) => c.type === gate.conditionType)?.status === 'True');
}

const READY_TO_START_CONTAINERS = new ConditionUpdate('PodReadyToStartContainers', 'True');
const NOT_READY_TO_START_CONTAINERS = new ConditionUpdate('PodReadyToStartContainers', 'False');
const INITIALIZED = new ConditionUpdate('Initialized', 'True');
const CONTAINERS_READY = new ConditionUpdate('ContainersReady', 'True');
const READY = new ConditionUpdate('Ready', 'True');
const GATES_NOT_READY = new ConditionUpdate('Ready', 'False', 'ReadinessGatesNotReady', 'the status of pod readiness gates is not "True"');
/** The not-ready updates built last, per reason (ContainersNotReady, PodCompleted): pods of one template share them and their message. */
const lastNotReady = new Map<string, NotReadyUpdates>();

/** The status to store for `current` given the kubelet's view. */
export function buildPodStatus(current: Pod, core: StatusCore, nowMs: number): PodStatus {
  const previous = current.status;
  const status = copyWith(previous, core.phase, core.containerStatuses);
  const updates: ConditionUpdate[] = [];
  if (core.sandbox) {
    status.startTime = previous?.startTime ?? nowMs;
    status.hostIP = core.hostIP;
    if (core.podIP !== undefined) status.podIP = core.podIP;
    updates.push(READY_TO_START_CONTAINERS, INITIALIZED);
  } else if (podCondition(current, 'PodReadyToStartContainers') === undefined) {
    updates.push(NOT_READY_TO_START_CONTAINERS);
  }
  if (containersReady(core)) {
    updates.push(CONTAINERS_READY, podReady(core, current) ? READY : GATES_NOT_READY);
  } else {
    const notReady = notReadyUpdates(core.phase === 'Succeeded' || core.phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady', core.containerStatuses);
    updates.push(notReady.containersReady, notReady.ready);
  }
  status.conditions = withConditions(previous?.conditions ?? [], updates, nowMs);
  return status;
}

/**
 * `{ ...previous, phase, containerStatuses }`, the same keys in the same
 * order, built as an empty literal filled in: a spread copy has room for
 * no property it does not copy, so each one the status adds next (a first
 * write adds containerStatuses, startTime, hostIP and podIP) grew its
 * property store again; this took a third of the time in a loop of such
 * writes (node, this machine).
 */
function copyWith(previous: PodStatus | undefined, phase: PodPhase, containerStatuses: readonly ContainerStatus[]): Record<string, unknown> {
  const status: Record<string, unknown> = {};
  Object.assign(status, previous);
  status.phase = phase;
  status.containerStatuses = containerStatuses;
  return status;
}

/** ContainersReady and Ready False for `reason`, naming the unready containers: the ones built last when they name the same containers. */
function notReadyUpdates(reason: string, statuses: readonly ContainerStatus[]): NotReadyUpdates {
  const last = lastNotReady.get(reason);
  if (last !== undefined && namesUnready(statuses, last.unready)) return last;
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const message = `containers with unready status: [${unready.join(' ')}]`;
  const updates = { unready, containersReady: new ConditionUpdate('ContainersReady', 'False', reason, message), ready: new ConditionUpdate('Ready', 'False', reason, message) };
  lastNotReady.set(reason, updates);
  return updates;
}

/** Whether the containers of `statuses` that are not ready are `unready`, in order. */
function namesUnready(statuses: readonly ContainerStatus[], unready: readonly string[]): boolean {
  let next = 0;
  for (const status of statuses) {
    if (status.ready) continue;
    if (status.name !== unready[next]) return false;
    next++;
  }
  return next === unready.length;
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
      (added ??= []).push(update.condition(nowMs));
      continue;
    }
    const existing = conditions[first] as PodCondition;
    const transition = existing.status === update.status ? existing.lastTransitionTime : nowMs;
    const next = isCondition(existing, update, transition) ? existing : update.condition(transition);
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

/** Whether `existing` is exactly what update.condition(transition) would build: the same fields, in the same order, and no others. */
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

/** The fields ConditionUpdate.condition writes, in its order. */
const FIELD_ORDER = ['type', 'status', 'lastTransitionTime', 'reason', 'message'] as const;
