/**
 * A cell whose run failed, on its way back from a worker thread. Errors lose
 * their class crossing a thread, so the worker says whose fault the failure
 * is: a user plugin that threw is the user's to fix (reported as such), a
 * scenario that does not load with a plan's value is bad input (exit 2),
 * any other failure is a kubesim bug.
 */
import { HeapLimitError } from '../cli/heap-guard.js';
import { SimulationError } from '../engine/errors.js';
import { formatDuration } from '../engine/time.js';
import { ScenarioError } from '../scenario/errors.js';
import { describeUserPluginFailure, UserPluginFailure } from '../scheduler/config/user-plugins.js';

export class CellRunError extends Error {
  readonly userPlugin: boolean;
  /** The cell's scenario does not load (with a plan's value): the user's input to fix, exit 2. */
  readonly badInput: boolean;
  /** The heap guard stopped the cell's run (on the main thread): its message says what to do, exit 1. */
  readonly heapLimit: boolean;

  constructor(message: string, userPlugin: boolean, badInput = false, heapLimit = false) {
    super(message);
    this.name = 'CellRunError';
    this.userPlugin = userPlugin;
    this.badInput = badInput;
    this.heapLimit = heapLimit;
  }
}

/** What a worker returns instead of a cell when the run threw. */
export interface FailedCell {
  readonly failed: { readonly message: string; readonly userPlugin: boolean; readonly badInput?: boolean; readonly heapLimit?: boolean };
}

export function failedCell(error: unknown): FailedCell {
  if (error instanceof SimulationError && error.cause instanceof UserPluginFailure) {
    return { failed: { message: `the run failed at t=${formatDuration(error.atMs)}: ${describeUserPluginFailure(error.cause)}`, userPlugin: true } };
  }
  if (error instanceof ScenarioError) return { failed: { message: `the scenario does not load:\n${error.message}`, userPlugin: false, badInput: true } };
  // The heap guard stopped a cell run on the main thread (pool.ts, inProcessRunner): its message says what to do, no stack.
  if (error instanceof HeapLimitError) return { failed: { message: error.message, userPlugin: false, heapLimit: true } };
  return { failed: { message: error instanceof Error ? error.stack ?? error.message : String(error), userPlugin: false } };
}

export function isFailedCell(value: unknown): value is FailedCell {
  return typeof value === 'object' && value !== null && 'failed' in value;
}
