/**
 * Property: a watch's and a client's delay samplers (NetworkModel
 * watchDelaySampler / requestLatencySampler, looked up once per watch or
 * client) draw exactly what the by-name calls (watchDelayMs /
 * requestLatencyMs, looked up per event) draw: the same values in the same
 * order, whatever mix of samplers and by-name calls share one name, for
 * constant and drawn rules, defaults and per-component overrides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDistribution, type DistributionSpec } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { NetworkModel, type NetworkModelOptions } from '../../src/network/network-model.js';

const SEED = Number(process.env.FC_SEED ?? 16_074);
const RUNS = Number(process.env.FC_RUNS ?? 200);

const spec: fc.Arbitrary<DistributionSpec> = fc.oneof(
  fc.record({ dist: fc.constant('constant' as const), value: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ dist: fc.constant('uniform' as const), min: fc.constant(0), max: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ dist: fc.constant('exponential' as const), mean: fc.integer({ min: 1, max: 30 }) }),
);
const NAMES = ['replicaset-controller', 'kubelet/node-1', 'kubelet/node-2', 'default-scheduler'];
const name = fc.constantFrom(...NAMES);
/** Per call: which name, and whether the first model asks through a sampler made for it. */
const call = fc.record({ watch: fc.boolean(), name, viaSampler: fc.boolean(), sampler: fc.nat(2) });

describe('NetworkModel delay samplers', () => {
  it('draw the same sequence as the by-name calls (property)', () => {
    fc.assert(
      fc.property(fc.option(spec, { nil: undefined }), fc.option(spec, { nil: undefined }), spec, fc.array(call, { maxLength: 60 }), (byDefault, kubelet, scheduler, calls) => {
        const options: NetworkModelOptions = {
          ...(byDefault === undefined ? {} : { watchDelay: makeDistribution(byDefault), apiLatency: makeDistribution(byDefault) }),
          watchDelayByComponent: new Map([['default-scheduler', makeDistribution(scheduler)], ...(kubelet === undefined ? [] : [['kubelet', makeDistribution(kubelet)] as const])]),
          apiLatencyByComponent: new Map(kubelet === undefined ? [] : [['kubelet', makeDistribution(kubelet)] as const]),
        };
        const withSamplers = new NetworkModel(new RandomStreams(9), options);
        const byName = new NetworkModel(new RandomStreams(9), options);
        // Several samplers per name (a kubelet's Pod, ConfigMap and Secret watches), made up front as watches and clients make them.
        const samplers = new Map(NAMES.map((n) => [n, [0, 1, 2].map(() => ({ watch: withSamplers.watchDelaySampler(n), api: withSamplers.requestLatencySampler(n) }))]));
        for (const c of calls) {
          const own = samplers.get(c.name)?.[c.sampler];
          const got = c.viaSampler && own !== undefined
            ? (c.watch ? own.watch() : own.api())
            : (c.watch ? withSamplers.watchDelayMs(c.name) : withSamplers.requestLatencyMs(c.name));
          expect(got).toBe(c.watch ? byName.watchDelayMs(c.name) : byName.requestLatencyMs(c.name));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
