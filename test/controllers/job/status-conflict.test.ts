/**
 * The Job controller writes status as upstream's updateJobStatus does: an
 * UpdateStatus of its cached Job. A sync whose cache has not yet seen the
 * previous status write gets a Conflict; the pods it finished counting are
 * counted again by the retry (k/k job_controller.go syncJob returns the
 * "tracking status" error before anything is kept). A patch of the stored
 * Job, as before, wrote the stale count: succeeded went 1 -> 1 instead of
 * 1 -> 2 and the Job never completed.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { JOB_CONTROLLER, JobController } from '../../../src/controllers/job/controller.js';
import { KUBE_CONTROLLER_MANAGER } from '../../../src/controllers/runtime/controller-manager.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

const CACHE_LAG_MS = 2000;

describe('Job status written by an UpdateStatus of the cached copy', () => {
  it('a stale sync gets a Conflict and the count is made again once the cache is current', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: { watchDelayMs: (watcher) => (watcher === KUBE_CONTROLLER_MANAGER ? CACHE_LAG_MS : 0) } });
    const client = new ApiClient(store, JOB_CONTROLLER);
    const writes: string[] = [];
    const logged = Object.assign(Object.create(client) as ApiClient, {
      update: (...args: Parameters<ApiClient['update']>) => {
        const result = client.update(...args);
        const status = args[0].kind === 'Job' ? (args[0] as { status?: { succeeded?: number } }).status : undefined;
        writes.push(`${String(sim.nowMs)} succeeded=${String(status?.succeeded)} ${result.ok ? 'ok' : result.error.reason}`);
        return result;
      },
    });
    new JobController(sim, store, logged).start();
    const user = new ApiClient(store, 'user');
    must(user.create({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'batch' },
      spec: { completions: 2, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    }));
    const succeed = (index: number): void => {
      const pod = store.list('Pod', 'default')[index] as Pod;
      must(user.patch('Pod', pod.metadata.name, 'default', (p) => ({ ...p, status: { ...p.status, phase: 'Succeeded' } })));
    };
    // The Job reaches the cache at 2000: two pods created, status active=2 written (seen at 4000).
    sim.at(6000, () => { succeed(0); }); // seen at 8000, sync at 8000 + 1000 (syncJobBatchPeriod)
    sim.at(7100, () => { succeed(1); }); // seen at 9100, sync at 10100: the 9000 write is seen only at 11000
    sim.run({ untilMs: 20_000 });
    // The Job reaches the cache at 2000: two pods are created, status written (active 0: the
    // pods are not in the cache yet). At 4000 the pods are seen: active=2 written (seen at 6000),
    // and the pods' batch sync at 5000 is stale: a Conflict, retried after the Job queue's first
    // back-off, 1 s (DefaultJobApiBackOff), at 6000, when the cache is current: nothing to write.
    expect(writes.slice(0, 3)).toEqual(['2000 succeeded=0 ok', '4000 succeeded=0 ok', '5000 succeeded=0 Conflict']);
    expect(writes.slice(writes.indexOf('9000 succeeded=1 ok'))).toEqual([
      '9000 succeeded=1 ok', // the first pod counted: 0 + 1
      // Stale copy (succeeded 0) + the second pod = 1: Conflict, nothing kept; retry due at 10100 + 1000.
      '10100 succeeded=1 Conflict',
      // The 9000 write reaches the cache (succeeded 1) and brings the key back at once; the second
      // pod is counted again: 1 + 1 = 2 = completions. The success forgets the key's failures.
      '11000 succeeded=2 ok',
      // The retry due at 11100 still reads succeeded 1 with both pods counted: a patch would have
      // written 1 over the 2; the Update is a Conflict (its retry due at 11100 + 1000, the count forgotten at 11000).
      '11100 succeeded=1 Conflict',
      // At 12100 the pod the 10100 sync created (stale count: 2 - 1 = 1 wanted) is in the cache,
      // so the sync computes the cached status (active 1, succeeded 1) and writes nothing; the
      // 11000 write is seen at 13000.
    ]);
    const job = store.get('Job', 'batch', 'default');
    expect(job?.status?.succeeded).toBe(2);
    expect(job?.status?.conditions?.find((c) => c.type === 'Complete')?.status).toBe('True');
  });
});
