/**
 * randomUid makes the UID's characters in one array and the string from
 * them at once (src/api/names.ts). Property: for random seeds and stream
 * names, it gives exactly the UIDs of the plain construction kept here (32
 * hex digits of four draws, then slices around the dashes), draw for draw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomUid } from '../../src/api/names.js';
import { RandomStreams, type Rng } from '../../src/engine/random.js';

const SEED = Number(process.env.FC_SEED ?? 16_451);
const RUNS = Number(process.env.FC_RUNS ?? 200);

function hex32(rng: Rng): string {
  return Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
}

/** The plain construction: what names.ts did before. */
function plainRandomUid(rng: Rng): string {
  const h = hex32(rng) + hex32(rng) + hex32(rng) + hex32(rng);
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A source that hands out the given draws in turn. */
function fixed(draws: readonly number[]): Rng {
  let at = 0;
  return { next: () => draws[at++ % draws.length] as number };
}

describe('randomUid', () => {
  it('gives the plain construction\'s UIDs, draw for draw (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.integer({ min: 1, max: 20 }), (seed, name, count) => {
        const mine = new RandomStreams(seed).stream(`apiserver/uid ${name}`);
        const plain = new RandomStreams(seed).stream(`apiserver/uid ${name}`);
        for (let i = 0; i < count; i++) expect(randomUid(mine)).toBe(plainRandomUid(plain));
        // The same number of draws: the streams are still in step.
        expect(mine.next()).toBe(plain.next());
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('puts leading zeros, the version and each variant digit where the plain construction does', () => {
    // Draws of 0 and just under 1 (all-zero and all-f words), and mixed ones with leading zeros.
    for (const draws of [[0, 0, 0, 0], [0.9999999999, 0.9999999999, 0.9999999999, 0.9999999999], [0.1, 0.5, 0.25, 0.75], [0.0001, 0.3, 0.7, 0.00001]]) {
      expect(randomUid(fixed(draws))).toBe(plainRandomUid(fixed(draws)));
    }
    // All zeros: version 4, variant 8 (0 & 3 | 8). All ones: digit 16 is f, variant b (3 | 8).
    expect(randomUid(fixed([0]))).toBe('00000000-0000-4000-8000-000000000000');
    expect(randomUid(fixed([0.9999999999]))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
