/**
 * The Alea generator (Johannes Baagøe, 2010) with its Mash seeding, as the
 * seedrandom package's lib/alea.js (3.0.5) computes it, and its `double()`
 * (53 bits from two draws): the same numbers for the same seed, bit for bit
 * (test/engine/alea.property.test.ts checks it against seedrandom). Here
 * the state is four number fields of one object and a draw is a method
 * call, where seedrandom's double() calls two closures over an object
 * holding the state: at 5,000 nodes a simulated hour draws millions of
 * times (each Lease renewal's jitter, each pod's start-up time).
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

export class Alea {
  private c = 1;
  private s0: number;
  private s1: number;
  private s2: number;

  constructor(seed: string) {
    const mash = new Mash();
    this.s0 = mash.hash(' ');
    this.s1 = mash.hash(' ');
    this.s2 = mash.hash(' ');
    this.s0 -= mash.hash(seed);
    if (this.s0 < 0) this.s0 += 1;
    this.s1 -= mash.hash(seed);
    if (this.s1 < 0) this.s1 += 1;
    this.s2 -= mash.hash(seed);
    if (this.s2 < 0) this.s2 += 1;
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

  /** A double in [0, 1) with 53 random bits (seedrandom's prng.double()). */
  double(): number {
    return this.draw() + ((this.draw() * 0x200000) | 0) * TWO_POW_MINUS_53;
  }
}
