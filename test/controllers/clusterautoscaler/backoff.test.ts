/**
 * Provisioning timeout and node-group backoff (clusterstate: nodes not
 * registered within --max-node-provision-time are given up; utils/backoff:
 * 5 min, doubling to 30 min, reset after 3 h without failure).
 */
import { describe, expect, it } from 'vitest';
import { GroupBackoff } from '../../../src/controllers/clusterautoscaler/backoff.js';
import { runYaml } from '../../helpers/scenario.js';

const MIN = 60_000;

describe('GroupBackoff', () => {
  it('backs off 5, 10, 20, 30, 30 min on failures in a row, and 5 min again after 3 h without one', () => {
    const backoff = new GroupBackoff();
    const lengths: number[] = [];
    let now = 0;
    for (let i = 0; i < 5; i++) {
      lengths.push(backoff.backoff('g', now) - now);
      now += MIN;
    }
    expect(lengths).toEqual([5, 10, 20, 30, 30].map((m) => m * MIN));
    expect(backoff.isBackedOff('g', now)).toBe(true);
    const later = now + 3 * 60 * MIN;
    expect(backoff.backoff('g', later) - later).toBe(5 * MIN);
    expect(backoff.isBackedOff('other', later)).toBe(false);
  });
});

// Two groups; the priority expander prefers "slow", whose machines take 20 min to register.
const YAML = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: provisioning-timeout }
spec:
  duration: 40m
  cluster:
    nodePools:
      - { name: base, count: 1, capacity: { cpu: "4", memory: 16Gi } }
      - { name: slow, count: 0, autoscaling: { min: 0, max: 3 }, capacity: { cpu: "4", memory: 16Gi } }
      - { name: fast, count: 0, autoscaling: { min: 0, max: 3 }, capacity: { cpu: "4", memory: 16Gi } }
  clusterAutoscaler: { expander: priority }
  timing:
    nodeProvisioningByPool: { slow: 20m, fast: 1m }
  manifests:
    - apiVersion: v1
      kind: ConfigMap
      metadata: { name: cluster-autoscaler-priority-expander, namespace: kube-system }
      data: { priorities: "50:\\n  - slow\\n10:\\n  - fast\\n" }
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: big }
      spec:
        replicas: 2
        selector: { matchLabels: { app: big } }
        template:
          metadata: { labels: { app: big } }
          spec: { containers: [{ name: c, image: big:v1, resources: { requests: { cpu: "3" } } }] }
`;

describe('provisioning timeout', () => {
  it('gives up on slow after 15 min, backs it off and scales fast up in the same scan', () => {
    const { report, pods, events } = runYaml(YAML);
    const ca = events.filter((e) => e.source === 'cluster-autoscaler');
    const at = (reason: string) => ca.filter((e) => e.reason === reason).map((e) => [e.tMs, e.message]);
    // The second pod is Unschedulable right after t=0; the first scan (10 s) grows slow (priority 50).
    // Its machine would register at 10s + 20m; at the scan at 10s + 15m it is given up and slow backs off 5 min;
    // the same scan grows fast, whose node registers 1 min later.
    expect(at('ScaledUpGroup')).toEqual([
      [10_000, 'Scale-up: setting group slow size to 1 instead of 0 (max: 3)'],
      [910_000, 'Scale-up: setting group fast size to 1 instead of 0 (max: 3)'],
    ]);
    expect(at('ScaleUpTimedOut')).toEqual([[910_000, 'Nodes added to group slow failed to register within 15m']]);
    expect(report.nodes.map((n) => n.name)).not.toContain('slow-0');
    const pending = pods.find((p) => p.node?.startsWith('fast-') === true);
    expect(pending?.scheduledMs).toBeGreaterThanOrEqual(970_000);
  });
});
