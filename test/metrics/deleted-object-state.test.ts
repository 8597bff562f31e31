/**
 * Memory follows live objects, across the whole simulated cluster: after a
 * CronJob has started a Job a minute and the history limit has deleted
 * them (and the garbage collector their pods), nothing reachable from the
 * cluster — controllers, their work queues' maps, expectations and caches,
 * the scheduler, kubelets, the recorder's parts — names a deleted pod or Job
 * (its uid, alone or inside a key such as a label-set signature, or its
 * name), while each one's row is in pods.jsonl / jobs.jsonl. A Service
 * selects the Jobs' pods, so the EndpointSlice controller sees every Job's
 * own label set. State held in closures is out of the walk's reach; the
 * EndpointSlice controller's and the allocation recorder's bounds are also
 * checked through their counts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EndpointSliceController } from '../../src/controllers/endpoints/controller.js';
import { WorkQueue } from '../../src/controllers/runtime/work-queue.js';
import type { JobRecord, PodRecord } from '../../src/metrics/types.js';
import { runStreamed } from '../helpers/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const scratch = mkdtempSync(join(tmpdir(), 'kubesim-deleted-state-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const YAML = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: deleted-object-state }
spec:
  seed: 7
  duration: 25m
  cluster:
    nodePools: [ { name: worker, count: 2, capacity: { cpu: "4", memory: 16Gi } } ]
  timing:
    kubelet: { podStartup: 1s }
  images:
    - { image: "sync:1", runTime: { dist: uniform, min: 20s, max: 40s } }
  manifests:
    - apiVersion: v1
      kind: Service
      metadata: { name: sync }
      spec: { selector: { app: sync }, ports: [ { port: 80 } ] }
    - apiVersion: batch/v1
      kind: CronJob
      metadata: { name: sync }
      spec:
        schedule: "* * * * *"
        successfulJobsHistoryLimit: 1
        jobTemplate:
          spec:
            template:
              metadata: { labels: { app: sync } }
              spec:
                restartPolicy: OnFailure
                containers: [ { name: sync, image: "sync:1", resources: { requests: { cpu: 250m, memory: 256Mi } } } ]
`;

function readRows<T>(file: string): T[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as T);
}

/**
 * Paths (array indexes and map keys folded to []) of the strings reachable
 * from `root` for which `names` is true. A WorkQueue's key array is left
 * out: keys already taken stay in it until a batch of 1024 is dropped
 * (controllers/runtime/work-queue.ts), a bound that does not grow with churn.
 */
function pathsNaming(root: unknown, skip: ReadonlySet<unknown>, names: (text: string) => boolean): Map<string, number> {
  const found = new Map<string, number>();
  const seen = new Set<unknown>(skip);
  const stack: Array<[unknown, string]> = [[root, 'cluster']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (names(value)) found.set(path, (found.get(path) ?? 0) + 1);
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Map) for (const [k, v] of value) stack.push([k, `${path}<key>`], [v, `${path}[]`]);
    else if (value instanceof Set || Array.isArray(value)) for (const v of value) stack.push([v, `${path}[]`]);
    else for (const [k, v] of Object.entries(value)) if (!(value instanceof WorkQueue && k === 'queue')) stack.push([v, `${path}.${k}`]);
  }
  return found;
}

/** The first object reachable from `root` (through fields, arrays and maps) that `is` accepts. */
function findIn<T>(root: unknown, is: (value: unknown) => value is T): T | undefined {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    if (is(value)) return value;
    seen.add(value);
    if (value instanceof Map) stack.push(...value.values());
    else if (value instanceof Set || Array.isArray(value)) stack.push(...(value as Iterable<unknown>));
    else stack.push(...Object.values(value));
  }
  return undefined;
}

describe('state of deleted pods and Jobs', () => {
  const scenario = scenarioFromYaml(YAML);
  const folder = join(scratch, 'out');
  const { cluster, spool, recording, report } = runStreamed(scenario, folder);
  const pods = readRows<PodRecord>(join(folder, 'pods.jsonl'));
  const jobs = readRows<JobRecord>(join(folder, 'jobs.jsonl'));
  const deleted = [...pods, ...jobs].filter((row) => row.deletedMs !== undefined);

  it('has a row for every Job and pod, the deleted ones included', () => {
    // A Job a minute from 1m to 24m (24 Jobs, one pod each); the history
    // limit keeps the last successful one and the running ones.
    expect(jobs).toHaveLength(24);
    expect(pods).toHaveLength(24);
    expect(report.jobCounts.created).toBe(24);
    expect(deleted.length).toBeGreaterThanOrEqual(2 * 20);
  });

  it('leaves nothing reachable from the cluster that names a deleted pod or Job', () => {
    // Job rows carry no uid: a Job is found by its name (its pods carry its uid in their labels, and are checked by theirs).
    const uids = pods.filter((row) => row.deletedMs !== undefined).map((row) => row.uid);
    const names = new Set(deleted.flatMap((row) => [row.name, `${row.namespace}/${row.name}`]));
    // A name inside a longer text counts when quoted, as in a label-set signature (["job-name","sync-3"]).
    const quoted = [...names].map((name) => `"${name}"`);
    const namesDeleted = (text: string): boolean => names.has(text) || (text.length >= 36 && (uids.some((uid) => text.includes(uid)) || quoted.some((q) => text.includes(q))));
    const found = pathsNaming(cluster, new Set([spool]), namesDeleted);
    expect(Object.fromEntries(found)).toEqual({});
  });

  it('keeps the EndpointSlice controller\'s label sets to the live pods\' and the allocation samples to the report\'s 200', () => {
    const endpoints = findIn(cluster, (v): v is EndpointSliceController => v instanceof EndpointSliceController);
    expect(endpoints).toBeDefined();
    const livePods = cluster.store.list('Pod');
    // Each Job's pods carry the Job's own controller-uid label: one set per live Job at most.
    expect(endpoints?.rememberedLabelSets()).toBeLessThanOrEqual(livePods.length);
    expect(recording.allocation?.samples).toHaveLength(200);
  });
});
