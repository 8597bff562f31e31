/**
 * Property: whatever pods are created against a ResourceQuota, in any
 * order, the API server's admission keeps status.used within status.hard
 * for every resource, and status.used is exactly the sum of the admitted
 * pods' usage (plugin/pkg/admission/resourcequota: used + requested ≤ hard
 * for each requested resource, the new usage written on admit).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { milliOf } from '../../../src/api/quantity-compare.js';
import { ApiStore } from '../../../src/api/store.js';
import type { ResourceQuota } from '../../../src/api/types/quota.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { podInput } from '../../helpers/builders.js';
import { must } from '../../helpers/api-result.js';

const SEED = Number(process.env.FC_SEED ?? 18_005);
const RUNS = Number(process.env.FC_RUNS ?? 100);

const HARD = { pods: '6', 'requests.cpu': '3', 'requests.memory': '2Gi', 'limits.cpu': '4' };

const container = fc.record({
  cpuMilli: fc.integer({ min: 1, max: 1500 }),
  memoryMi: fc.integer({ min: 1, max: 700 }),
  limitFactor: fc.integer({ min: 1, max: 3 }),
});

describe('ResourceQuota admission (property)', () => {
  it('never lets status.used exceed status.hard, and used is the sum of what was admitted', () => {
    fc.assert(
      fc.property(fc.array(fc.array(container, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (pods) => {
        const store = new ApiStore(new Simulation(1));
        must(store.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: HARD } }));
        must(store.patch('ResourceQuota', 'q', 'default', (rq) => ({ ...rq, status: { hard: HARD, used: { pods: '0', 'requests.cpu': '0', 'requests.memory': '0', 'limits.cpu': '0' } } })));
        const admitted = { pods: 0n, cpu: 0n, memory: 0n, limitsCpu: 0n };
        pods.forEach((containers, i) => {
          const spec = {
            containers: containers.map((c, j) => ({
              name: `c${j}`,
              image: 'app:1',
              resources: { requests: { cpu: `${c.cpuMilli}m`, memory: `${c.memoryMi}Mi` }, limits: { cpu: `${c.cpuMilli * c.limitFactor}m` } },
            })),
          };
          const result = store.create(podInput(`p${i}`, spec));
          if (!result.ok) {
            expect(result.error.message).toMatch(/^pods "p\d+" is forbidden: exceeded quota: q, requested: /);
            return;
          }
          admitted.pods += 1000n;
          for (const c of containers) {
            admitted.cpu += BigInt(c.cpuMilli);
            admitted.memory += BigInt(c.memoryMi) * 1024n * 1024n * 1000n;
            admitted.limitsCpu += BigInt(c.cpuMilli * c.limitFactor);
          }
        });
        const used = (store.get('ResourceQuota', 'q', 'default') as ResourceQuota).status?.used ?? {};
        const milli = (name: string) => milliOf(used[name] as string);
        expect([milli('pods'), milli('requests.cpu'), milli('requests.memory'), milli('limits.cpu')]).toEqual([admitted.pods, admitted.cpu, admitted.memory, admitted.limitsCpu]);
        for (const [name, hard] of Object.entries(HARD)) expect((milli(name) as bigint) <= (milliOf(hard) as bigint)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
