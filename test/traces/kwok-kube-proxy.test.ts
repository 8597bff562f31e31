/**
 * kube-proxy per node (runner/node-agents.ts): its rules are read only by
 * requests entering at a node (traffic/traffic-model.ts) and it writes
 * nothing, so in a scenario that sends no traffic no node gets one, KWOK or
 * kubelet (the FGD experiment's 1,213 nodes and the Alibaba replay's 1,523
 * each watched Services and EndpointSlices for nothing). With traffic every
 * node has one, KWOK ones included: requests may enter there.
 */
import { describe, expect, it } from 'vitest';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

function cluster(traffic: boolean): SimulatedCluster {
  return new SimulatedCluster(scenarioFromYaml(`
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: kwok-proxy }
spec:
  duration: 10s
  cluster:
    nodePools:
      - { name: fake, count: 2, capacity: { cpu: "4", memory: 8Gi }, nodeAgent: kwok }
      - { name: real, count: 1, capacity: { cpu: "4", memory: 8Gi } }
  manifests:
    - { apiVersion: v1, kind: Service, metadata: { name: web }, spec: { selector: { app: web }, ports: [ { port: 80 } ] } }
${traffic ? '  traffic: [ { service: web, rps: [ { at: 0s, rps: 1 } ] } ]\n' : ''}`));
}

describe('kube-proxy per node', () => {
  it.each([
    ['no traffic: none', false, []],
    ['traffic: every node, KWOK ones included', true, ['fake-0', 'fake-1', 'real-0']],
  ])('%s', (_label, traffic, expected) => {
    const built = cluster(traffic);
    expect([...built.nodeAgents.kubeProxies.keys()].sort()).toEqual(expected);
    // Every node still has its agent, and the run goes through.
    expect([...built.nodeAgents.kwokAgents.keys()].sort()).toEqual(['fake-0', 'fake-1']);
    expect([...built.nodeAgents.kubelets.keys()]).toEqual(['real-0']);
    built.run();
  });
});
