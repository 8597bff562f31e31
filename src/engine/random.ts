/**
 * Named random streams. Each stream is seeded from (scenario seed, stream
 * name) alone, so adding a component or a failure that draws from its own
 * stream never shifts the draws of any other stream.
 */
import seedrandom from 'seedrandom';

/** A source of uniform doubles in [0, 1). */
export interface Rng {
  next(): number;
}

/**
 * Seeded on its first draw: a cluster of 1,500 nodes names ten thousand
 * streams (lease, status, start-up, ... per node), many of which never draw,
 * and seeding hashes the name.
 */
class AleaRng implements Rng {
  private readonly seed: string;
  private prng: seedrandom.PRNG | undefined;

  constructor(seed: string) {
    this.seed = seed;
  }

  next(): number {
    this.prng ??= seedrandom.alea(this.seed);
    return this.prng.double();
  }
}

export class RandomStreams {
  private readonly seed: string;
  private readonly streams = new Map<string, Rng>();

  constructor(seed: number | string) {
    this.seed = String(seed);
  }

  /** The stream called `name`; the same name always returns the same stream. */
  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (rng === undefined) {
      rng = new AleaRng(`${this.seed}\u0000${name}`);
      this.streams.set(name, rng);
    }
    return rng;
  }
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** Picks one element uniformly; undefined for an empty list. */
export function pickOne<T>(rng: Rng, items: readonly T[]): T | undefined {
  if (items.length === 0) return undefined;
  return items[randomInt(rng, items.length)];
}
