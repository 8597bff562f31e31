/**
 * Per-cell seeds derived from the bench seed: sha256 of
 * `<bench seed>/<scenario>/<seed index>`, first 6 bytes as an integer (< 2^48,
 * a safe integer). Every profile of the same scenario and seed index gets
 * the same seed, so comparisons are paired; the derivation depends on
 * nothing but these three values, so a Job index and a local worker compute
 * the same seed.
 */
import { createHash } from 'node:crypto';

export function cellSeed(benchSeed: number, scenario: string, seedIndex: number): number {
  const digest = createHash('sha256').update(`${benchSeed}/${scenario}/${seedIndex}`).digest();
  return digest.readUIntBE(0, 6);
}
