/**
 * The cluster events InterPodAffinity and PodTopologySpread register
 * (interpodaffinity/plugin.go and podtopologyspread/plugin.go
 * EventsToRegister, with the SchedulerQueueingHints gate on, as kubesim
 * runs): a pod parked in unschedulablePods by one of them goes back to
 * activeQ on exactly the node and pod updates that plugin registers and
 * whose hint says Queue. The updates go through the scheduler's own path:
 * the queue's update() for the pending pod, nodeChangeEvents for a node.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Taint } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { Simulation } from '../../src/engine/simulation.js';
import { nodeChangeEvents } from '../../src/scheduler/framework/cluster-events.js';
import type { EnqueueExtensions, QueuedPodInfo } from '../../src/scheduler/framework/interfaces.js';
import { SUCCESS } from '../../src/scheduler/framework/status.js';
import { interPodAffinity } from '../../src/scheduler/plugins/interpodaffinity/plugin.js';
import { podTopologySpread } from '../../src/scheduler/plugins/podtopologyspread/plugin.js';
import { SchedulingQueue } from '../../src/scheduler/queue/scheduling-queue.js';
import { makeNode, makePod } from '../helpers/builders.js';
import { cluster } from './helpers.js';

const ZONE = 'topology.kubernetes.io/zone';
const NO_SCHEDULE: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
const TOLERATES: Pod['spec']['tolerations'] = [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }];
/** After the 1 s initial back-off of a pod that failed at 0 (expiry truncate(0 + 1000) = 1000, over once truncate(now) > 1000): straight to activeQ. */
const EVENT_AT_MS = 5_000;

type Change = { readonly kind: 'node'; readonly oldNode: Node; readonly newNode: Node } | { readonly kind: 'pending pod'; readonly newPod: (pod: Pod) => Pod };
type Where = 'activeQ' | 'unschedulablePods';

/** Parks `pod` as rejected by `plugin` alone, applies `change` at 5 s, and says where the pod is then. */
function whereAfter(plugin: EnqueueExtensions & { readonly name: string }, pod: Pod, change: Change): Where {
  const sim = new Simulation(1);
  const hints = plugin.eventsToRegister().map((e) => ({ plugin: plugin.name, event: e.event, hint: e.hint ?? (() => 'Queue' as const) }));
  const queue = new SchedulingQueue(sim, { less: () => false, preEnqueue: () => SUCCESS, hintsFor: () => hints, onActive: () => undefined });
  queue.add(pod);
  queue.addUnschedulable(queue.pop() as QueuedPodInfo, new Set([plugin.name]));
  expect(queue.pendingUnschedulable).toBe(1);
  sim.at(EVENT_AT_MS, () => {
    if (change.kind === 'pending pod') queue.update(pod, change.newPod(pod));
    else for (const event of nodeChangeEvents(change.oldNode, change.newNode)) queue.onClusterEvent(event, change.oldNode, change.newNode);
  });
  sim.run({ untilMs: EVENT_AT_MS + 1 });
  expect(queue.pendingBackoff).toBe(0);
  if (queue.pendingActive === 1) return 'activeQ';
  expect(queue.pendingUnschedulable).toBe(1);
  return 'unschedulablePods';
}

const node = (labels: Record<string, string>, taints?: Taint[]): Node => makeNode('n9', { labels, ...(taints === undefined ? {} : { taints }) });
const nodeChange = (oldNode: Node, newNode: Node): Change => ({ kind: 'node', oldNode, newNode });
const podChange = (newPod: (pod: Pod) => Pod): Change => ({ kind: 'pending pod', newPod });
const tolerating = (pod: Pod): Pod => ({ ...pod, spec: { ...pod.spec, tolerations: TOLERATES } });
const annotated = (pod: Pod): Pod => ({ ...pod, metadata: { ...pod.metadata, annotations: { note: 'x' } } });
const relabelledAndTolerating = (pod: Pod): Pod => ({ ...tolerating(pod), metadata: { ...pod.metadata, labels: { app: 'api' } } });
const withAnnotation = (n: Node): Node => ({ ...n, metadata: { ...n.metadata, annotations: { note: 'x' } } });

describe('PodTopologySpread: the events that requeue a pod it rejected', () => {
  const { handle } = cluster([]);
  const plugin = podTopologySpread(undefined, handle);
  const spreadPod = (nodeTaintsPolicy: 'Honor' | 'Ignore'): Pod => makePod('web-1', {
    labels: { app: 'web' },
    spread: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, nodeTaintsPolicy }],
  });
  const zoneA = node({ [ZONE]: 'a' });

  it.each([
    // The pending pod tolerates the taint that kept its zone out of the skew (nodeTaintsPolicy: Honor): UpdatePodToleration, hint Queue.
    // Not registered before, so the pod stayed parked.
    ['the pod gets a toleration, its constraint honours taints', 'activeQ', spreadPod('Honor'), podChange(tolerating)],
    // With Ignore a toleration changes no count: registered, but the hint says QueueSkip.
    ['the pod gets a toleration, its constraint ignores taints', 'unschedulablePods', spreadPod('Ignore'), podChange(tolerating)],
    // Its own label update (UpdatePodLabel) is read by its selector: app=web → app=api leaves the selector, Queue.
    ['the pod is relabelled out of its selector and gets a toleration', 'activeQ', spreadPod('Ignore'), podChange(relabelledAndTolerating)],
    // Neither a label nor a toleration: UpdatePodOther, not registered.
    ['the pod gets an annotation', 'unschedulablePods', spreadPod('Honor'), podChange(annotated)],
    // Node events: a node carrying the topology key loses its taint (UpdateNodeTaint), or moves zone (UpdateNodeLabel).
    ['a node in a zone loses its taint', 'activeQ', spreadPod('Honor'), nodeChange(node({ [ZONE]: 'a' }, [NO_SCHEDULE]), zoneA)],
    ['a node moves from zone a to zone b', 'activeQ', spreadPod('Honor'), nodeChange(zoneA, node({ [ZONE]: 'b' }))],
    // UpdateNodeAnnotation is not registered.
    ['a node gets an annotation', 'unschedulablePods', spreadPod('Honor'), nodeChange(zoneA, withAnnotation(zoneA))],
  ] as const)('%s → %s', (_, want, pod, change) => {
    expect(whereAfter(plugin, pod, change)).toBe(want);
  });
});

describe('InterPodAffinity: the events that requeue a pod it rejected', () => {
  const { handle } = cluster([]);
  const plugin = interPodAffinity(undefined, handle);
  const wantsDb = makePod('web-1', {
    labels: { app: 'web' },
    affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: ZONE }] } },
  });
  const zoneA = node({ [ZONE]: 'a' });

  it.each([
    // UpdateNodeLabel: the node gains the affinity's topology key, or changes its value.
    ['a node gets a zone label', 'activeQ', nodeChange(node({}), zoneA)],
    ['a node moves from zone a to zone b', 'activeQ', nodeChange(zoneA, node({ [ZONE]: 'b' }))],
    // UpdateNodeTaint is not registered with queueing hints on: a taint never changes this plugin's verdict.
    ['a node in a zone loses its taint', 'unschedulablePods', nodeChange(node({ [ZONE]: 'a' }, [NO_SCHEDULE]), zoneA)],
    // The pending pod's own toleration (UpdatePodToleration) is not registered either.
    ['the pod gets a toleration', 'unschedulablePods', podChange(tolerating)],
  ] as const)('%s → %s', (_, want, change) => {
    expect(whereAfter(plugin, wantsDb, change)).toBe(want);
  });
});
