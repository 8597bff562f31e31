/**
 * A call graph step by step: the calls a pod makes to other Services for
 * one request it serves. Steps run one after another, so their latencies
 * add up; the calls of a parallel step run at once and the step ends when
 * the last of them does (the maximum of their latencies). A call with
 * `count: n` is n calls (one after another in a sequential step, at once in
 * a parallel one), each made with its `probability`. A failed attempt is
 * retried up to `retries` times at once; a call that still fails ends the
 * request: the remaining steps are not run and the request fails, blamed on
 * the Service at the end of the failing chain.
 */
import type { Rng } from '../engine/random.js';
import type { CallSpec, CallStep } from './types.js';

export type CallOutcome = { readonly ok: true } | { readonly ok: false; readonly blame: string };

export const CALL_OK: CallOutcome = { ok: true };

/** Sends one attempt of a call; `done` is called exactly once with its outcome. */
export type SendCall = (call: CallSpec, done: (outcome: CallOutcome) => void) => void;

export interface CallContext {
  readonly rng: Rng;
  readonly send: SendCall;
  /** The request is over (its pod went away): start nothing more. */
  aborted(): boolean;
}

/** One call with its retries. */
function attempt(call: CallSpec, context: CallContext, retriesLeft: number, done: (outcome: CallOutcome) => void): void {
  context.send(call, (outcome) => {
    if (outcome.ok || retriesLeft <= 0 || context.aborted()) done(outcome);
    else attempt(call, context, retriesLeft - 1, done);
  });
}

/** The calls a step makes, each kept with its probability (drawn in order, so runs repeat). */
function callsMade(calls: readonly CallSpec[], rng: Rng): CallSpec[] {
  const made: CallSpec[] = [];
  for (const call of calls) {
    for (let i = 0; i < call.count; i++) if (call.probability >= 1 || rng.next() < call.probability) made.push(call);
  }
  return made;
}

function runSequential(calls: readonly CallSpec[], index: number, context: CallContext, done: (outcome: CallOutcome) => void): void {
  const call = calls[index];
  if (call === undefined || context.aborted()) {
    done(CALL_OK);
    return;
  }
  attempt(call, context, call.retries, (outcome) => {
    if (!outcome.ok) done(outcome);
    else runSequential(calls, index + 1, context, done);
  });
}

function runParallel(calls: readonly CallSpec[], context: CallContext, done: (outcome: CallOutcome) => void): void {
  if (calls.length === 0) {
    done(CALL_OK);
    return;
  }
  const outcomes: Array<CallOutcome | undefined> = calls.map(() => undefined);
  let pending = calls.length;
  calls.forEach((call, i) => attempt(call, context, call.retries, (outcome) => {
    outcomes[i] = outcome;
    if (--pending > 0) return;
    // The first failure in the step's order, so the blame does not depend on which answered first.
    done(outcomes.find((o) => o !== undefined && !o.ok) ?? CALL_OK);
  }));
}

/** Runs `steps` from `index` on; `done` gets the first failure, or success after the last step. */
export function runCallSteps(steps: readonly CallStep[], context: CallContext, done: (outcome: CallOutcome) => void, index = 0): void {
  const step = steps[index];
  if (step === undefined || context.aborted()) {
    done(CALL_OK);
    return;
  }
  const next = (outcome: CallOutcome): void => {
    if (!outcome.ok) done(outcome);
    else runCallSteps(steps, context, done, index + 1);
  };
  if (step.kind === 'call') runSequential(callsMade([step.call], context.rng), 0, context, next);
  else runParallel(callsMade(step.calls, context.rng), context, next);
}
