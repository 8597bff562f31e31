/**
 * kube-scheduler (schedule_one.go; k8s-scheduler.md §1): pods bound for one
 * of its profiles enter the scheduling queue; one pod per cycle is popped,
 * filtered over the nodes of the cache snapshot, scored, assumed on the
 * chosen node (so the next cycle already counts it) and bound through the
 * API in a separate event, as the binding goroutine does.
 */
import type { ApiClient } from '../api/client.js';
import { Informer } from '../api/informer.js';
import { isPodTerminal, withPodCondition } from '../api/pod-util.js';
import type { ApiStore } from '../api/store.js';
import type { Node } from '../api/types/node.js';
import type { Pod } from '../api/types/pod.js';
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import { SchedulerCache } from './cache.js';
import { fitErrorMessage } from './fit-error.js';
import { Framework } from './framework/framework.js';
import { CycleState, type FrameworkHandle, type QueuedPodInfo } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import type { SchedulerProfile } from './framework/profile.js';
import type { Registry } from './framework/registry.js';
import { isSuccess, unresolvable, type Status } from './framework/status.js';
import { numFeasibleNodesToFind, selectHost } from './node-search.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';

export const SCHEDULER_COMPONENT = 'default-scheduler';

export interface SchedulerOptions {
  readonly profiles: readonly SchedulerProfile[];
  readonly registry: Registry;
  /** Simulated time between popping a pod and the API seeing its binding (default 0). */
  readonly bindDelay?: Distribution;
}

/** The outcome of one scheduling attempt, for reports and `kubesim explain`. */
export type ScheduleResult =
  | { readonly kind: 'scheduled'; readonly nodeName: string; readonly feasibleNodes: number; readonly evaluatedNodes: number }
  | { readonly kind: 'unschedulable'; readonly message: string; readonly statuses: ReadonlyMap<string, Status> };

