/**
 * selectHost (schedule_one.go): the highest total wins; among equal highest
 * totals the choice is uniform, with one random draw per tied node after
 * the first (upstream finds the highest total, then samples its nodes).
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { selectHost } from '../../src/scheduler/node-search.js';

function counting(rng: { next(): number }): { next(): number; draws: number } {
  const counter = { draws: 0, next: () => { counter.draws++; return rng.next(); } };
  return counter;
}

describe('selectHost', () => {
  it.each([
    // one best node: no draw
    ['a single highest total', [10, 30, 20], [1], 0],
    // 30 at 1 and 3; 20 and 10 are never chosen; one draw (for the second 30)
    ['two tied, behind a lower first node', [10, 30, 20, 30], [1, 3], 1],
    // the 20s seen before the 30s cost no draws: only the 30s after the first (two of them)
    ['ties of a total later beaten are not drawn for', [20, 20, 20, 30, 30, 30], [3, 4, 5], 2],
  ])('%s', (_name, scores, allowed, draws) => {
    const rng = counting(new RandomStreams(1).stream('tie'));
    const chosen = selectHost(Float64Array.from(scores), scores.length, rng);
    expect(allowed).toContain(chosen);
    expect(rng.draws).toBe(draws);
  });

  it('picks each of three tied nodes about a third of the time', () => {
    const rng = new RandomStreams(7).stream('tie');
    const totals = Float64Array.from([50, 90, 10, 90, 90, 40]);
    const picks = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const chosen = selectHost(totals, totals.length, rng);
      picks.set(chosen, (picks.get(chosen) ?? 0) + 1);
    }
    expect([...picks.keys()].sort()).toEqual([1, 3, 4]);
    // 1000 expected each; the binomial standard deviation is √(3000·⅓·⅔) ≈ 26, so ±130 is five of them.
    for (const count of picks.values()) expect(Math.abs(count - 1000)).toBeLessThan(130);
  });
});
