/**
 * Deterministic stand-ins for the API server's random names and UIDs, drawn
 * from the simulation's named streams so they never disturb other draws.
 */
import type { Rng } from '../engine/random.js';

/** k8s.io/apimachinery/pkg/util/rand: the alphabet without vowels and look-alikes. */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix `generateName` gets (names.SimpleNameGenerator). */
export function randomSuffix(rng: Rng, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE_ALPHANUMS.charAt(Math.floor(rng.next() * SAFE_ALPHANUMS.length));
  return out;
}

/** Lower-case hex digits by value, as character codes. */
const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const VERSION_4 = '4'.charCodeAt(0);
/** The characters of the UID being made, reused: the string is made from them at once, with no piece strings on the way. */
const uidCodes: number[] = new Array<number>(36).fill(DASH);

/**
 * A version-4-shaped UUID: four 32-bit draws as 32 hex digits, dashes
 * after digits 8, 12, 16 and 20, digit 12 the version (4) and digit 16
 * the variant (10xx, so 8 to b) made from the drawn digit's low two bits.
 */
export function randomUid(rng: Rng): string {
  for (let word = 0; word < 4; word++) {
    const value = Math.floor(rng.next() * 0x1_0000_0000);
    for (let i = 0; i < 8; i++) {
      const digit = word * 8 + i;
      const nibble = (value >>> (28 - 4 * i)) & 0xf;
      const code = digit === 12 ? VERSION_4 : digit === 16 ? HEX_CODES[(nibble & 0x3) | 0x8] : HEX_CODES[nibble];
      // Each dash before this digit moves it one place on.
      uidCodes[digit + (digit >= 8 ? 1 : 0) + (digit >= 12 ? 1 : 0) + (digit >= 16 ? 1 : 0) + (digit >= 20 ? 1 : 0)] = code as number;
    }
  }
  return String.fromCharCode(...uidCodes);
}
