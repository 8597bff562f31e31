/** Bad autoscaling input is refused at its line with what was expected. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { loadIssues, positionOf } from '../helpers/refusal.js';
import { tempFiles } from '../helpers/scenario.js';

function scenario(pool: string, extra = ''): string {
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: s }
spec:
  cluster:
    nodePools:
      - ${pool}
${extra}`;
}

function issues(text: string) {
  return loadIssues(join(tempFiles({ 's.yaml': text }), 's.yaml')).map((i) => ({ line: i.position.line, column: i.position.column, path: i.path, message: i.message }));
}

describe('autoscaling fields', () => {
  it.each([
    ['count outside min..max', '{ name: w, count: 5, autoscaling: { min: 1, max: 4 }, capacity: { cpu: "4" } }', '', 'count: 5', 'spec.cluster.nodePools[0].count', 'expected the initial count within autoscaling min..max (1..4), got 5'],
    ['min above max', '{ name: w, count: 2, autoscaling: { min: 3, max: 2 }, capacity: { cpu: "4" } }', '', 'min: 3', 'spec.cluster.nodePools[0].autoscaling.min', 'expected min (3) ≤ max (2)'],
    ['an unknown flag', '{ name: w, count: 2, autoscaling: { min: 1, max: 3 }, capacity: { cpu: "4" } }', '  clusterAutoscaler: { scanIntervall: 5s }\n', 'scanIntervall', 'spec.clusterAutoscaler.scanIntervall', 'scanInterval'],
    ['an unknown expander', '{ name: w, count: 2, autoscaling: { min: 1, max: 3 }, capacity: { cpu: "4" } }', '  clusterAutoscaler: { expander: cheapest }\n', 'cheapest', 'spec.clusterAutoscaler.expander', 'expected one of random, most-pods, least-waste, price, priority (or a comma-separated chain of them), got "cheapest"'],
    ['provisioning for a pool that is not autoscaled', '{ name: w, count: 2, capacity: { cpu: "4" } }', '  timing: { nodeProvisioningByPool: { w: 1m } }\n', 'w: 1m', 'spec.timing.nodeProvisioningByPool.w', '"w" is not a node pool with autoscaling (no pool has autoscaling)'],
  ])('%s', (_name, pool, extra, needle, path, message) => {
    const text = scenario(pool, extra);
    const found = issues(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toContain(message);
    expect(found[0]?.line).toBe(positionOf(text, needle).line);
  });

  it('resolves the defaults, and warns when the autoscaler is configured without an autoscaled pool', () => {
    const folder = tempFiles({
      'a.yaml': scenario('{ name: w, count: 2, autoscaling: { min: 1, max: 3 }, capacity: { cpu: "4" } }'),
      'b.yaml': scenario('{ name: w, count: 2, capacity: { cpu: "4" } }', '  clusterAutoscaler: { expander: price }\n'),
    });
    const options = loadScenario(join(folder, 'a.yaml')).clusterAutoscaler;
    expect(options).toMatchObject({
      scanIntervalMs: 10_000, scaleDownUnneededTimeMs: 600_000, scaleDownDelayAfterAddMs: 600_000, scaleDownDelayAfterDeleteMs: 10_000,
      scaleDownDelayAfterFailureMs: 180_000, scaleDownUtilizationThreshold: 0.5, maxNodeProvisionTimeMs: 900_000, maxGracefulTerminationSec: 600,
      newPodScaleUpDelayMs: 0, expanders: ['random'], maxNodesTotal: 0,
    });
    expect(options?.nodeGroups[0]).toMatchObject({ minSize: 1, maxSize: 3, provisioning: { dist: 'uniform', min: 60_000, max: 120_000 } });
    const b = loadScenario(join(folder, 'b.yaml'));
    expect(b.clusterAutoscaler).toBeUndefined();
    expect(b.warnings.join('\n')).toMatch(/b\.yaml:8:\d+: spec\.clusterAutoscaler is set but no node pool has autoscaling/);
  });
});
