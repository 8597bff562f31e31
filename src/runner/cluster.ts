/**
 * A simulated cluster built from a Scenario: the engine, the API store with
 * its network model, the recorder, the control plane (scheduler and
 * controllers), a kubelet per node, and the scenario's timeline. Everything
 * hangs off this instance: two clusters in one process never interfere.
 */
import { ApiClient } from '../api/client.js';
import { ApiStore } from '../api/store.js';
import type { KubeObjectInput } from '../api/types/meta.js';
import { DeploymentController } from '../controllers/deployment/controller.js';
import { GarbageCollector, GARBAGE_COLLECTOR } from '../controllers/garbagecollector/controller.js';
import { NodeLifecycleController, NODE_LIFECYCLE_CONTROLLER } from '../controllers/nodelifecycle/controller.js';
import { TaintEvictionController, TAINT_EVICTION_CONTROLLER } from '../controllers/nodelifecycle/taint-eviction.js';
import { DEPLOYMENT_CONTROLLER } from '../controllers/deployment/controller.js';
import { ReplicaSetController, REPLICASET_CONTROLLER } from '../controllers/replicaset/controller.js';
import { workloadControllers } from './workload-controllers.js';
import { makeDistribution, type Distribution, type DistributionSpec } from '../engine/distributions.js';
import { InvariantError } from '../engine/errors.js';
import { Simulation, type RunOutcome } from '../engine/simulation.js';
import { Recorder } from '../metrics/recorder.js';
import type { RunRows } from '../metrics/row-sink.js';
import { NetworkModel } from '../network/network-model.js';
import { nextPoolNodes } from '../scenario/nodes.js';
import { linkOwners } from '../scenario/owner-links.js';
import { NodeAgentSet } from './node-agents.js';
import { TrafficPlane } from './traffic-plane.js';
import { clusterAutoscalerFor } from './cluster-autoscaler.js';
import { actionByName } from '../scenario/actions/index.js';
import type { ActionRuntime, NodeAgents } from '../scenario/actions/action.js';
import type { Scenario, TimelineEntry } from '../scenario/model.js';
import type { AttemptTracer } from '../scheduler/explain.js';
import { Scheduler, SCHEDULER_COMPONENT } from '../scheduler/scheduler.js';
import { schedulerOptions } from './scheduler-options.js';
import { TraceReplayer, TRACE_REPLAYER } from '../scenario/traces/replayer.js';

export interface ClusterOptions {
  /** Deep-freeze stored objects so a component that mutates one fails loudly (tests). */
  readonly freezeObjects?: boolean;
  /** Receives traces of the scheduling attempts it asks for (`kubesim explain`). */
  readonly tracer?: AttemptTracer;
  /** Told how far the run has got, PROGRESS_STEPS times along the simulated duration (the CLI's progress line). */
  readonly onProgress?: (simulatedMs: number, events: number) => void;
  /** Where the recorder hands pod timelines and Events (in memory unless given; `kubesim run` streams them to files). */
  readonly rows?: RunRows;
}

/**
 * How many slices a run with a progress callback is cut into. Running to
 * each slice's end in turn processes the same events in the same order as
 * one call: events at a slice's boundary simply wait for the next call.
 */
export const PROGRESS_STEPS = 500;

/** How each timeline entry went, by index in the scenario's timeline. */
export interface ActionResult {
  readonly atMs: number;
  readonly error?: string;
}

function optional(spec: DistributionSpec | undefined): Distribution | undefined {
  return spec === undefined ? undefined : makeDistribution(spec);
}

export class SimulatedCluster {
  readonly sim: Simulation;
  readonly store: ApiStore;
  readonly recorder: Recorder;
  readonly scheduler: Scheduler;
  private readonly scenario: Scenario;
  readonly nodeAgents: NodeAgentSet;
  readonly trafficPlane: TrafficPlane;
  private readonly kubectl: ApiClient;
  private readonly actionResults: ActionResult[] = [];
  private readonly onProgress: ClusterOptions['onProgress'];
  /** Every component, in start order (tests look into them for what they keep). */
  readonly components: ReadonlyArray<{ start(): void }>;

