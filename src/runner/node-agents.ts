/**
 * The per-node side of a simulated cluster: one node agent and kube-proxy
 * per node (no kube-proxy when no traffic is sent), the pod network they share, and the fault operations timeline
 * actions use (machine failure, kubelet stop, partitions). Built from the
 * scenario by SimulatedCluster. A node's agent is a kubelet with its
 * container runtime, or, for a Node annotated `kwok.x-k8s.io/node: fake`
 * (`nodeAgent: kwok`), a KWOK agent that runs nothing and writes each
 * bound pod Running and Ready at once (node/kwok-agent.ts).
 */
import type { ApiClient } from '../api/client.js';
import type { ApiStore } from '../api/store.js';
import type { Node } from '../api/types/node.js';
import type { Pod } from '../api/types/pod.js';
import { makeDistribution, type Distribution } from '../engine/distributions.js';
import type { Simulation } from '../engine/simulation.js';
import type { NetworkModel } from '../network/network-model.js';
import type { PartitionPeer } from '../network/partitions.js';
import { PodNetwork } from '../network/pod-network.js';
import { ImageCatalog, type ImageBehaviour } from '../node/images.js';
import { Kubelet } from '../node/kubelet.js';
import { KWOK_COMPONENT, KWOK_NODE_ANNOTATION, KWOK_NODE_ANNOTATION_VALUE, KwokAgent } from '../node/kwok-agent.js';
import { KubeProxy } from '../network/kube-proxy.js';
import { ContainerRuntime, sandboxRequest } from '../node/runtime.js';
import { withRunTime } from '../node/run-time.js';
import { runningAtStart } from '../node/running-at-start.js';
import type { ImageSpec, Scenario } from '../scenario/model.js';

/** Whether KWOK manages the node (its default --manage-nodes-with-annotation-selector, kwok.x-k8s.io/node=fake). */
function kwokManaged(node: Pick<Node, 'metadata'> | undefined): boolean {
  return node?.metadata.annotations?.[KWOK_NODE_ANNOTATION] === KWOK_NODE_ANNOTATION_VALUE;
}

function imageBehaviour(spec: ImageSpec): ImageBehaviour {
  const optional = <K extends string>(key: K, value: Parameters<typeof makeDistribution>[0] | undefined) =>
    (value === undefined ? {} : { [key]: makeDistribution(value) }) as Partial<Record<K, ReturnType<typeof makeDistribution>>>;
  return {
    image: spec.image,
    ready: spec.ready,
    crash: spec.crash,
    exitCode: spec.exitCode,
    pullError: spec.pullError,
    ...(spec.sizeBytes === undefined ? {} : { sizeBytes: spec.sizeBytes }),
    ...optional('startup', spec.startup),
    ...optional('runTime', spec.runTime),
    ...optional('pullTime', spec.pullTime),
    ...optional('readyAfter', spec.readyAfter),
    ...optional('hangAfter', spec.hangAfter),
  };
}

/** The component name fault events carry. */
export const FAULT_INJECTOR = 'fault-injector';

interface FaultWording {
  readonly machineStopped: (node: string) => string;
  readonly machineBooted: (node: string) => string;
  readonly agentStopped: (node: string) => string;
  readonly agentStarted: (node: string) => string;
}

/**
 * The messages of fault events, for the agent that runs the node: a kubelet
 * and its containers, or KWOK's stages (no kubelet, nothing runs; KWOK
 * itself runs in the control plane). The reasons stay the same for both:
 * reports key on them.
 */
const FAULT_WORDING: Readonly<Record<'kubelet' | 'kwok', FaultWording>> = {
  kubelet: {
    machineStopped: (node) => `Machine ${node} stopped: its kubelet, containers and heartbeats are gone`,
    machineBooted: (node) => `Machine ${node} booted; its kubelet starts on an empty runtime`,
    agentStopped: (node) => `Kubelet on ${node} stopped; its containers keep running`,
    agentStarted: (node) => `Kubelet on ${node} started`,
  },
  kwok: {
    machineStopped: (node) => `Machine ${node} stopped: KWOK no longer writes its pods' statuses, its Lease or its node status`,
    machineBooted: (node) => `Machine ${node} booted; KWOK writes its pods' statuses and heartbeats again`,
    agentStopped: (node) => `KWOK stopped managing ${node} (no kubelet runs there); its pods keep their last status and its heartbeats stop`,
    agentStarted: (node) => `KWOK manages ${node} again`,
  },
};