export class Scheduler {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly pods: Informer<'Pod'>;
  private readonly nodes: Informer<'Node'>;
  private readonly cache = new SchedulerCache();
  private readonly frameworks = new Map<string, Framework>();
  private readonly queue: SchedulingQueue;
  private readonly tieBreak: Rng;
  private readonly bindRng: Rng;
  private readonly options: SchedulerOptions;
  private nextStartNodeIndex = 0;
  private cycleScheduled = false;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: SchedulerOptions) {
    this.sim = sim;
    this.client = client;
    this.options = options;
    this.tieBreak = sim.random.stream('scheduler/select-host');
    this.bindRng = sim.random.stream('scheduler/bind-delay');
    this.pods = new Informer(store, { kind: 'Pod', watcher: SCHEDULER_COMPONENT });
    this.nodes = new Informer(store, { kind: 'Node', watcher: SCHEDULER_COMPONENT });
    const handle: FrameworkHandle = {
      nowMs: () => this.sim.nowMs,
      nodeInfos: () => this.cache.nodes(),
      nodeInfo: (name) => this.cache.nodeInfo(name),
      rng: (name) => this.sim.random.stream(`scheduler/${name}`),
      client,
    };
    for (const profile of options.profiles) {
      this.frameworks.set(profile.schedulerName, new Framework(profile, options.registry, handle));
    }
    const first = this.frameworks.values().next().value as Framework;
    this.queue = new SchedulingQueue(sim, {
      less: (a, b) => first.less(a, b),
      preEnqueue: (pod) => this.frameworkFor(pod)?.runPreEnqueue(pod) ?? first.runPreEnqueue(pod),
      onActive: () => this.scheduleCycle(),
    });
    this.nodes.addHandler({
      onAdd: (node) => this.nodeChanged(node, 'NodeAdd'),
      onUpdate: (_old, node) => this.nodeChanged(node, 'NodeUpdate'),
      onDelete: (node) => this.cache.removeNode(node),
    });
    this.pods.addHandler({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
      onDelete: (pod) => this.podDeleted(pod),
    });
  }

  start(): void {
    this.nodes.start();
    this.pods.start();
  }

  /** Pods waiting in each part of the queue. */
  queueSizes(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.queue.pendingActive, backoff: this.queue.pendingBackoff, unschedulable: this.queue.pendingUnschedulable };
  }

  private frameworkFor(pod: Pod): Framework | undefined {
    return this.frameworks.get(pod.spec.schedulerName ?? SCHEDULER_COMPONENT);
  }

  private isPending(pod: Pod): boolean {
    return (pod.spec.nodeName ?? '') === '' && pod.metadata.deletionTimestamp === undefined && !isPodTerminal(pod) && this.frameworkFor(pod) !== undefined;
  }

  private nodeChanged(node: Node, event: 'NodeAdd' | 'NodeUpdate'): void {
    this.cache.addNode(node);
    this.queue.moveAllToActiveOrBackoff(event);
  }

  private podAdded(pod: Pod): void {
    if ((pod.spec.nodeName ?? '') !== '') this.cache.addOrUpdatePod(pod);
    else if (this.isPending(pod)) this.queue.add(pod);
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if ((pod.spec.nodeName ?? '') !== '') {
      if ((old.spec.nodeName ?? '') === '') this.queue.delete(pod);
      const freed = !isPodTerminal(old) && isPodTerminal(pod);
      this.cache.addOrUpdatePod(pod);
      if (freed) this.queue.moveAllToActiveOrBackoff('AssignedPodUpdate');
      return;
    }
    if (this.isPending(pod)) this.queue.update(pod);
    else this.queue.delete(pod);
  }

  private podDeleted(pod: Pod): void {
    if ((pod.spec.nodeName ?? '') !== '') {
      this.cache.removePod(pod);
      this.queue.moveAllToActiveOrBackoff('AssignedPodDelete');
    } else {
      this.queue.delete(pod);
      this.cache.forget(pod);
    }
  }

  private scheduleCycle(): void {
    if (this.cycleScheduled) return;
    this.cycleScheduled = true;
    this.sim.after(0, () => {
      this.cycleScheduled = false;
      this.scheduleOne();
      if (this.queue.pendingActive + this.queue.pendingBackoff > 0) this.scheduleCycle();
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
    const podCycle = this.queue.cycle;
    const state = new CycleState();
    const result = this.schedulePod(framework, state, pod);
    if (result.kind === 'unschedulable') {
      const rejectors = new Set([...result.statuses.values()].map((s) => s.plugin).filter((p): p is string => p !== undefined));
      this.fail(info, podCycle, rejectors, result.message, 'Unschedulable');
      return;
    }
    this.cache.assume(pod, result.nodeName);
    const reserved = framework.runReserve(state, pod, result.nodeName);
    if (!isSuccess(reserved)) {
      this.cache.forget(pod);
      this.fail(info, podCycle, new Set(), reserved.reasons.join(', '), 'SchedulerError');
      return;
    }
    const delayMs = this.options.bindDelay === undefined ? 0 : sampleMs(this.options.bindDelay, this.bindRng);
    this.sim.after(delayMs, () => this.bind(framework, state, info, podCycle, result.nodeName), 'scheduler bind');
  }

  /** Filters (and scores) the nodes for one pod. */
  schedulePod(framework: Framework, state: CycleState, pod: Pod): ScheduleResult {
    const all = this.cache.nodes();
    if (all.length === 0) return { kind: 'unschedulable', message: 'no nodes available to schedule pods', statuses: new Map() };
    const preFilter = framework.runPreFilter(state, pod, all);
    if (!isSuccess(preFilter.status)) {
      const statuses = new Map(all.map((n) => [n.name, preFilter.status] as const));
      return { kind: 'unschedulable', message: fitErrorMessage(all.length, statuses, preFilter.status.reasons.join(', ')), statuses };
    }
    const candidates = preFilter.nodeNames === undefined ? all : all.filter((n) => preFilter.nodeNames?.has(n.name));
    const statuses = new Map<string, Status>();
    for (const node of all) {
      if (candidates !== all && !preFilter.nodeNames?.has(node.name)) {
        statuses.set(node.name, unresolvable('PreFilter', "node(s) didn't satisfy plugin(s) [NodeAffinity]"));
      }
    }
    const feasible = this.findFeasible(framework, state, pod, candidates, all.length, statuses);
    if (feasible.nodes.length === 0) {
      const postFilter = framework.runPostFilter(state, pod, statuses);
      return { kind: 'unschedulable', message: fitErrorMessage(all.length, statuses, undefined, postFilter?.message), statuses };
    }
    if (feasible.nodes.length === 1) {
      return { kind: 'scheduled', nodeName: (feasible.nodes[0] as NodeInfo).name, feasibleNodes: 1, evaluatedNodes: feasible.evaluated };
    }
    const preScore = framework.runPreScore(state, pod, feasible.nodes);
    if (!isSuccess(preScore)) return { kind: 'unschedulable', message: preScore.reasons.join(', '), statuses };
    const { totals } = framework.runScore(state, pod, feasible.nodes);
    const chosen = selectHost(totals, this.tieBreak) as string;
    return { kind: 'scheduled', nodeName: chosen, feasibleNodes: feasible.nodes.length, evaluatedNodes: feasible.evaluated };
  }

  /** Walks the nodes from the rotating start index until enough feasible ones are found (§7). */
  private findFeasible(framework: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[], numAllNodes: number, statuses: Map<string, Status>): { nodes: NodeInfo[]; evaluated: number } {
    const wanted = framework.scorePlugins.length === 0 ? 1 : numFeasibleNodesToFind(nodes.length, framework.percentageOfNodesToScore);
    const feasible: NodeInfo[] = [];
    const n = nodes.length;
    let processed = 0;
    for (let i = 0; i < n && feasible.length < wanted; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % n] as NodeInfo;
      processed++;
      const status = framework.runFilter(state, pod, node);
      if (isSuccess(status)) feasible.push(node);
      else statuses.set(node.name, status);
    }
    this.nextStartNodeIndex = numAllNodes === 0 ? 0 : (this.nextStartNodeIndex + processed) % numAllNodes;
    return { nodes: feasible, evaluated: processed };
  }

  private bind(framework: Framework, state: CycleState, info: QueuedPodInfo, podCycle: number, nodeName: string): void {
    const pod = info.pod;
    const status = framework.runBind(state, pod, nodeName);
    if (isSuccess(status)) {
      this.client.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${nodeName}`);
      this.queue.done(pod);
      return;
    }
    this.cache.forget(pod);
    framework.runUnreserve(state, pod, nodeName);
    if (status.reasons.some((r) => r.endsWith('not found'))) {
      // The pod was deleted before its binding: nothing left to schedule. Requeuing
      // it (the informer has not seen the delete yet) would retry it forever at
      // the same instant, as popping from backoffQ makes it eligible at once.
      this.queue.delete(pod);
      return;
    }
    this.queue.moveAllToActiveOrBackoff('AssignedPodDelete');
    this.fail(info, podCycle, new Set(), `Binding rejected: ${status.reasons.join(', ')}`, 'SchedulerError');
  }

  /** handleSchedulingFailure: event, PodScheduled=False, and back to the queue. */
  private fail(info: QueuedPodInfo, podCycle: number, rejectors: ReadonlySet<string>, message: string, reason: 'Unschedulable' | 'SchedulerError'): void {
    const pod = info.pod;
    const current = this.pods.get(pod.metadata.name, pod.metadata.namespace);
    if (current === undefined || (current.spec.nodeName ?? '') !== '' || current.metadata.uid !== pod.metadata.uid) {
      this.queue.done(pod);
      return;
    }
    this.client.event(pod, 'Warning', 'FailedScheduling', message);
    this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (p) =>
      p.metadata.uid !== pod.metadata.uid || (p.spec.nodeName ?? '') !== ''
        ? p
        : { ...p, status: withPodCondition(p.status, 'PodScheduled', 'False', this.sim.nowMs, reason, message) },
    );
    this.queue.addUnschedulable(info, podCycle, rejectors);
  }
}
