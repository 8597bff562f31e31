/**
 * Kubernetes resource quantities (`500m`, `2`, `1.5`, `1Gi`, `512Mi`, `1G`,
 * `100M`, `1e3`), parsed exactly with BigInt arithmetic and rounded up the
 * way the API machinery does: `MilliValue()` and `Value()` both round towards
 * +infinity (k8s.io/apimachinery pkg/api/resource/quantity.go, ScaledValue).
 */

const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};

const QUANTITY_PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** An exact quantity: numerator / denominator, both BigInt, denominator > 0. */
interface Exact {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export type QuantityParse = { ok: true; value: Exact } | { ok: false; reason: string };

export function parseQuantity(input: string | number): QuantityParse {
  const text = typeof input === 'number' ? numberToText(input) : input.trim();
  const match = QUANTITY_PATTERN.exec(text);
  if (match === null) {
    return {
      ok: false,
      reason: `"${String(input)}" is not a Kubernetes quantity; write e.g. 500m, 2, 1.5, 512Mi, 1Gi, 100M or 1e3`,
    };
  }
  const [, sign, digits, suffix, exponent] = match as unknown as [string, string, string, string | undefined, string | undefined];
  const [whole = '', fraction = ''] = digits.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let decimalExp = -fraction.length;
  if (suffix !== undefined && suffix in BINARY_SUFFIX) {
    numerator *= 1n << BigInt(BINARY_SUFFIX[suffix] ?? 0);
  } else if (suffix !== undefined) {
    decimalExp += DECIMAL_SUFFIX[suffix] ?? 0;
  } else if (exponent !== undefined) {
    decimalExp += Number(exponent);
  }
  if (Math.abs(decimalExp) > 40) return { ok: false, reason: `"${String(input)}" is out of range` };
  let denominator = 1n;
  if (decimalExp >= 0) numerator *= 10n ** BigInt(decimalExp);
  else denominator = 10n ** BigInt(-decimalExp);
  if (sign === '-') numerator = -numerator;
  return { ok: true, value: { numerator, denominator } };
}

function numberToText(value: number): string {
  // YAML turns `cpu: 0.5` into a number; Kubernetes reads its decimal text.
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  return numerator % denominator > 0n ? q + 1n : q;
}

function toSafeNumber(value: bigint, input: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`quantity ${String(input)} is too large`);
  return n;
}

/**
 * Parsed values of recently seen quantities: manifests repeat a handful of
 * strings (`100m`, `512Mi`) across thousands of pods, and the BigInt parse
 * dominated the scheduler's per-pod cost. Bounded so odd inputs cannot grow it.
 */
const MEMO_LIMIT = 10_000;
const milliMemo = new Map<string | number, number>();
const integerMemo = new Map<string | number, number>();
/** checkQuantity's verdicts ('' for a valid quantity), per scale: admission checks every request of every pod created. */
const checkMemo = { units: new Map<string | number, string>(), milli: new Map<string | number, string>() };

function memoized<V>(memo: Map<string | number, V>, input: string | number, compute: () => V): V {
  const hit = memo.get(input);
  if (hit !== undefined) return hit;
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(input, value);
  return value;
}

/** Value × 1000, rounded up: how Kubernetes turns `cpu` into milli-cores. */
export function quantityToMilli(input: string | number): number {
  return memoized(milliMemo, input, () => {
    const parsed = parseQuantity(input);
    if (!parsed.ok) throw new RangeError(parsed.reason);
    return toSafeNumber(ceilDiv(parsed.value.numerator * 1000n, parsed.value.denominator), input);
  });
}

/** Value rounded up to an integer: bytes for memory, a count for pods and GPUs. */
export function quantityToInteger(input: string | number): number {
  return memoized(integerMemo, input, () => {
    const parsed = parseQuantity(input);
    if (!parsed.ok) throw new RangeError(parsed.reason);
    return toSafeNumber(ceilDiv(parsed.value.numerator, parsed.value.denominator), input);
  });
}

/**
 * Why `input` is not a usable non-negative quantity, or undefined. `scale`
 * is how kubesim will count it (cpu in thousandths, everything else in
 * units), and the count must stay an exact number.
 */
export function checkQuantity(input: unknown, scale: 'units' | 'milli' = 'units'): string | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') {
    return `expected a quantity such as 500m, 2 or 1Gi, got ${input === null ? 'null' : typeof input}`;
  }
  const verdict = memoized(checkMemo[scale], input, () => {
    const parsed = parseQuantity(input);
    if (!parsed.ok) return parsed.reason;
    if (parsed.value.numerator < 0n) return `"${String(input)}" is negative; resource quantities must be >= 0`;
    const counted = ceilDiv(parsed.value.numerator * (scale === 'milli' ? 1000n : 1n), parsed.value.denominator);
    return counted > BigInt(Number.MAX_SAFE_INTEGER) ? `"${String(input)}" is too large; kubesim counts up to ${Number.MAX_SAFE_INTEGER} ${scale === 'milli' ? 'thousandths' : 'units'}` : '';
  });
  return verdict === '' ? undefined : verdict;
}

/** checkQuantity for the amount of resource `name` in a resource list: cpu is counted in thousandths (vectorFromList). */
export function checkResourceQuantity(name: string, input: unknown): string | undefined {
  return checkQuantity(input, name === 'cpu' ? 'milli' : 'units');
}

/** Milli-cores as Kubernetes prints them: `500m`, `2`, `1500m`. */
export function formatCpuMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes in the largest binary unit that divides them exactly (`512Mi`, `16Gi`). */
export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
  for (const [unit, size] of units) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)}Gi`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)}Mi`;
  return String(bytes);
}
