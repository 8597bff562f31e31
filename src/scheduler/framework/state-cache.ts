/**
 * Per-plugin memo of one CycleState entry: Score and Filter run once per
 * node, and reading the state map each time showed in profiles. The memo is
 * keyed by the CycleState object, so preemption's cloned states are read
 * afresh.
 */
import type { CycleState } from './interfaces.js';

export function stateReader<T>(key: string): (state: CycleState) => T | undefined {
  let lastState: CycleState | undefined;
  let lastValue: T | undefined;
  return (state) => {
    if (state !== lastState) {
      lastState = state;
      lastValue = state.read<T>(key);
    }
    return lastValue;
  };
}
