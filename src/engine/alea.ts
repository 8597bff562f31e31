/**
 * The Alea generator (Johannes Baagøe, 2010) with its Mash seeding, as the
 * seedrandom package's lib/alea.js (3.0.5) computes it, and its `double()`
 * (53 bits from two draws): the same numbers for the same seed, bit for bit
 * (test/engine/alea.property.test.ts checks it against seedrandom). Here
 * the state is four number fields of the stream's one object, where
 * seedrandom makes an object for the state and four closures per stream:
 * a 1,000-node cluster names about ten thousand streams, and at 5,000
 * nodes a simulated hour draws millions of times (each Lease renewal's
 * jitter, each pod's start-up time).
 */

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;

/** Baagøe's Mash: a hash of strings whose state carries over from call to call. */
class Mash {
  private n = 0xefc8249d;

  hash(data: string): number {
    let n = this.n;
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    this.n = n;
    return (n >>> 0) * TWO_POW_MINUS_32;
  }
}

/**
 * Seeded on its first draw: a cluster of 1,500 nodes names ten thousand
 * streams (lease, status, start-up, ... per node), many of which never draw,
 * and seeding hashes the name. The seeding is a method of its own, so that
 * a draw stays small enough for V8 to inline into its caller: not inlined,
 * each draw's double is boxed on the heap (the scheduler's selectHost draws
 * once per tied node).
 */
export class Alea {
  private readonly seed: string;
  private seeded = false;
  private c = 1;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;

  constructor(seed: string) {
    this.seed = seed;
  }

  /** A double in [0, 1) with 53 random bits (seedrandom's prng.double()). */
  next(): number {
    if (!this.seeded) this.seedState();
    return this.draw() + ((this.draw() * 0x200000) | 0) * TWO_POW_MINUS_53;
  }

  /** One 32-bit draw in [0, 1) (seedrandom's prng()). */
  private draw(): number {
    const t = 2091639 * this.s0 + this.c * TWO_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }

  /** Baagøe's seeding of the state from the seed text. */
  private seedState(): void {
    this.seeded = true;
    const mash = new Mash();
    this.s0 = mash.hash(' ');
    this.s1 = mash.hash(' ');
    this.s2 = mash.hash(' ');
    this.s0 -= mash.hash(this.seed);
    if (this.s0 < 0) this.s0 += 1;
    this.s1 -= mash.hash(this.seed);
    if (this.s1 < 0) this.s1 += 1;
    this.s2 -= mash.hash(this.seed);
    if (this.s2 < 0) this.s2 += 1;
  }
}
