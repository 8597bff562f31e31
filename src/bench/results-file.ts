/**
 * Finished cells streamed to disk (cells.jsonl): a header line with the
 * matrix inputs (matrix-digest.ts), then one JSON line per cell, appended
 * and flushed (fsync) as each finishes, so a crash loses no finished cell.
 *
 * The file is only ever appended to. Opening it decides what happens to
 * what is there:
 *   - cells of this very matrix: --resume continues them; without it the
 *     bench refuses (naming --resume and --force) rather than lose them;
 *   - cells of this bench run with other inputs, or of another bench: the
 *     bench refuses, naming the files that changed;
 *   - --force moves the old file aside (cells.jsonl.<n>.bak) and starts anew.
 * A torn last line (a crash or a full disk mid-append) is cut off before
 * appending, so the next line does not run into it, and reported; a
 * complete line that does not parse is an error at file:line, never skipped.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirectory } from '../report/make-directory.js';
import type { CellResult } from './cell.js';
import { changedInputs, type MatrixInputs } from './matrix-digest.js';
import { BenchInputError } from './input-error.js';

/** Finished cells cannot be used or kept as asked: exit 2, nothing changed. */
export class BenchResumeError extends BenchInputError {}

export interface StoredCell {
  readonly matrix: string;
  readonly cell: CellResult;
}

interface InputsHeader extends MatrixInputs {
  readonly kind: 'BenchInputs';
}

export interface ResultsContents {
  /** The inputs the cells were run with; absent in files written before inputs were digested. */
  readonly header?: MatrixInputs;
  /** Cells of the header's matrix, by index (a cell run twice: the last line wins). */
  readonly cells: readonly CellResult[];
  /** Cells of another matrix (or of a file without header). */
  readonly foreign: number;
  /** Byte length of the complete lines; less than the file's size when the last line is torn. */
  readonly completeBytes: number;
  readonly tornBytes: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads cells.jsonl; a complete line that is not a header or a cell is a BenchResumeError at path:line. */
export function readResults(path: string): ResultsContents {
  const bytes = readFileSync(path);
  const completeBytes = bytes.lastIndexOf(0x0a) + 1;
  const lines = bytes.subarray(0, completeBytes).toString('utf8').split('\n').slice(0, -1);
  let header: MatrixInputs | undefined;
  const cells = new Map<number, CellResult>();
  let foreign = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new BenchResumeError(`${path}:${i + 1}: not a JSON line (${(error as Error).message}); fix or remove the line, or use --force to move the file aside`);
    }
    if (isObject(value) && value.kind === 'BenchInputs' && i === 0) {
      const { kind: _kind, ...inputs } = value as unknown as InputsHeader;
      header = inputs;
    } else if (isObject(value) && typeof value.matrix === 'string' && isObject(value.cell) && typeof value.cell.index === 'number') {
      const stored = value as unknown as StoredCell;
      if (stored.matrix !== header?.matrix) foreign++;
      else cells.set(stored.cell.index, stored.cell);
    } else {
      throw new BenchResumeError(`${path}:${i + 1}: expected a bench cell line ({"matrix": ..., "cell": ...}); fix or remove the line, or use --force to move the file aside`);
    }
  });
  return {
    ...(header === undefined ? {} : { header }),
    cells: [...cells.values()].sort((a, b) => a.index - b.index),
    foreign,
    completeBytes,
    tornBytes: bytes.length - completeBytes,
  };
}

export interface OpenResultsOptions {
  readonly resume: boolean;
  /** Move a file that cannot be resumed aside instead of refusing. */
  readonly force: boolean;
  /** What was done to the file that the user should know (a torn line dropped, a file moved aside). */
  readonly onNotice: (message: string) => void;
}

export interface OpenedResults {
  readonly writer: CellWriter;
  /** Finished cells of this matrix, to skip (only with resume). */
  readonly finished: readonly CellResult[];
}

