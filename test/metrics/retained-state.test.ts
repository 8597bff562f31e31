/**
 * The recorder's memory follows live objects: after N Jobs have come and
 * gone (a CronJob every minute, the default history limits deleting old
 * Jobs and the garbage collector their pods), what it retains per object
 * does not grow with N. Retained entries are counted by walking the
 * recorder: every Map and Set entry, and every element of an array of
 * objects that is not a time series (series have their own bound, tested in
 * series.test.ts and bucketed-peaks.test.ts; arrays of numbers are the one
 * latency number per pod the exact percentiles need). The run's rows (pods,
 * Jobs, Events) are handed out and not counted: they are the output.
 */
import { describe, expect, it } from 'vitest';
import { memoryRows } from '../../src/metrics/row-sink.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const scenario = (minutes: number): string => `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: churn-${minutes} }
spec:
  seed: 5
  duration: ${minutes}m
  cluster:
    nodePools: [ { name: worker, count: 2, capacity: { cpu: "4", memory: 16Gi } } ]
  timing:
    kubelet: { podStartup: 1s }
  images:
    - { image: "sync:1", runTime: { dist: constant, value: 20s } }
  manifests:
    - apiVersion: batch/v1
      kind: CronJob
      metadata: { name: sync }
      spec:
        schedule: "* * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [ { name: sync, image: "sync:1", resources: { requests: { cpu: 250m, memory: 256Mi } } } ]
`;

function retainedEntries(root: object, skip: ReadonlySet<unknown>): number {
  const seen = new Set<unknown>(skip);
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Map) {
      count += value.size;
      for (const [k, v] of value) stack.push(k, v);
    } else if (value instanceof Set) {
      count += value.size;
      for (const v of value) stack.push(v);
    } else if (Array.isArray(value)) {
      const objects = value.filter((v) => typeof v === 'object' && v !== null);
      const series = objects.length > 0 && objects.every((v) => typeof (v as { tMs?: unknown }).tMs === 'number');
      if (!series) count += objects.length;
      if (!series) stack.push(...objects);
    } else stack.push(...Object.values(value));
  }
  return count;
}

function run(minutes: number): { retained: number; jobs: number; pods: number } {
  const rows = memoryRows();
  const cluster = new SimulatedCluster(scenarioFromYaml(scenario(minutes)), { rows });
  cluster.run();
  const retained = retainedEntries(cluster.recorder, new Set([rows, cluster.recorder.requests]));
  return { retained, jobs: rows.jobs.rows.length, pods: rows.pods.rows.length };
}

describe('the recorder after churn', () => {
  it('retains as many entries after 60 Jobs as after 15: only the live ones', () => {
    const short = run(15);
    const long = run(60);
    // Rows handed out before the end: one per Job (and pod) deleted by the history limit (3 kept).
    expect(short.jobs).toBeGreaterThanOrEqual(10);
    expect(long.jobs).toBeGreaterThanOrEqual(55);
    expect(long.pods).toBeGreaterThanOrEqual(55);
    // The same handful of live objects (3 Jobs kept, their pods, 2 nodes, 1 CronJob) in both.
    expect(short.retained).toBeGreaterThan(0);
    expect(long.retained).toBe(short.retained);
  });
});
