/**
 * Property: the kubelet's status builder, which sets its conditions in one
 * pass and keeps the ones that come out unchanged, writes exactly what the
 * plain builder (a withPodCondition call per condition, kept here as the
 * reference) writes: same fields, same values, same key order, on any
 * stored status, conditions in any order (with duplicates, extra fields,
 * odd key order) and any kubelet view. A status built again from an
 * unchanged view keeps its conditions list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podCondition, withPodCondition } from '../../src/api/pod-util.js';
import type { Condition } from '../../src/api/types/meta.js';
import type { ContainerStatus, Pod, PodConditionType, PodStatus } from '../../src/api/types/pod.js';
import { buildPodStatus, containersReady, podReady, type StatusCore } from '../../src/node/pod-status.js';

const SEED = Number(process.env.FC_SEED ?? 16_053);
const RUNS = Number(process.env.FC_RUNS ?? 500);
const GATE = 'example.com/gate' as PodConditionType;

/** The builder before the one-pass version. */
function plainBuildPodStatus(current: Pod, core: StatusCore, nowMs: number): PodStatus {
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

/** Builds an object from entries in the order given. */
const inOrder = <T>(entries: Array<[string, unknown] | undefined>): T => Object.fromEntries(entries.filter((e) => e !== undefined)) as T;

const conditionType = fc.constantFrom<PodConditionType>('PodScheduled', 'PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', GATE);
const condition = fc
  .record({
    type: conditionType,
    status: fc.constantFrom('True', 'False', 'Unknown'),
    lastTransitionTime: fc.option(fc.nat(100), { nil: undefined }),
    reason: fc.option(fc.constantFrom('ContainersNotReady', 'PodCompleted', 'ReadinessGatesNotReady'), { nil: undefined }),
    message: fc.option(fc.constantFrom('containers with unready status: [a]', 'containers with unready status: [a b]'), { nil: undefined }),
    lastProbeTime: fc.option(fc.nat(5), { nil: undefined }),
    swapped: fc.boolean(),
  })
  .map(({ swapped, ...c }) => {
    const entries: Array<[string, unknown] | undefined> = [
      ['type', c.type],
      ['status', c.status],
      c.lastTransitionTime === undefined ? undefined : ['lastTransitionTime', c.lastTransitionTime],
      c.reason === undefined ? undefined : ['reason', c.reason],
      c.message === undefined ? undefined : ['message', c.message],
      c.lastProbeTime === undefined ? undefined : ['lastProbeTime', c.lastProbeTime],
    ];
    return inOrder<Condition<PodConditionType>>(swapped ? entries.reverse() : entries);
  });

const storedStatus = fc.option(
  fc.record(
    { phase: fc.constantFrom('Pending', 'Running'), hostIP: fc.constant('10.0.0.1'), podIP: fc.constant('10.244.0.5'), startTime: fc.nat(50), conditions: fc.array(condition, { maxLength: 6 }) },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const containerStatus = (name: string, ready: boolean): ContainerStatus => ({ name, image: 'i', ready, started: ready, restartCount: 0, state: { running: { startedAt: 0 } } });
const core = fc.record({
  phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
  containers: fc.array(fc.boolean(), { maxLength: 3 }),
  sandbox: fc.boolean(),
  podIP: fc.option(fc.constant('10.244.0.7'), { nil: undefined }),
}).map(({ containers, podIP, ...rest }): StatusCore => ({
  ...rest,
  containerStatuses: containers.map((ready, i) => containerStatus(['a', 'b', 'c'][i] as string, ready)),
  ...(podIP === undefined ? {} : { podIP }),
  hostIP: '10.0.0.1',
}));

function podWith(status: PodStatus | undefined, gated: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: 0 },
    spec: { containers: [{ name: 'a' }], ...(gated ? { readinessGates: [{ conditionType: GATE }] } : {}) },
    ...(status === undefined ? {} : { status }),
  };
}

describe('buildPodStatus (the kubelet status manager)', () => {
  it('writes what the plain builder writes, and keeps an unchanged conditions list', () => {
    fc.assert(
      fc.property(storedStatus, fc.boolean(), core, fc.nat(200), fc.nat(200), (status, gated, view, nowMs, laterMs) => {
        const pod = podWith(status, gated);
        const built = buildPodStatus(pod, view, nowMs);
        expect(JSON.stringify(built)).toBe(JSON.stringify(plainBuildPodStatus(pod, view, nowMs)));
        expect(built).toStrictEqual(plainBuildPodStatus(pod, view, nowMs));
        // The next write from the same view: equal to the plain one, and the same conditions list.
        const stored = podWith(built, gated);
        const again = buildPodStatus(stored, view, nowMs + laterMs);
        expect(again).toStrictEqual(plainBuildPodStatus(stored, view, nowMs + laterMs));
        expect(again.conditions).toBe(built.conditions);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('buildPodStatus shares what pods have in common', () => {
  const view = (ready: boolean, names: readonly string[]): StatusCore => ({
    phase: 'Running',
    containerStatuses: names.map((name) => containerStatus(name, ready)),
    sandbox: true,
    podIP: '10.244.0.7',
    hostIP: '10.0.0.1',
  });

  it('gives pods whose conditions change at the same instant the same condition objects', () => {
    // Two pods on different nodes go Running at 100 ms: PodReadyToStartContainers, Initialized, ContainersReady and Ready
    // are one object each, shared; a third pod at 101 ms gets its own (lastTransitionTime 101).
    const first = buildPodStatus(podWith(undefined, false), view(true, ['a']), 100).conditions ?? [];
    const second = buildPodStatus(podWith(undefined, false), view(true, ['a']), 100).conditions ?? [];
    const later = buildPodStatus(podWith(undefined, false), view(true, ['a']), 101).conditions ?? [];
    expect(first.map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready']);
    expect(second.every((c, i) => c === first[i])).toBe(true);
    expect(later.some((c, i) => c === first[i])).toBe(false);
    expect(later.map((c) => c.lastTransitionTime)).toEqual([101, 101, 101, 101]);
  });

  it('shares the not-ready conditions of pods with the same unready containers, and names each pod its own', () => {
    const ab = buildPodStatus(podWith(undefined, false), view(false, ['a', 'b']), 100).conditions ?? [];
    const abAgain = buildPodStatus(podWith(undefined, false), view(false, ['a', 'b']), 100).conditions ?? [];
    const a = buildPodStatus(podWith(undefined, false), view(false, ['a']), 100).conditions ?? [];
    expect(abAgain[3]).toBe(ab[3]);
    expect(ab[3]?.message).toBe('containers with unready status: [a b]');
    expect(a[3]?.message).toBe('containers with unready status: [a]');
    expect(buildPodStatus(podWith(undefined, false), view(false, ['a', 'b']), 100).conditions?.[3]?.message).toBe('containers with unready status: [a b]');
  });
});