export class NodeAgentSet {
  readonly podNetwork = new PodNetwork();
  readonly kubelets = new Map<string, Kubelet>();
  readonly kwokAgents = new Map<string, KwokAgent>();
  readonly kubeProxies = new Map<string, KubeProxy>();
  private readonly network: NetworkModel;
  private readonly faults: ApiClient;
  private readonly store: ApiStore;
  /** Every node's name, in the order its agents were built. */
  private readonly names: string[] = [];
  /** Builds and registers the agents of one node (index: its place in creation order). */
  private readonly attach: (name: string, index: number, kwok: boolean) => void;
  private started = false;

  constructor(sim: Simulation, store: ApiStore, network: NetworkModel, scenario: Scenario, clientFor: (component: string) => ApiClient) {
    this.network = network;
    this.store = store;
    this.faults = clientFor(FAULT_INJECTOR);
    const timing = scenario.timing.kubelet;
    const kubeletTiming = {
      podStartup: makeDistribution(timing.podStartup),
      podShutdown: makeDistribution(timing.podShutdown),
      ...(timing.runTime === undefined ? {} : { batchRunTime: makeDistribution(timing.runTime) }),
      heartbeats: timing.heartbeats,
      serializeImagePulls: timing.serializeImagePulls,
      imagePullBandwidthBytesPerSecond: timing.imagePullBandwidthBytesPerSecond,
    };
    const images = new ImageCatalog(scenario.images.map(imageBehaviour));
    const proxyTiming = scenario.timing.kubeProxy;
    const proxyOptions = {
      minSyncPeriodMs: proxyTiming.minSyncPeriodMs,
      ...(proxyTiming.syncCost === undefined ? {} : { syncCost: makeDistribution(proxyTiming.syncCost) }),
    };
    const routesTraffic = scenario.traffic.length > 0;
    const kwokTiming = { podReadyDelayMs: scenario.timing.kwok.podReadyDelayMs, heartbeats: timing.heartbeats };
    this.attach = (name, index, kwok) => {
      this.names.push(name);
      if (kwok) {
        this.kwokAgents.set(name, new KwokAgent(sim, store, clientFor(`${KWOK_COMPONENT}/${name}`), name, index, kwokTiming, this.podNetwork));
      } else {
        const runtime = new ContainerRuntime(sim, name, this.podNetwork);
        this.kubelets.set(name, new Kubelet(sim, store, clientFor(`kubelet/${name}`), name, index, kubeletTiming, images, runtime));
      }
      // kube-proxy's rules are read only by requests entering at the node (traffic/traffic-model.ts), and it writes
      // nothing: in a scenario without traffic it would watch every Service and EndpointSlice for nothing, so no node gets one.
      if (routesTraffic) this.kubeProxies.set(name, new KubeProxy(sim, store, name, proxyOptions));
    };
    scenario.nodes.forEach((node, index) => this.attach(String(node.metadata.name), index, kwokManaged(node as Pick<Node, 'metadata'>)));
    this.seedRunningPods(store.list('Pod'), images, kubeletTiming.batchRunTime);
  }

  /** Containers of the pods already running at t=0 (node/running-at-start.ts), for their kubelets to adopt. */
  private seedRunningPods(pods: readonly Pod[], images: ImageCatalog, batchRunTime: Distribution | undefined): void {
    for (const pod of pods) {
      const runtime = runningAtStart(pod) ? this.kubelets.get(pod.spec.nodeName as string)?.runtime : undefined;
      if (runtime === undefined) continue;
      runtime.runSandbox(sandboxRequest(pod));
      for (const container of pod.spec.containers) {
        const behaviour = withRunTime(images.behaviour(container.image), pod, batchRunTime);
        runtime.addImage(behaviour.image, behaviour.sizeBytes ?? 0);
        runtime.startContainer(pod.metadata.uid, container.name, behaviour, true);
      }
    }
  }

  get nodeNames(): string[] {
    return [...this.names];
  }

  /** Each node's container runtime, by node name. */
  get runtimes(): Map<string, ContainerRuntime> {
    return new Map([...this.kubelets].map(([name, kubelet]) => [name, kubelet.runtime]));
  }

