/**
 * A score plugin that picks devices while scoring (FGD tries each device of
 * a node) records its pick here, per node, for the cycle; GpuShare's
 * Reserve then moves the pod onto the devices picked for the chosen node
 * (the simulator's allocateGpuIdFunc, keyed by the policy plugin).
 *
 * A plugin that scores every node of every cycle may instead record one
 * chooser per cycle, asked only for the node Reserve gets: a map entry per
 * scored node costs more than the scoring itself once scores are cached.
 */
import type { CycleState } from '../framework/interfaces.js';

const KEY = 'GpuShare/deviceChoice';
const CHOOSER_KEY = 'GpuShare/deviceChooser';

/** The devices a plugin picked on a node during this cycle's scoring, or undefined. */
export type DeviceChooser = (nodeName: string) => readonly number[] | undefined;

export function recordDeviceChoice(state: CycleState, nodeName: string, devices: readonly number[]): void {
  let choices = state.read<Map<string, readonly number[]>>(KEY);
  if (choices === undefined) {
    choices = new Map();
    state.write(KEY, choices);
  }
  choices.set(nodeName, devices);
}

export function recordDeviceChooser(state: CycleState, chooser: DeviceChooser): void {
  state.write(CHOOSER_KEY, chooser);
}

export function deviceChoice(state: CycleState, nodeName: string): readonly number[] | undefined {
  return state.read<Map<string, readonly number[]>>(KEY)?.get(nodeName) ?? state.read<DeviceChooser>(CHOOSER_KEY)?.(nodeName);
}
