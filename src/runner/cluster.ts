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
import { NetworkModel } from '../network/network-model.js';
import { ImageCatalog } from '../node/images.js';
import { Kubelet } from '../node/kubelet.js';
import { nextPoolNodes } from '../scenario/nodes.js';
import { actionByName } from '../scenario/actions/index.js';
import type { ActionRuntime, NodeAgents } from '../scenario/actions/action.js';
import type { Scenario, TimelineEntry } from '../scenario/model.js';
import type { AttemptTracer } from '../scheduler/explain.js';
import { Scheduler, SCHEDULER_COMPONENT } from '../scheduler/scheduler.js';
import { schedulerOptions } from './scheduler-options.js';
import type { SchedulerProfile } from '../scheduler/framework/profile.js';
import { TraceReplayer, TRACE_REPLAYER } from '../scenario/traces/replayer.js';

export interface ClusterOptions {
  /** Deep-freeze stored objects so a component that mutates one fails loudly (tests). */
  readonly freezeObjects?: boolean;
  /** Receives traces of the scheduling attempts it asks for (`kubesim explain`). */
  readonly tracer?: AttemptTracer;
  /** Scheduler profiles to run instead of the default one (bench/ uses this to compare algorithms). */
  readonly schedulerProfiles?: readonly SchedulerProfile[];
}

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
  readonly recorder = new Recorder();
  readonly scheduler: Scheduler;
  private readonly scenario: Scenario;
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly kubectl: ApiClient;
  private readonly actionResults: ActionResult[] = [];
  private readonly newKubelet: (nodeName: string) => Kubelet;

  constructor(scenario: Scenario, options: ClusterOptions = {}) {
    this.scenario = scenario;
    const timing = scenario.timing;
    this.sim = new Simulation(scenario.seed);
    const network = new NetworkModel(this.sim.random, {
      watchDelay: makeDistribution(timing.network.watchDelay),
      watchDelayByComponent: new Map(Object.entries(timing.network.watchDelayByComponent).map(([k, v]) => [k, makeDistribution(v)])),
    });
    this.store = new ApiStore(this.sim, {
      network,
      freeze: options.freezeObjects ?? false,
      defaultTolerationSeconds: timing.nodeLifecycle.defaultTolerationSeconds,
    });
    this.recorder.attach(this.store);
    this.kubectl = new ApiClient(this.store, 'kubectl');
    this.createInitialObjects();

    const client = (name: string): ApiClient => new ApiClient(this.store, name);
    const scheduling = schedulerOptions(scenario, options.tracer);
    this.scheduler = new Scheduler(this.sim, this.store, client(SCHEDULER_COMPONENT), {
      ...scheduling,
      ...(options.schedulerProfiles === undefined ? {} : { profiles: options.schedulerProfiles }),
    });
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
      // Without heartbeats there is nothing to monitor: every node would go Unknown after the grace period.
      ...(timing.kubelet.heartbeats ? [new NodeLifecycleController(this.sim, this.store, client(NODE_LIFECYCLE_CONTROLLER), timing.nodeLifecycle)] : []),
      new TaintEvictionController(this.sim, this.store, client(TAINT_EVICTION_CONTROLLER)),
      new GarbageCollector(this.store, client(GARBAGE_COLLECTOR), ['Deployment', 'ReplicaSet', 'Pod', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob']),
      ...workloadControllers(this.sim, this.store, client),
    ];
    const kubeletTiming = {
      podStartup: makeDistribution(timing.kubelet.podStartup),
      podShutdown: makeDistribution(timing.kubelet.podShutdown),
      heartbeats: timing.kubelet.heartbeats,
    };
    const images = new ImageCatalog(scenario.images.map((i) => ({
      image: i.image,
      ready: i.ready,
      crash: i.crash,
      exitCode: i.exitCode,
      ...(i.startup === undefined ? {} : { startup: makeDistribution(i.startup) }),
      ...(i.runTime === undefined ? {} : { runTime: makeDistribution(i.runTime) }),
    })));
    this.newKubelet = (name) => {
      const kubelet = new Kubelet(this.sim, this.store, client(`kubelet/${name}`), name, this.kubelets.size, kubeletTiming, images);
      this.kubelets.set(name, kubelet);
      return kubelet;
    };
    for (const node of scenario.nodes) components.push(this.newKubelet(String(node.metadata.name)));
    for (const workload of scenario.workloads) components.push(new TraceReplayer(this.sim, client(TRACE_REPLAYER), workload, scenario.durationMs));
    for (const component of components) component.start();
    this.scheduleTimeline();
  }

  /** Runs the scenario to its end. */
  run(): RunOutcome {
    return this.sim.run({ untilMs: this.scenario.durationMs });
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
    for (const manifest of this.scenario.manifests) create(manifest, this.kubectl);
  }

  private nodeAgents(): NodeAgents {
    return {
      fail: (name) => {
        const kubelet = this.kubelets.get(name);
        if (kubelet === undefined || !kubelet.isRunning) return false;
        kubelet.stop();
        return true;
      },
      recover: (name) => {
        const kubelet = this.kubelets.get(name);
        if (kubelet === undefined || kubelet.isRunning) return false;
        kubelet.start();
        return true;
      },
      add: (poolName, count) => {
        const pool = this.scenario.nodePools.find((p) => p.name === poolName);
        if (pool === undefined) return undefined;
        const bootstrap = new ApiClient(this.store, 'kubesim');
        return nextPoolNodes(pool, count, [...this.kubelets.keys()], this.sim.nowMs).map((node) => {
          const created = bootstrap.create(node);
          if (!created.ok) throw new InvariantError(`adding node "${String(node.metadata.name)}" failed: ${created.error.message}`);
          this.newKubelet(String(node.metadata.name)).start();
          return String(node.metadata.name);
        });
      },
      remove: (name) => {
        const kubelet = this.kubelets.get(name);
        if (kubelet === undefined || this.store.get('Node', name) === undefined) return false;
        kubelet.stop();
        return new ApiClient(this.store, 'kubesim').delete('Node', name).ok;
      },
    };
  }

  private scheduleTimeline(): void {
    const runtime: ActionRuntime = { sim: this.sim, store: this.store, kubectl: this.kubectl, nodes: this.nodeAgents() };
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
