/** A wrong command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** An `--out` value: a folder or file path, never the empty string (which names nothing). */
export function outOption(value: string | undefined): string | undefined {
  if (value === '') throw new UsageError('--out expects a path, got an empty string');
  return value;
}
