/** A wrong command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** An `--out` value: a folder or file path, never the empty string (which names nothing). */
export function outOption(value: string | undefined): string | undefined {
  if (value === '') throw new UsageError('--out expects a path, got an empty string');
  return value;
}

/** A `--seed` (or `--revision`) value: a non-negative integer. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed expects a non-negative integer, got "${text}"`);
  return seed;
}
