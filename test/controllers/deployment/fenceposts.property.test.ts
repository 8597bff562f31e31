/**
 * Property: ResolveFenceposts, which remembers its last answer, gives for
 * any sequence of calls (Deployments interleaved, the same inputs again,
 * int and percent forms of one value, invalid strings) what working it out
 * afresh gives (plainResolveFenceposts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveFenceposts } from '../../../src/controllers/deployment/util.js';
import { plainResolveFenceposts } from './plain-deployment.js';

const SEED = Number(process.env.FC_SEED ?? 16_020);
const RUNS = Number(process.env.FC_RUNS ?? 200);

const intOrPercent = fc.constantFrom<number | string | undefined>(undefined, 0, 1, 2, '0%', '1%', '25%', '50%', '100%', '25', 'x%', 1.5);
const call = fc.tuple(intOrPercent, intOrPercent, fc.constantFrom(0, 1, 3, 4, 10, 400));

describe('ResolveFenceposts with its last answer remembered', () => {
  it('answers every call of any sequence as a fresh resolution does', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 30 }), (calls) => {
        for (const [surge, unavailable, desired] of calls) expect(resolveFenceposts(surge, unavailable, desired)).toEqual(plainResolveFenceposts(surge, unavailable, desired));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
