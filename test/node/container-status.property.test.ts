/**
 * Property: the kubelet's container status (container-slot.ts), which gives
 * back the status it built last while that still says the same, reports
 * exactly what the plain builder (kept here, as it was before) builds from
 * the same slot and runtime container: same fields, values and key order,
 * through any sequence of starts, exits, restarts, probe results, waiting
 * reasons and terminations, for two containers stepping in turn (whose
 * statuses may be one shared object). When the plain status is unchanged
 * the same object comes back, so the pod's status compares equal at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../../src/api/types/pod.js';
import { containerStatus, type ContainerSlot } from '../../src/node/container-slot.js';
import type { RuntimeContainer } from '../../src/node/runtime.js';

const SEED = Number(process.env.FC_SEED ?? 16_071);
const RUNS = Number(process.env.FC_RUNS ?? 300);

/** The builder before the memo. */
function plainContainerStatus(slot: ContainerSlot, running: RuntimeContainer | undefined, ready: boolean): ContainerStatus {
  const isRunning = running?.state === 'running';
  const base = { name: slot.name, image: slot.image, ready: isRunning && ready, started: isRunning && slot.started, restartCount: slot.restartCount };
  const lastState = slot.last === undefined
    ? {}
    : { lastState: { terminated: { exitCode: slot.last.exitCode, reason: slot.last.reason, startedAt: slot.last.startedAtMs, finishedAt: slot.last.finishedAtMs } } };
  if (isRunning) return { ...base, state: { running: { startedAt: running.startedAtMs } }, ...lastState };
  if (slot.finished && slot.last !== undefined) {
    return { ...base, state: { terminated: { exitCode: slot.last.exitCode, reason: slot.last.reason, startedAt: slot.last.startedAtMs, finishedAt: slot.last.finishedAtMs } } };
  }
  const waiting = slot.waitingMessage === undefined ? { reason: slot.waitingReason } : { reason: slot.waitingReason, message: slot.waitingMessage };
  return { ...base, state: { waiting }, ...lastState };
}

type Step =
  | { readonly op: 'start'; readonly atMs: number }
  | { readonly op: 'exit' }
  | { readonly op: 'ready'; readonly ready: boolean }
  | { readonly op: 'started'; readonly started: boolean }
  | { readonly op: 'restart' }
  | { readonly op: 'waiting'; readonly reason: string; readonly message: string | undefined }
  | { readonly op: 'terminated'; readonly exitCode: number; readonly startedAtMs: number; readonly finishedAtMs: number }
  | { readonly op: 'finished'; readonly finished: boolean }
  | { readonly op: 'check' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('start' as const), atMs: fc.nat(3) }),
  fc.constant({ op: 'exit' as const }),
  fc.record({ op: fc.constant('ready' as const), ready: fc.boolean() }),
  fc.record({ op: fc.constant('started' as const), started: fc.boolean() }),
  fc.constant({ op: 'restart' as const }),
  fc.record({
    op: fc.constant('waiting' as const),
    reason: fc.constantFrom('ContainerCreating', 'CrashLoopBackOff', 'ErrImagePull'),
    message: fc.option(fc.constantFrom('back-off 10s', 'back-off 20s'), { nil: undefined }),
  }),
  // Few values, so that a new termination often says what the last one said.
  fc.record({ op: fc.constant('terminated' as const), exitCode: fc.constantFrom(0, 1, 137), startedAtMs: fc.nat(2), finishedAtMs: fc.nat(2) }),
  fc.record({ op: fc.constant('finished' as const), finished: fc.boolean() }),
  fc.constant({ op: 'check' as const }),
);

function newSlot(name = 'app', image = 'web:1'): ContainerSlot {
  return {
    spec: { name, image },
    name,
    image,
    behaviour: { image, ready: 'always', crash: false, exitCode: 0, pullError: false },
    restartCount: 0,
    backoffRestarts: 0,
    waitingReason: 'ContainerCreating',
    waitingMessage: undefined,
    imageReady: false,
    pullFailures: 0,
    pull: undefined,
    timer: undefined,
    kill: undefined,
    finished: false,
    last: undefined,
    started: false,
    probes: [],
    status: undefined,
  } as unknown as ContainerSlot;
}

function runtimeContainer(slot: ContainerSlot, atMs: number): RuntimeContainer {
  return { name: slot.name, image: slot.image, behaviour: slot.behaviour, state: 'running', startedAtMs: atMs, answersFromMs: atMs, hangsAtMs: Number.POSITIVE_INFINITY };
}

/** A container under test: its slot and runtime view, and the status read last with its plain JSON. */
interface Tracked {
  readonly slot: ContainerSlot;
  running: RuntimeContainer | undefined;
  ready: boolean;
  previousPlain: string | undefined;
  previous: ContainerStatus | undefined;
}

function tracked(name: string, image: string): Tracked {
  return { slot: newSlot(name, image), running: undefined, ready: false, previousPlain: undefined, previous: undefined };
}

describe('container status memo', () => {
  it('builds what the plain builder builds, and the same object while nothing changed', () => {
    // Two containers (of one pod or of two: the memo does not tell) take the steps in turn, each step
    // for one of them; both statuses are read after each step, so one's status may be the other's.
    const images = fc.constantFrom(['web:1', 'web:1'], ['web:1', 'web:2']);
    const names = fc.constantFrom(['app', 'app'], ['app', 'sidecar']);
    fc.assert(
      fc.property(names, images, fc.array(fc.tuple(fc.nat(1), step), { maxLength: 40 }), ([nameA, nameB], [imageA, imageB], steps) => {
        const containers = [tracked(nameA as string, imageA as string), tracked(nameB as string, imageB as string)];
        for (const [which, s] of steps) {
          const c = containers[which] as Tracked;
          const slot = c.slot;
          if (s.op === 'start') c.running = runtimeContainer(slot, s.atMs);
          else if (s.op === 'exit' && c.running !== undefined) c.running.state = 'exited';
          else if (s.op === 'ready') c.ready = s.ready;
          else if (s.op === 'started') slot.started = s.started;
          else if (s.op === 'restart') slot.restartCount++;
          else if (s.op === 'waiting') {
            slot.waitingReason = s.reason;
            slot.waitingMessage = s.message;
          } else if (s.op === 'terminated') slot.last = { exitCode: s.exitCode, reason: s.exitCode === 0 ? 'Completed' : 'Error', startedAtMs: s.startedAtMs, finishedAtMs: s.finishedAtMs };
          else if (s.op === 'finished') slot.finished = s.finished;
          for (const each of containers) {
            const plain = JSON.stringify(plainContainerStatus(each.slot, each.running, each.ready));
            const status = containerStatus(each.slot, each.running, each.ready);
            expect(JSON.stringify(status)).toBe(plain);
            if (plain === each.previousPlain) expect(status).toBe(each.previous);
            each.previousPlain = plain;
            each.previous = status;
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('gives containers of different pods that say the same one status object', () => {
    // Two pods of one template whose containers started at 5 ms: one status, shared; a third started at 6 ms has its own.
    const [a, b, c] = [newSlot('app', 'web:1'), newSlot('app', 'web:1'), newSlot('app', 'web:1')];
    const first = containerStatus(a, runtimeContainer(a, 5), true);
    expect(containerStatus(b, runtimeContainer(b, 5), true)).toBe(first);
    expect(containerStatus(c, runtimeContainer(c, 6), true)).not.toBe(first);
    expect(containerStatus(c, runtimeContainer(c, 6), true).state).toEqual({ running: { startedAt: 6 } });
  });
});
