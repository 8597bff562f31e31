/**
 * A score plugin that picks devices while scoring (FGD tries each device of
 * a node) records its pick here, per node, for the cycle; GpuShare's
 * Reserve then moves the pod onto the devices picked for the chosen node
 * (the simulator's allocateGpuIdFunc, keyed by the policy plugin).
 */
import type { CycleState } from '../framework/interfaces.js';

const KEY = 'GpuShare/deviceChoice';

export function recordDeviceChoice(state: CycleState, nodeName: string, devices: readonly number[]): void {
  let choices = state.read<Map<string, readonly number[]>>(KEY);
  if (choices === undefined) {
    choices = new Map();
    state.write(KEY, choices);
  }
  choices.set(nodeName, devices);
}

export function deviceChoice(state: CycleState, nodeName: string): readonly number[] | undefined {
  return state.read<Map<string, readonly number[]>>(KEY)?.get(nodeName);
}
