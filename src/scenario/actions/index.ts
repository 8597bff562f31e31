/** Every timeline action, by its `action:` name. Add new actions here. */
import type { ActionDefinition } from './action.js';
import { failNode, heal, partition, recoverNode, startKubelet, stopKubelet } from './faults.js';
import { apply, deleteObject, scale, setImage } from './workloads.js';
import { setTraffic } from './traffic.js';

export const ACTIONS: readonly ActionDefinition[] = [
  setImage,
  scale,
  apply,
  deleteObject,
  failNode,
  recoverNode,
  stopKubelet,
  startKubelet,
  partition,
  heal,
  setTraffic,
] as unknown as readonly ActionDefinition[];

export function actionByName(name: string): ActionDefinition | undefined {
  return ACTIONS.find((a) => a.name === name);
}
