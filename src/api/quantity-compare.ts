/**
 * Exact quantity arithmetic for admission and quota accounting: amounts in
 * thousandths as BigInt (every quantity Kubernetes accepts is a whole
 * number of thousandths once rounded up, as MilliValue() does), and the
 * canonical text Kubernetes prints for a sum (`1500m`, `2`, `512Mi`, `1G`).
 */
import { parseQuantity } from './quantity.js';

/** The quantity in thousandths, rounded up; undefined when it does not parse. */
export function milliOf(input: string | number): bigint | undefined {
  const parsed = parseQuantity(input);
  if (!parsed.ok) return undefined;
  const { numerator, denominator } = parsed.value;
  const scaled = numerator * 1000n;
  const q = scaled / denominator;
  return scaled % denominator > 0n ? q + 1n : q;
}

const BINARY: ReadonlyArray<[string, bigint]> = [['Ei', 1n << 60n], ['Pi', 1n << 50n], ['Ti', 1n << 40n], ['Gi', 1n << 30n], ['Mi', 1n << 20n], ['Ki', 1n << 10n]];
const DECIMAL: ReadonlyArray<[string, bigint]> = [['E', 10n ** 18n], ['P', 10n ** 15n], ['T', 10n ** 12n], ['G', 10n ** 9n], ['M', 10n ** 6n], ['k', 10n ** 3n]];

/** Whether a quantity is written with a binary suffix (Ki, Mi, Gi, ...): resource.Quantity keeps that format. */
export function isBinaryText(value: string | number): boolean {
  return typeof value === 'string' && /[KMGTPE]i$/.test(value.trim());
}

/**
 * An amount in thousandths as resource.Quantity's String() prints it: a
 * fraction as `m`; a whole amount of a BinarySI quantity in the largest
 * binary suffix that divides it exactly, else (and for DecimalSI) in the
 * largest decimal suffix that does (`1500m`, `2`, `512Mi`, `1G`, `1k`).
 */
export function formatMilli(milli: bigint, binary = false): string {
  if (milli % 1000n !== 0n) return `${milli}m`;
  const units = milli / 1000n;
  if (units === 0n) return '0';
  if (binary) for (const [suffix, size] of BINARY) if (units % size === 0n) return `${units / size}${suffix}`;
  for (const [suffix, size] of DECIMAL) if (units % size === 0n) return `${units / size}${suffix}`;
  return String(units);
}
