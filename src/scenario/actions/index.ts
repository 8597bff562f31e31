/** Every timeline action, by its `action:` name. Add new actions here. */
import type { ActionDefinition } from './action.js';
import { failNode, heal, partition, recoverNode, startKubelet, stopKubelet } from './faults.js';
import { apply, deleteObject, scale, setImage } from './workloads.js';
import { addNodes, cordon, drainNode, removeNode, uncordon } from './nodes.js';
import { patch } from './patch.js';
import { deletePod } from './pods.js';
import { rolloutPause, rolloutRestart, rolloutResume, rolloutUndo } from './rollout.js';
import { setTraffic } from './traffic.js';

export const ACTIONS: readonly ActionDefinition[] = [
  setImage,
  scale,
  apply,
  deleteObject,
  failNode,
  recoverNode,
  rolloutUndo,
  rolloutPause,
  rolloutResume,
  rolloutRestart,
  patch,
  deletePod,
  cordon,
  uncordon,
  drainNode,
  addNodes,
  removeNode,
  stopKubelet,
  startKubelet,
  partition,
  heal,
  setTraffic,
];

export function actionByName(name: string): ActionDefinition | undefined {
  return ACTIONS.find((a) => a.name === name);
}
