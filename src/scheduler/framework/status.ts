/**
 * Plugin outcomes as data (kube-scheduler framework Code and Status). A
 * filter that rejects returns Unschedulable with a reason; preemption skips
 * nodes whose status is UnschedulableAndUnresolvable.
 */

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** The plugin that produced a non-success status. */
  readonly plugin?: string;
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) });
export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: Object.freeze([]) });

export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons, plugin };
}

export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons, plugin };
}

export function errorStatus(plugin: string, message: string): Status {
  return { code: 'Error', reasons: [message], plugin };
}

export function isSuccess(status: Status): boolean {
  return status.code === 'Success';
}

/** Rejections that make the pod unschedulable (as opposed to internal errors). */
export function isRejection(status: Status): boolean {
  return status.code === 'Unschedulable' || status.code === 'UnschedulableAndUnresolvable';
}