  start(): void {
    this.started = true;
    for (const name of this.names) {
      this.kubelets.get(name)?.start();
      this.kwokAgents.get(name)?.start();
    }
    for (const proxy of this.kubeProxies.values()) proxy.start();
  }

  /** A machine joins for an already registered Node object (add-nodes): its agents start at once. */
  addNode(name: string): void {
    if (this.kubelets.has(name) || this.kwokAgents.has(name)) return;
    this.attach(name, this.names.length, kwokManaged(this.store.get('Node', name)));
    if (!this.started) return;
    this.kubelets.get(name)?.start();
    this.kwokAgents.get(name)?.start();
    this.kubeProxies.get(name)?.start();
  }

  /** remove-node: the machine is gone for good (its Node object is deleted by the caller). */
  removeNode(name: string): boolean {
    const agent = this.kubelets.get(name) ?? this.kwokAgents.get(name);
    if (agent === undefined) return false;
    agent.failMachine();
    this.kubeProxies.get(name)?.stop();
    return true;
  }

  private wording(name: string): FaultWording {
    return FAULT_WORDING[this.kwokAgents.has(name) ? 'kwok' : 'kubelet'];
  }

  /** A Node event from the fault injector, so reports can tell when a fault began and ended. */
  private nodeEvent(name: string, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.faults.event({ kind: 'Node', name }, type, reason, message);
  }

  /** fail-node: the machine stops. */
  failMachine(name: string): boolean {
    if ((this.kubelets.get(name) ?? this.kwokAgents.get(name))?.failMachine() !== true) return false;
    this.kubeProxies.get(name)?.stop();
    this.nodeEvent(name, 'Warning', 'NodeFailed', this.wording(name).machineStopped(name));
    return true;
  }

  /** recover-node: the machine boots. */
  bootMachine(name: string): boolean {
    if ((this.kubelets.get(name) ?? this.kwokAgents.get(name))?.bootMachine() !== true) return false;
    this.kubeProxies.get(name)?.start();
    this.nodeEvent(name, 'Normal', 'NodeBooted', this.wording(name).machineBooted(name));
    return true;
  }

  /** stop-kubelet: the kubelet process stops, containers keep running. */
  stopKubelet(name: string): boolean {
    const agent = this.kubelets.get(name) ?? this.kwokAgents.get(name);
    if (agent === undefined || !agent.isRunning) return false;
    agent.stop();
    this.nodeEvent(name, 'Warning', 'KubeletStopped', this.wording(name).agentStopped(name));
    return true;
  }

  /** start-kubelet: the kubelet process starts again and adopts its containers. */
  startKubelet(name: string): boolean {
    const kubelet = this.kubelets.get(name);
    const kwok = this.kwokAgents.get(name);
    if (kubelet !== undefined) {
      if (kubelet.isRunning || !kubelet.runtime.up) return false;
      kubelet.start();
    } else {
      if (kwok === undefined || kwok.isRunning || !kwok.isMachineUp) return false;
      kwok.start();
    }
    this.nodeEvent(name, 'Normal', 'KubeletStarted', this.wording(name).agentStarted(name));
    return true;
  }

  partition(nodes: ReadonlySet<string>, from: PartitionPeer): number {
    const cut = this.network.partition(nodes, from);
    const peer = from.kind === 'nodes' ? [...from.nodes].join(', ') : from.kind === 'all' ? 'everything' : 'the control plane';
    for (const name of nodes) this.nodeEvent(name, 'Warning', 'NodePartitioned', `Network partition: ${name} cannot reach ${peer}`);
    return cut.id;
  }

  heal(id: number): boolean {
    const cut = this.network.cuts.find((c) => c.id === id);
    if (cut === undefined || !this.network.heal(id)) return false;
    for (const name of cut.nodes) this.nodeEvent(name, 'Normal', 'NodePartitionHealed', `Network partition healed: ${name} is reachable again`);
    return true;
  }

  healNodes(nodes: ReadonlySet<string> | undefined): number {
    const cuts = this.network.cuts.filter((c) => nodes === undefined || [...c.nodes].some((n) => nodes.has(n)) || (c.from.kind === 'nodes' && [...c.from.nodes].some((n) => nodes.has(n))));
    let healed = 0;
    for (const cut of cuts) if (this.heal(cut.id)) healed++;
    return healed;
  }
}
