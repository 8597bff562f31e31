/** Command-line arguments of the bench scripts. */

/** A positive integer argument, or `fallback` when it is not given; a bad one stops the bench with its name. */
export function positiveInteger(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}
