/**
 * Named random streams: each stream's sequence depends only on (seed, name),
 * so adding a stream or drawing from another one never changes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickOne, randomInt, RandomStreams } from '../../src/engine/random.js';

function take(streams: RandomStreams, name: string, count: number): number[] {
  const rng = streams.stream(name);
  return Array.from({ length: count }, () => rng.next());
}

describe('RandomStreams', () => {
  it('gives the same sequence for the same seed and name', () => {
    expect(take(new RandomStreams(1), 'kubelet/startup', 50)).toEqual(take(new RandomStreams(1), 'kubelet/startup', 50));
    // a numeric seed and its decimal text are the same seed
    expect(take(new RandomStreams(1), 'a', 5)).toEqual(take(new RandomStreams('1'), 'a', 5));
  });

  it('gives different sequences for different names and different seeds', () => {
    const a = take(new RandomStreams(1), 'a', 20);
    expect(take(new RandomStreams(1), 'b', 20)).not.toEqual(a);
    expect(take(new RandomStreams(2), 'a', 20)).not.toEqual(a);
  });

  it('does not let a new stream, or draws from another stream, shift a stream', () => {
    const alone = take(new RandomStreams(9), 'scheduler/tiebreak', 30);

    const busy = new RandomStreams(9);
    take(busy, 'network/watch/kubelet/worker-0', 17); // another stream created and used first
    const first = take(busy, 'scheduler/tiebreak', 10);
    take(busy, 'apiserver/uid', 123); // interleaved draws from a third stream
    busy.stream('a-brand-new-component'); // a stream added mid-run
    const rest = take(busy, 'scheduler/tiebreak', 20);

    expect([...first, ...rest]).toEqual(alone);
  });

  it('returns the same stream object for a name, continuing its sequence', () => {
    const streams = new RandomStreams(3);
    expect(streams.stream('x')).toBe(streams.stream('x'));
    const [first] = take(streams, 'x', 1);
    const [second] = take(streams, 'x', 1);
    expect(second).not.toBe(first);
    expect(take(new RandomStreams(3), 'x', 2)).toEqual([first, second]);
  });

  it('draws uniform doubles in [0, 1)', () => {
    for (const v of take(new RandomStreams(4), 'u', 10_000)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });

  it('randomInt stays in [0, n) and pickOne picks from the list', () => {
    const rng = new RandomStreams(5).stream('ints');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), (n) => {
        const value = randomInt(rng, n);
        return Number.isInteger(value) && value >= 0 && value < n;
      }),
    );
    expect(pickOne<string>(rng, [])).toBeUndefined();
    const seen = new Set(Array.from({ length: 200 }, () => pickOne(rng, ['a', 'b', 'c'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });
});
