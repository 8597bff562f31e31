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

function hex32(rng: Rng): string {
  return Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
}

/** A version-4-shaped UUID. */
export function randomUid(rng: Rng): string {
  const h = hex32(rng) + hex32(rng) + hex32(rng) + hex32(rng);
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
