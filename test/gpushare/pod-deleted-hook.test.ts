import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/scenario.js';

// A user plugin with only the podDeleted hook: it records what it is told in a global the test reads.
const PLUGIN = `
export const plugins = {
  Deletions: () => ({
    name: 'Deletions',
    podDeleted(pod, nodeName) { (globalThis.__deletions ??= []).push(pod.metadata.name + '@' + nodeName); },
  }),
};
`;

describe('the podDeleted hook of the plugin surface', () => {
  it('is told once per bound pod deleted, with its node, after the cache released it', () => {
    (globalThis as { __deletions?: string[] }).__deletions = [];
    const result = runYaml(`apiVersion: kubesim/v1
kind: Scenario
metadata: { name: hook }
spec:
  duration: 2m
  cluster: { nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 8Gi } } ] }
  scheduler:
    plugins: [ deletions.mjs ]
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles: [ { schedulerName: default-scheduler, plugins: { multiPoint: { enabled: [ { name: Deletions } ] } } } ]
  manifests:
    - { apiVersion: v1, kind: Pod, metadata: { name: a }, spec: { containers: [ { name: c, image: "app:1" } ] } }
    - { apiVersion: v1, kind: Pod, metadata: { name: b }, spec: { containers: [ { name: c, image: "app:1" } ] } }
  timeline:
    - { at: 30s, action: delete-pod, pod: a, gracePeriodSeconds: 0 }
`, { 'deletions.mjs': PLUGIN });
    const node = result.pods.find((p) => p.name === 'a')?.node;
    expect(node).toBeDefined();
    expect((globalThis as { __deletions?: string[] }).__deletions).toEqual([`a@${node}`]);
  });
});
