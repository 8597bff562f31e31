/**
 * Command-line arguments of the bench scripts. A wrong command line stops a
 * bench with one line on stderr, naming the argument and the usage, and
 * exit code 2 (as the kubesim command's usage errors), never a stack trace.
 */
import { existsSync } from 'node:fs';

/** A wrong command line; its message says which argument and what was expected. */
export class UsageError extends Error {}

/** Reads a bench's words in order; flags are taken from anywhere. */
export class ArgumentReader {
  private readonly words: string[];

  constructor(argv: readonly string[]) {
    this.words = [...argv];
  }

  /** Whether `flag` was given (taken out wherever it is). */
  flag(flag: string): boolean {
    const at = this.words.indexOf(flag);
    if (at < 0) return false;
    this.words.splice(at, 1);
    return true;
  }

  /** The word after `flag` (both taken out wherever they are), or undefined when `flag` was not given. */
  valueOf(flag: string, name: string): string | undefined {
    const at = this.words.indexOf(flag);
    if (at < 0) return undefined;
    const [, value] = this.words.splice(at, 2);
    if (value === undefined) throw new UsageError(`${flag} needs ${name}`);
    return value;
  }

  /** The next word, if any. */
  optional(): string | undefined {
    return this.words.shift();
  }

  /** The next word, which must be there. */
  required(name: string): string {
    const word = this.words.shift();
    if (word === undefined) throw new UsageError(`${name} is missing`);
    return word;
  }

  /** The next word as a positive integer, or `fallback` when no word is left. */
  positiveInteger(fallback: number, name: string): number {
    const text = this.words.shift();
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${name} must be a positive integer, got "${text}"`);
    return value;
  }

  /** The next word as the path of an existing file, if any. */
  optionalFile(name: string): string | undefined {
    const path = this.words.shift();
    if (path !== undefined && !existsSync(path)) throw new UsageError(`${name}: no file "${path}"`);
    return path;
  }

  /** Refuses words nothing read. */
  end(): void {
    const [extra] = this.words;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  }
}

export type ParsedArguments<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** `read` over `argv`, every word read; a UsageError becomes the one-line message with `usage`. */
export function parseArguments<T>(usage: string, argv: readonly string[], read: (args: ArgumentReader) => T): ParsedArguments<T> {
  const args = new ArgumentReader(argv);
  try {
    const value = read(args);
    args.end();
    return { ok: true, value };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, message: `${error.message}; usage: ${usage}` };
    throw error;
  }
}

/** This process's arguments read by `read`; a wrong one prints its line and exits 2. */
export function benchArguments<T>(usage: string, read: (args: ArgumentReader) => T): T {
  const parsed = parseArguments(usage, process.argv.slice(2), read);
  if (parsed.ok) return parsed.value;
  process.stderr.write(`${parsed.message}\n`);
  process.exit(2);
}
