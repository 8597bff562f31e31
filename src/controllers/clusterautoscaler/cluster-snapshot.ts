/**
 * The Cluster Autoscaler's scheduling simulation (cluster-autoscaler/
 * simulator/clustersnapshot and simulator/scheduling: the predicate checker
 * runs kube-scheduler's own framework against a snapshot of the cluster).
 * Here it is the scheduler's Framework and SchedulerCache, built from the
 * scenario's profiles and fed from the autoscaler's own informers, so every
 * filter plugin (resources, taints, affinity, topology spread, ports, user
 * plugins) decides as the scheduler would. The snapshot is rebuilt every
 * scan; template nodes and simulated placements are added to it and taken
 * out again (assume/forget), as upstream forks and reverts its snapshot.
 */
import type { ApiClient } from '../../api/client.js';
import { isPodTerminal } from '../../api/pod-util.js';
import type { Labels } from '../../api/labels.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { Simulation } from '../../engine/simulation.js';
import { SchedulerCache } from '../../scheduler/cache.js';
import { Framework, type BaseHandle } from '../../scheduler/framework/framework.js';
import { CycleState, type Listers } from '../../scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../scheduler/framework/node-info.js';
import type { SchedulerProfile } from '../../scheduler/framework/profile.js';
import type { Registry } from '../../scheduler/framework/registry.js';
import { isSuccess } from '../../scheduler/framework/status.js';
import type { ObjectListers } from '../../scheduler/listers.js';
import { SCHEDULER_COMPONENT } from '../../scheduler/scheduler.js';

export interface SnapshotProfiles {
  readonly profiles: readonly SchedulerProfile[];
  readonly registry: Registry;
}

/** Where a pod fits, or the first rejection on each node tried (for NotTriggerScaleUp). */
export type FitResult = { readonly fits: true; readonly nodeName: string } | { readonly fits: false; readonly reasons: readonly string[] };

/** The pod as it would be before binding: a bound pod being moved is filtered without its nodeName. */
function unbound(pod: Pod): Pod {
  if ((pod.spec.nodeName ?? '') === '') return pod;
  const { nodeName: _nodeName, ...spec } = pod.spec;
  return { ...pod, spec };
}

export class ClusterSnapshot {
  private cache: SchedulerCache;
  private frameworks = new Map<string, Framework>();
  private readonly objects: ObjectListers;
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly profiles: SnapshotProfiles;

  constructor(sim: Simulation, client: ApiClient, objects: ObjectListers, profiles: SnapshotProfiles) {
    this.sim = sim;
    this.client = client;
    this.objects = objects;
    this.profiles = profiles;
    this.cache = new SchedulerCache((ns) => objects.namespaceLabels(ns));
  }

  /** A framework per profile over this snapshot's cache (the handle copies the cache's indexes, so each snapshot gets its own). */
  private buildFrameworks(): void {
    const { sim, client, objects } = this;
    const cache = this.cache;
    const namespaceLabels = (ns: string): Labels | undefined => objects.namespaceLabels(ns);
    const listers: Listers = {
      services: (ns) => objects.services(ns),
      replicaSet: (ns, name) => objects.replicaSet(ns, name),
      statefulSet: (ns, name) => objects.statefulSet(ns, name),
      podDisruptionBudgets: () => objects.podDisruptionBudgets(),
      namespaceLabels,
      pod: () => undefined,
      generation: () => objects.generation(),
      labelValues: (key) => cache.labelValues(key),
      labelValueIds: (key) => cache.labelValueIds(key),
    };
    const base: BaseHandle = {
      nowMs: () => sim.nowMs,
      nodeInfos: () => cache.nodes(),
      nodeInfo: (name) => cache.nodeInfo(name),
      rng: (name) => sim.random.stream(`cluster-autoscaler/${name}`),
      client,
      listers,
      podCounts: cache.indexes,
      nodesWithImage: (image) => cache.nodesWithImage(image),
      nodesWithTaintEffect: (effect) => cache.nodesWithTaintEffect(effect),
      unschedulableNodes: () => cache.unschedulableNodes(),
      nominatedPodsForNode: () => [],
      waitingPod: () => undefined,
    };
    this.frameworks = new Map(this.profiles.profiles.map((profile) => [profile.schedulerName, new Framework(profile, this.profiles.registry, base)]));
  }

  /** Starts a scan's snapshot from the informers' nodes and bound pods. */
  rebuild(nodes: readonly Node[], pods: readonly Pod[]): void {
    this.cache = new SchedulerCache((ns) => this.objects.namespaceLabels(ns));
    for (const node of nodes) this.cache.addNode(node);
    for (const pod of pods) if ((pod.spec.nodeName ?? '') !== '' && !isPodTerminal(pod)) this.cache.addOrUpdatePod(pod);
    this.buildFrameworks();
  }

  /** Whether the scheduler has a profile for this pod (pods for other schedulers are not the autoscaler's business). */
  handles(pod: Pod): boolean {
    return this.profiles.profiles.some((p) => p.schedulerName === (pod.spec.schedulerName ?? SCHEDULER_COMPONENT));
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.cache.nodeInfo(name);
  }

  nodeInfos(): readonly NodeInfo[] {
    return this.cache.nodes();
  }

  addNode(node: Node): void {
    this.cache.addNode(node);
  }

  removeNode(node: Node): void {
    this.cache.removeNode(node);
  }

  /**
   * The first of `candidates` (in order) where the pod passes PreFilter and
   * every Filter plugin, as schedule_one.go would judge it on this snapshot.
   */
  fit(pod: Pod, candidates: readonly string[]): FitResult {
    const framework = this.frameworks.get(pod.spec.schedulerName ?? SCHEDULER_COMPONENT);
    if (framework === undefined) return { fits: false, reasons: ['no scheduler profile for the pod'] };
    const subject = unbound(pod);
    const state = new CycleState();
    const preFilter = framework.runPreFilter(state, subject, this.cache.nodes());
    if (!isSuccess(preFilter.status)) return { fits: false, reasons: preFilter.status.reasons };
    const reasons: string[] = [];
    for (const name of candidates) {
      if (preFilter.nodeNames !== undefined && !preFilter.nodeNames.has(name)) continue;
      const info = this.cache.nodeInfo(name);
      if (info === undefined) continue;
      const status = framework.runFilter(state, subject, info);
      if (isSuccess(status)) return { fits: true, nodeName: name };
      reasons.push(...status.reasons);
    }
    return { fits: false, reasons };
  }

  /** Counts the pod on `nodeName` in the snapshot (a simulated binding). */
  place(pod: Pod, nodeName: string): void {
    this.cache.removePod(pod);
    this.cache.assume(unbound(pod), nodeName);
  }

  /** Undoes place(): a pending pod is unplaced, a bound pod goes back to its node. */
  unplace(pod: Pod): void {
    this.cache.forget(pod);
    if ((pod.spec.nodeName ?? '') !== '') this.cache.addOrUpdatePod(pod);
  }
}