/** The first cells.jsonl.<n>.bak that does not exist. */
function asidePath(path: string): string {
  for (let n = 1; ; n++) if (!existsSync(`${path}.${n}.bak`)) return `${path}.${n}.bak`;
}

function refusal(path: string, found: ResultsContents, inputs: MatrixInputs, resume: boolean): string {
  const count = found.cells.length + found.foreign;
  const cells = `${count} finished cell${count === 1 ? '' : 's'}`;
  if (found.header?.matrix === inputs.matrix && found.foreign === 0) {
    return `${path} holds ${cells} of this bench: add --resume to run only the missing cells, or --force to move the file aside and start again`;
  }
  const start = resume ? 'cannot resume' : 'refusing to start';
  if (found.header?.bench === inputs.bench) {
    const changes = changedInputs(found.header.files, inputs.files);
    return `${start}: ${path} holds ${cells} of this bench run with other inputs (${changes.join(', ')}); resuming would mix two experiments. Use another --out, or --force to move the file aside and start again`;
  }
  return `${start}: ${path} holds ${cells} of another bench (matrix ${found.header?.bench ?? 'unknown: written without an input digest'}, this one is ${inputs.bench}). Use another --out, or --force to move the file aside and start again`;
}

/**
 * Opens cells.jsonl for this matrix as the options allow: the cells that
 * are already finished, and a writer that appends after them.
 */
export function openResults(path: string, inputs: MatrixInputs, options: OpenResultsOptions): OpenedResults {
  const found = existsSync(path) ? readResults(path) : undefined;
  if (found === undefined || found.cells.length + found.foreign === 0) {
    // Nothing finished is in it (a header, a torn line): nothing to keep.
    if (found !== undefined) rmSync(path);
    return { writer: CellWriter.create(path, inputs), finished: [] };
  }
  const same = found.header?.matrix === inputs.matrix && found.foreign === 0;
  if (same && options.resume) {
    if (found.tornBytes > 0) {
      truncateSync(path, found.completeBytes);
      options.onNotice(`${path}: dropped a torn last line (${found.tornBytes} bytes, a write cut short); its cell runs again`);
    }
    return { writer: CellWriter.append(path, inputs.matrix), finished: found.cells };
  }
  if (!options.force) throw new BenchResumeError(refusal(path, found, inputs, options.resume));
  const aside = asidePath(path);
  renameSync(path, aside);
  options.onNotice(`moved ${path} (${found.cells.length + found.foreign} finished cells) aside to ${aside}`);
  return { writer: CellWriter.create(path, inputs), finished: [] };
}

/** Appends cell lines to cells.jsonl, each flushed to disk before the next. */
export class CellWriter {
  private readonly fd: number;
  private readonly path: string;
  private readonly matrix: string;

  private constructor(path: string, matrix: string) {
    makeDirectory(dirname(path));
    this.path = path;
    this.fd = openSync(path, 'a');
    this.matrix = matrix;
  }

  /** A new file that starts with the inputs header. */
  static create(path: string, inputs: MatrixInputs): CellWriter {
    const writer = new CellWriter(path, inputs.matrix);
    writer.appendLine({ kind: 'BenchInputs', ...inputs });
    return writer;
  }

  /** After the complete lines of an existing file of this matrix. */
  static append(path: string, matrix: string): CellWriter {
    return new CellWriter(path, matrix);
  }

  write(cell: CellResult): void {
    this.appendLine({ matrix: this.matrix, cell });
  }

  close(): void {
    closeSync(this.fd);
  }

  private appendLine(value: object): void {
    try {
      const line = Buffer.from(`${JSON.stringify(value)}\n`);
      for (let written = 0; written < line.length;) written += writeSync(this.fd, line, written);
      fsyncSync(this.fd);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      throw Object.assign(new Error(`cannot append to ${this.path}: ${failure.message}`, { cause: error }), { code: failure.code, syscall: failure.syscall, path: this.path });
    }
  }
}
