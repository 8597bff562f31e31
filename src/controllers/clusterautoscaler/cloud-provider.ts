/**
 * The simulated cloud provider behind the Cluster Autoscaler's node groups
 * (cluster-autoscaler/cloudprovider/cloud_provider.go NodeGroup:
 * TargetSize, IncreaseSize, DeleteNodes, DecreaseTargetSize). Raising a
 * group's target starts one machine per new node; each registers its Node
 * after a delay drawn from the pool's provisioning distribution (its own
 * random stream per pool), and its kubelet then starts as any node's does.
 * Deleting a node stops the machine and deletes the Node object, as the
 * cloud's node lifecycle controller would. Like the fault injector, this is
 * infrastructure outside the API server, not a controller.
 */
import type { ApiClient } from '../../api/client.js';
import type { KubeObjectInput } from '../../api/types/meta.js';
import { makeDistribution, sampleMs, type Distribution } from '../../engine/distributions.js';
import { InvariantError } from '../../engine/errors.js';
import type { Rng } from '../../engine/random.js';
import type { EventHandle, Simulation } from '../../engine/simulation.js';
import type { NodeGroupSpec } from '../../scenario/cluster-autoscaler.js';
import { nextPoolNodes } from '../../scenario/nodes.js';

export const CLOUD_PROVIDER = 'cloud-provider';

/** What the cloud provider does to the cluster's machines (the runner's node agents). */
export interface Machines {
  /** Names of every node that ever had a machine (names are not reused). */
  names(): readonly string[];
  /** The machine of a just-registered Node starts its kubelet. */
  start(name: string): void;
  /** The machine is gone for good. */
  stop(name: string): void;
}

/** A machine asked for and not registered yet. */
interface Provisioning {
  readonly name: string;
  readonly requestedAtMs: number;
  readonly handle: EventHandle;
}

interface GroupState {
  readonly spec: NodeGroupSpec;
  readonly delay: Distribution;
  readonly rng: Rng;
  target: number;
  readonly provisioning: Provisioning[];
}

export class SimulatedCloudProvider {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly machines: Machines;
  private readonly groups = new Map<string, GroupState>();

  constructor(sim: Simulation, client: ApiClient, groups: readonly NodeGroupSpec[], machines: Machines) {
    this.sim = sim;
    this.client = client;
    this.machines = machines;
    for (const spec of groups) {
      this.groups.set(spec.pool.name, { spec, delay: makeDistribution(spec.provisioning), rng: sim.random.stream(`${CLOUD_PROVIDER}/${spec.pool.name}`), target: spec.pool.count, provisioning: [] });
    }
  }

  targetSize(group: string): number {
    return this.state(group).target;
  }

  /** IncreaseSize: `delta` machines start now and register after their provisioning delay. */
  increaseSize(group: string, delta: number): void {
    const state = this.state(group);
    if (state.target + delta > state.spec.maxSize) throw new InvariantError(`node group ${group}: size ${state.target + delta} above max ${state.spec.maxSize}`);
    state.target += delta;
    const reserved = [...this.machines.names(), ...state.provisioning.map((p) => p.name)];
    for (const node of nextPoolNodes(state.spec.pool, delta, reserved, this.sim.nowMs)) {
      const name = String(node.metadata.name);
      const handle = this.sim.after(sampleMs(state.delay, state.rng), () => this.register(state, name, node), `${CLOUD_PROVIDER} register ${name}`);
      state.provisioning.push({ name, requestedAtMs: this.sim.nowMs, handle });
    }
  }

  /** DecreaseTargetSize for machines still provisioning that were asked for before `beforeMs`: they are cancelled. */
  cancelProvisioning(group: string, beforeMs: number): number {
    const state = this.state(group);
    const late = state.provisioning.filter((p) => p.requestedAtMs < beforeMs);
    for (const p of late) this.sim.cancel(p.handle);
    state.provisioning.splice(0, state.provisioning.length, ...state.provisioning.filter((p) => p.requestedAtMs >= beforeMs));
    state.target -= late.length;
    return late.length;
  }

  /** DeleteNodes: the machines stop, their Node objects are deleted and the target shrinks. */
  deleteNode(group: string, name: string): void {
    const state = this.state(group);
    if (state.target - 1 < state.spec.minSize) throw new InvariantError(`node group ${group}: size ${state.target - 1} below min ${state.spec.minSize}`);
    state.target -= 1;
    this.machines.stop(name);
    this.client.delete('Node', name);
  }

  private register(state: GroupState, name: string, node: KubeObjectInput & { kind: 'Node' }): void {
    const index = state.provisioning.findIndex((p) => p.name === name);
    if (index >= 0) state.provisioning.splice(index, 1);
    const now = this.sim.nowMs;
    const status = node.status as { conditions: Array<Record<string, unknown>> };
    const registered = { ...node, status: { ...status, conditions: status.conditions.map((c) => ({ ...c, lastHeartbeatTime: now, lastTransitionTime: now })) } };
    const created = this.client.create(registered);
    if (!created.ok) throw new InvariantError(`registering node "${name}" failed: ${created.error.message}`);
    this.machines.start(name);
  }

  private state(group: string): GroupState {
    const state = this.groups.get(group);
    if (state === undefined) throw new InvariantError(`unknown node group "${group}"`);
    return state;
  }
}