  constructor(scenario: Scenario, options: ClusterOptions = {}) {
    this.scenario = scenario;
    this.onProgress = options.onProgress;
    this.recorder = new Recorder(options.rows, new Set(scenario.workloads.map((w) => w.namespace)), scenario.durationMs);
    const timing = scenario.timing;
    this.sim = new Simulation(scenario.seed);
    const network = new NetworkModel(this.sim.random, {
      watchDelay: makeDistribution(timing.network.watchDelay),
      watchDelayByComponent: new Map(Object.entries(timing.network.watchDelayByComponent).map(([k, v]) => [k, makeDistribution(v)])),
      apiLatency: makeDistribution(timing.network.apiLatency),
      apiLatencyByComponent: new Map(Object.entries(timing.network.apiLatencyByComponent).map(([k, v]) => [k, makeDistribution(v)])),
    });
    this.store = new ApiStore(this.sim, {
      network,
      freeze: options.freezeObjects ?? false,
      defaultTolerationSeconds: timing.nodeLifecycle.defaultTolerationSeconds,
    });
    this.recorder.attach(this.store);
    this.kubectl = new ApiClient(this.store, 'kubectl');
    this.createInitialObjects();

    const client = (name: string): ApiClient => new ApiClient(this.store, name, network);
    this.scheduler = new Scheduler(this.sim, this.store, client(SCHEDULER_COMPONENT), schedulerOptions(scenario, options.tracer));
    const rsTiming = timing.controllers.replicaset;
    const dTiming = timing.controllers.deployment;
    const syncCost = (t: { syncCost?: DistributionSpec }) => {
      const d = optional(t.syncCost);
      return d === undefined ? {} : { syncCost: d };
    };
    const components: Array<{ start(): void }> = [
      this.scheduler,
      new ReplicaSetController(this.sim, this.store, client(REPLICASET_CONTROLLER), { workers: rsTiming.workers, ...syncCost(rsTiming) }),
      new DeploymentController(this.sim, this.store, client(DEPLOYMENT_CONTROLLER), { workers: dTiming.workers, ...syncCost(dTiming) }),
      // Without kubelet heartbeats no failure can be detected: the controller only registers nodes.
      new NodeLifecycleController(
        this.sim,
        this.store,
        client(NODE_LIFECYCLE_CONTROLLER),
        timing.kubelet.heartbeats ? timing.nodeLifecycle : { ...timing.nodeLifecycle, gracePeriodMs: Infinity, startupGracePeriodMs: Infinity },
      ),
      new TaintEvictionController(this.sim, this.store, client(TAINT_EVICTION_CONTROLLER)),
      new GarbageCollector(this.store, client(GARBAGE_COLLECTOR), ['Deployment', 'ReplicaSet', 'ReplicationController', 'Pod', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob']),
      ...workloadControllers(this.sim, this.store, client),
    ];
    this.nodeAgents = new NodeAgentSet(this.sim, this.store, network, scenario, client);
    this.trafficPlane = new TrafficPlane(this.sim, this.store, network, scenario, this.nodeAgents, this.recorder.requests, client);
    components.push(this.nodeAgents, this.trafficPlane);
    const autoscaler = clusterAutoscalerFor(this.sim, this.store, scenario, this.nodeAgents, client);
    if (autoscaler !== undefined) components.push(autoscaler);
    for (const workload of scenario.workloads) components.push(new TraceReplayer(this.sim, client(TRACE_REPLAYER), workload, scenario.durationMs));
    this.components = components;
    for (const component of components) component.start();
    this.scheduleTimeline();
  }

  /** Runs the scenario to its end. */
  run(): RunOutcome {
    const slices = this.slices(this.onProgress === undefined ? 1 : PROGRESS_STEPS);
    for (;;) {
      const next = slices.next();
      if (next.done === true) return next.value;
    }
  }

  /**
   * The run cut into `steps` slices of the simulated duration, pausing
   * after each one (once onProgress is told): a caller that waits on the
   * event loop between slices lets signal handlers run during a long run
   * (kubesim run's Ctrl-C clean-up). Running to each slice's end in turn
   * processes the same events in the same order as one call: events at a
   * slice's boundary simply wait for the next call.
   */
  *slices(steps: number): Generator<void, RunOutcome> {
    const durationMs = this.scenario.durationMs;
    let outcome: RunOutcome;
    for (let step = 1; ; step++) {
      const untilMs = step >= steps ? durationMs : Math.floor((durationMs * step) / steps);
      outcome = this.sim.run({ untilMs });
      this.onProgress?.(this.sim.nowMs, this.sim.eventsProcessed);
      if (outcome.kind !== 'reached-until' || untilMs >= durationMs) break;
      yield;
    }
    this.trafficPlane.finish(durationMs);
    return outcome;
  }

  /** Timeline entries with their outcome, in scenario order. */
  get actions(): readonly ActionResult[] {
    return this.actionResults;
  }

  private createInitialObjects(): void {
    const bootstrap = new ApiClient(this.store, 'kubesim');
    const create = (object: KubeObjectInput, client: ApiClient): void => {
      const result = client.create(object);
      // The loader's dry run admitted these objects already.
      if (!result.ok) throw new InvariantError(`creating ${object.kind} "${String(object.metadata.name)}" failed after validation: ${result.error.message}`);
    };
    for (const node of this.scenario.nodes) create(node, bootstrap);
    const lookup = (kind: string, name: string, namespace: string | undefined) => this.store.get(kind, name, namespace);
    for (const manifest of this.scenario.manifests) {
      const linked = linkOwners(manifest, lookup);
      if (!linked.ok) throw new InvariantError(`${manifest.kind} "${String(manifest.metadata.name)}": ${linked.message}`);
      create(linked.object, this.kubectl);
    }
  }

  private faultAgents(): NodeAgents {
    const agents = this.nodeAgents;
    return {
      fail: (name) => agents.failMachine(name),
      recover: (name) => agents.bootMachine(name),
      stopKubelet: (name) => agents.stopKubelet(name),
      startKubelet: (name) => agents.startKubelet(name),
      partition: (nodes, from) => agents.partition(nodes, from),
      heal: (id) => agents.heal(id),
      healNodes: (nodes) => agents.healNodes(nodes),
      add: (poolName, count) => {
        const pool = this.scenario.nodePools.find((p) => p.name === poolName);
        if (pool === undefined) return undefined;
        const bootstrap = new ApiClient(this.store, 'kubesim');
        return nextPoolNodes(pool, count, agents.nodeNames, this.sim.nowMs).map((node) => {
          const created = bootstrap.create(node);
          if (!created.ok) throw new InvariantError(`adding node "${String(node.metadata.name)}" failed: ${created.error.message}`);
          agents.addNode(String(node.metadata.name));
          return String(node.metadata.name);
        });
      },
      remove: (name) => {
        if (this.store.get('Node', name) === undefined || !agents.removeNode(name)) return false;
        return new ApiClient(this.store, 'kubesim').delete('Node', name).ok;
      },
    };
  }

  private scheduleTimeline(): void {
    const runtime: ActionRuntime = { sim: this.sim, store: this.store, kubectl: this.kubectl, nodes: this.faultAgents(), traffic: this.trafficPlane };
    const reference = { kind: 'Scenario', name: this.scenario.name };
    this.scenario.timeline.forEach((entry: TimelineEntry, index) => {
      this.actionResults[index] = { atMs: entry.atMs };
      if (entry.atMs >= this.scenario.durationMs) return;
      this.sim.at(entry.atMs, () => {
        const definition = actionByName(entry.action);
        if (definition === undefined) throw new InvariantError(`unknown action "${entry.action}" reached the run`);
        this.kubectl.event(reference, 'Normal', 'ScenarioAction', entry.description);
        const outcome = definition.execute(entry.params, runtime);
        if (!outcome.ok) {
          this.actionResults[index] = { atMs: entry.atMs, error: outcome.message };
          this.kubectl.event(reference, 'Warning', 'ScenarioActionFailed', `${entry.description}: ${outcome.message}`);
        }
      }, `timeline ${entry.action}`);
    });
  }
}
