/**
 * kube-scheduler (pkg/scheduler/schedule_one.go; docs/scheduler.md): pods bound for one
 * of its profiles enter the scheduling queue; one pod per cycle is popped,
 * filtered over the nodes of the cache snapshot, scored, assumed on the
 * chosen node (so the next cycle already counts it) and bound through the
 * API in a separate event, as the binding goroutine does. A pod that fits
 * nowhere goes through PostFilter (preemption) and back to the queue with a
 * FailedScheduling event. Informer events feed the cache and, through the
 * plugins' queueing hints, bring parked pods back.
 */
import type { ApiClient } from '../api/client.js';
import { Informer } from '../api/informer.js';
import { isPodTerminal } from '../api/pod-util.js';
import type { ApiStore } from '../api/store.js';
import type { Node } from '../api/types/node.js';
import type { Pod } from '../api/types/pod.js';
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import { AttemptBuffers } from './attempt-buffers.js';
import { runAttempt, type AttemptResult } from './attempt.js';
import { bindingCycle } from './binding-cycle.js';
import { SchedulerCache } from './cache.js';
import { EVENT_ASSIGNED_POD_ADD, EVENT_ASSIGNED_POD_DELETE, EVENT_NODE_ADD, EVENT_UNSCHEDULED_POD_DELETE, nodeChangeEvents, podChangeEvents } from './framework/cluster-events.js';
import { Framework, ProfileError, type BaseHandle } from './framework/framework.js';
import { CycleState, type Listers, type QueuedPodInfo } from './framework/interfaces.js';
import { podInfoOf, termMatches } from './framework/pod-info.js';
import type { SchedulerProfile } from './framework/profile.js';
import type { Registry } from './framework/registry.js';
import type { AttemptTracer } from './explain.js';
import { handleFailure } from './failure.js';
import { ObjectListers } from './listers.js';
import { Nominator } from './nominator.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import type { SchedulingContext } from './scheduling-context.js';
import { WaitingPods } from './waiting-pods.js';

export const SCHEDULER_COMPONENT = 'default-scheduler';

/** Simulated time the scheduler itself takes per attempt (default: none). */
export interface DecisionTimeModel {
  readonly perPod?: Distribution;
  /** Per 1,000 nodes run through the filters (per-node costs are microseconds; durations are whole ms). */
  readonly per1000FilteredNodes?: Distribution;
  /** Per 1,000 nodes scored. */
  readonly per1000ScoredNodes?: Distribution;
}

/** Wall-clock instrumentation injected by benchmarks (src/ never reads a clock itself). */
export interface Instrumentation {
  now(): number;
  record(point: string, elapsed: number): void;
}

export interface SchedulerOptions {
  readonly profiles: readonly SchedulerProfile[];
  readonly registry: Registry;
  /** Simulated time between the decision and the API seeing the binding (default 0). */
  readonly bindDelay?: Distribution;
  readonly decisionTime?: DecisionTimeModel;
  /** podInitialBackoffSeconds / podMaxBackoffSeconds, in ms (defaults 1 s / 10 s). */
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
  /** The global percentageOfNodesToScore (0: adaptive), overridden per profile. */
  readonly percentageOfNodesToScore?: number;
  readonly tracer?: AttemptTracer;
  readonly instrumentation?: Instrumentation;
  /** `nodeName`: ties go to the smallest node name (selectHostByNodeName), not a random draw. */
  readonly tieBreak?: 'nodeName';
}

