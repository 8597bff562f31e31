/**
 * Errors raised by the engine itself. A failing event handler is never
 * swallowed: the run stops with the simulated time and the event's label.
 */

/** An event handler threw; the run stopped at `atMs`. */
export class SimulationError extends Error {
  readonly atMs: number;
  readonly label: string;

  constructor(atMs: number, label: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`event "${label}" at t=${atMs}ms failed: ${detail}`, { cause });
    this.name = 'SimulationError';
    this.atMs = atMs;
    this.label = label;
  }
}

/** A broken internal invariant: a bug in kubesim, not in the user's input. */
export class InvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantError';
  }
}