export class Scheduler implements SchedulingContext {
  readonly sim: Simulation;
  readonly client: ApiClient;
  readonly cache: SchedulerCache;
  readonly nominator = new Nominator();
  readonly waitingPods: WaitingPods;
  readonly queue: SchedulingQueue;
  readonly options: SchedulerOptions;
  readonly tieBreak: Rng;
  readonly tieBreakByNodeName: boolean;
  readonly tracer: AttemptTracer | undefined;
  private readonly attemptBuffers = new AttemptBuffers();
  private readonly bindRng: Rng;
  private readonly decisionRng: Rng;
  private readonly pods: Informer<'Pod'>;
  private readonly nodes: Informer<'Node'>;
  private readonly objects: ObjectListers;
  private readonly frameworks = new Map<string, Framework>();
  /** The rotating start index of the node search (schedule_one.go nextStartNodeIndex). */
  nextStartNodeIndex = 0;
  private cycleScheduled = false;
  private busyUntilMs = 0;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: SchedulerOptions) {
    this.sim = sim;
    this.client = client;
    this.options = options;
    this.tracer = options.tracer;
    this.tieBreak = sim.random.stream('scheduler/select-host');
    this.tieBreakByNodeName = options.tieBreak === 'nodeName';
    this.bindRng = sim.random.stream('scheduler/bind-delay');
    this.decisionRng = sim.random.stream('scheduler/decision-time');
    this.waitingPods = new WaitingPods(sim);
    this.pods = new Informer(store, { kind: 'Pod', watcher: SCHEDULER_COMPONENT });
    this.nodes = new Informer(store, { kind: 'Node', watcher: SCHEDULER_COMPONENT });
    this.objects = new ObjectListers(store, SCHEDULER_COMPONENT, () => this.cache.indexes.reset());
    this.cache = new SchedulerCache((ns) => this.objects.namespaceLabels(ns));
    const listers: Listers = {
      services: (ns) => this.objects.services(ns),
      replicaSet: (ns, name) => this.objects.replicaSet(ns, name),
      statefulSet: (ns, name) => this.objects.statefulSet(ns, name),
      podDisruptionBudgets: () => this.objects.podDisruptionBudgets(),
      namespaceLabels: (ns) => this.objects.namespaceLabels(ns),
      pod: (ns, name) => this.pods.get(name, ns),
      generation: () => this.objects.generation(),
      labelValues: (key) => this.cache.labelValues(key),
      labelValueIds: (key) => this.cache.labelValueIds(key),
    };
    const base: BaseHandle = {
      nowMs: () => this.sim.nowMs,
      nodeInfos: () => this.cache.nodes(),
      nodeInfo: (name) => this.cache.nodeInfo(name),
      rng: (name) => this.sim.random.stream(`scheduler/${name}`),
      client,
      listers,
      podCounts: this.cache.indexes,
      nodesWithImage: (image) => this.cache.nodesWithImage(image),
      images: this.cache.images,
      nodesWithTaintEffect: (effect) => this.cache.nodesWithTaintEffect(effect),
      unschedulableNodes: () => this.cache.unschedulableNodes(),
      nominatedPodsForNode: (name) => this.nominator.forNode(name),
      waitingPod: (uid) => this.waitingPods.get(uid),
    };
    for (const profile of options.profiles) {
      const withGlobal = profile.percentageOfNodesToScore === undefined && options.percentageOfNodesToScore !== undefined
        ? { ...profile, percentageOfNodesToScore: options.percentageOfNodesToScore }
        : profile;
      this.frameworks.set(profile.schedulerName, new Framework(withGlobal, options.registry, base));
    }
    const first = this.frameworks.values().next().value as Framework;
    for (const fw of this.frameworks.values()) {
      // One queue serves every profile, so they must sort it the same way.
      if (fw.queueSort.name !== first.queueSort.name) throw new ProfileError(`profile "${fw.profileName}": queueSort must be the same for all profiles ("${first.queueSort.name}" in profile "${first.profileName}")`);
    }
    const hints = new Map([...this.frameworks].map(([name, fw]) => [name, fw.queueingHints()]));
    const firstHints = hints.get(first.profileName) ?? [];
    this.queue = new SchedulingQueue(sim, {
      less: (a, b) => first.less(a, b),
      preEnqueue: (pod) => (this.frameworkFor(pod) ?? first).runPreEnqueue(pod),
      hintsFor: (pod) => hints.get(pod.spec.schedulerName ?? SCHEDULER_COMPONENT) ?? firstHints,
      onActive: () => this.scheduleCycle(),
      ...(options.podInitialBackoffMs === undefined ? {} : { initialBackoffMs: options.podInitialBackoffMs }),
      ...(options.podMaxBackoffMs === undefined ? {} : { maxBackoffMs: options.podMaxBackoffMs }),
    });
    this.nodes.addHandler({
      onAdd: (node) => this.nodeAdded(node),
      onUpdate: (old, node) => this.nodeUpdated(old, node),
      onDelete: (node) => this.cache.removeNode(node),
    });
    this.pods.addHandler({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
      onDelete: (pod) => this.podDeleted(pod),
    });
  }

  start(): void {
    this.objects.start();
    this.nodes.start();
    this.pods.start();
  }

  /** Pods waiting in each part of the queue. */
  queueSizes(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.queue.pendingActive, backoff: this.queue.pendingBackoff, unschedulable: this.queue.pendingUnschedulable };
  }

  frameworkFor(pod: Pod): Framework | undefined {
    return this.frameworks.get(pod.spec.schedulerName ?? SCHEDULER_COMPONENT);
  }

  /** The informer's current copy of a pod. */
  currentPod(pod: Pod): Pod | undefined {
    return this.pods.get(pod.metadata.name, pod.metadata.namespace);
  }

  private isPending(pod: Pod): boolean {
    return (pod.spec.nodeName ?? '') === '' && pod.metadata.deletionTimestamp === undefined && !isPodTerminal(pod) && this.frameworkFor(pod) !== undefined;
  }

  private nodeAdded(node: Node): void {
    this.cache.addNode(node);
    this.queue.onClusterEvent(EVENT_NODE_ADD, undefined, node);
  }

  private nodeUpdated(old: Node, node: Node): void {
    this.cache.addNode(node);
    for (const event of nodeChangeEvents(old, node)) this.queue.onClusterEvent(event, old, node);
  }

  private podAdded(pod: Pod): void {
    if ((pod.spec.nodeName ?? '') !== '') {
      this.cache.addOrUpdatePod(pod);
      this.assignedPodAdded(pod);
    } else if (this.isPending(pod)) {
      this.queue.add(pod);
      this.nominator.sync(pod);
    }
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if ((pod.spec.nodeName ?? '') !== '') {
      if ((old.spec.nodeName ?? '') === '') {
        this.queue.delete(pod);
        this.nominator.remove(pod);
        this.cache.addOrUpdatePod(pod);
        this.assignedPodAdded(pod);
        return;
      }
      this.cache.addOrUpdatePod(pod);
      if (!this.queue.awaitsClusterEvents) return;
      // A pod that finished frees its resources like a deleted one.
      if (!isPodTerminal(old) && isPodTerminal(pod)) {
        this.queue.onClusterEvent(EVENT_ASSIGNED_POD_DELETE, old, undefined);
        return;
      }
      for (const event of podChangeEvents(old, pod)) {
        const scaleDown = event.label.endsWith('ScaleDown');
        this.queue.onClusterEvent(event, old, pod, scaleDown ? undefined : this.crossTopology(pod));
      }
      return;
    }
    if (this.isPending(pod)) {
      this.queue.update(old, pod);
      this.nominator.sync(pod);
    } else {
      this.queue.delete(pod);
      this.nominator.remove(pod);
    }
  }

  private podDeleted(pod: Pod): void {
    if ((pod.spec.nodeName ?? '') !== '') {
      this.cache.removePod(pod);
      for (const fw of this.frameworks.values()) fw.runPodDeleted(pod, pod.spec.nodeName as string);
      this.queue.onClusterEvent(EVENT_ASSIGNED_POD_DELETE, pod, undefined);
      return;
    }
    this.queue.delete(pod);
    this.cache.forget(pod);
    this.nominator.remove(pod);
    if ((pod.status?.nominatedNodeName ?? '') !== '') this.queue.onClusterEvent(EVENT_UNSCHEDULED_POD_DELETE, pod, undefined);
  }

  /** AssignedPodAdded: only pods a new pod may help across nodes are considered (scheduling_queue.go AssignedPodAdded). */
  private assignedPodAdded(pod: Pod): void {
    if (!this.queue.awaitsClusterEvents) return;
    this.queue.onClusterEvent(EVENT_ASSIGNED_POD_ADD, undefined, pod, this.crossTopology(pod));
  }

  /** getUnschedulablePodsWithCrossTopologyTerm. */
  private crossTopology(pod: Pod): (info: QueuedPodInfo) => boolean {
    const added = podInfoOf(pod);
    const nsLabels = this.objects.namespaceLabels(added.namespace);
    return (info) =>
      (info.unschedulablePlugins.has('PodTopologySpread') && info.pod.metadata.namespace === pod.metadata.namespace) ||
      podInfoOf(info.pod).requiredAffinityTerms.some((t) => termMatches(t, added, nsLabels));
  }

  private scheduleCycle(): void {
    if (this.cycleScheduled) return;
    this.cycleScheduled = true;
    this.sim.at(Math.max(this.sim.nowMs, this.busyUntilMs), () => {
      this.cycleScheduled = false;
      this.scheduleOne();
      if (this.queue.hasPoppable) this.scheduleCycle();
    }, 'scheduler cycle');
  }

  private scheduleOne(): void {
    const info = this.queue.pop();
    if (info === undefined) return;
    const pod = info.pod;
    const framework = this.frameworkFor(pod);
    if (framework === undefined || pod.metadata.deletionTimestamp !== undefined || this.cache.isAssumed(pod)) {
      this.queue.done(pod);
      return;
    }
    const state = new CycleState();
    const result = runAttempt(this, this.attemptBuffers, framework, state, info);
    const delayMs = this.decisionTimeMs(result);
    if (delayMs === 0) {
      this.finishAttempt(framework, state, info, result);
      return;
    }
    // The scheduler is single-threaded: the next cycle waits for this decision.
    this.busyUntilMs = this.sim.nowMs + delayMs;
    this.sim.after(delayMs, () => this.finishAttempt(framework, state, info, result), 'scheduler decision');
  }

  private decisionTimeMs(result: AttemptResult): number {
    const model = this.options.decisionTime;
    if (model === undefined) return 0;
    // One draw per distribution and attempt; the total is rounded to a whole millisecond.
    const draw = (d: Distribution | undefined, per: number): number => (d === undefined || per === 0 ? 0 : d.sample(this.decisionRng) * per);
    const evaluated = result.kind === 'error' ? 0 : result.evaluatedNodes;
    const scored = result.kind === 'error' ? 0 : result.scoredNodes;
    return Math.max(0, Math.round(draw(model.perPod, 1) + draw(model.per1000FilteredNodes, evaluated / 1000) + draw(model.per1000ScoredNodes, scored / 1000)));
  }

  private finishAttempt(framework: Framework, state: CycleState, info: QueuedPodInfo, result: AttemptResult): void {
    const pod = info.pod;
    if (result.kind !== 'scheduled') {
      handleFailure(this, info, result);
      return;
    }
    this.cache.assume(pod, result.nodeName);
    this.nominator.remove(pod);
    const reserved = this.timed('Reserve', () => framework.runReserve(state, pod, result.nodeName));
    if (reserved.code !== 'Success') {
      this.cache.forget(pod);
      handleFailure(this, info, { kind: 'error', message: reserved.reasons.join(', '), rejectors: reserved.code === 'Error' ? new Set() : new Set([reserved.plugin ?? '']) });
      return;
    }
    const delayMs = this.options.bindDelay === undefined ? 0 : sampleMs(this.options.bindDelay, this.bindRng);
    bindingCycle(this, framework, state, info, result.nodeName, delayMs);
  }

  /** Runs `fn` and reports its wall time under `point` when instrumented. */
  timed<T>(point: string, fn: () => T): T {
    const instrumentation = this.options.instrumentation;
    if (instrumentation === undefined) return fn();
    const started = instrumentation.now();
    const value = fn();
    instrumentation.record(point, instrumentation.now() - started);
    return value;
  }
}
