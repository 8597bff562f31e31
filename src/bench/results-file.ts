/**
 * Finished cells streamed to disk: one JSON line per cell, appended and
 * flushed (fsync) as each finishes, so a crash loses no finished cell.
 * Each line carries the matrix id (a digest of the normalized bench), so
 * --resume never mixes results of two different benches. A torn last line
 * (a crash mid-write) is ignored.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirectory } from '../report/make-directory.js';
import type { CellResult } from './cell.js';

export interface StoredCell {
  readonly matrix: string;
  readonly cell: CellResult;
}

export function readCells(path: string, matrix: string): { cells: CellResult[]; foreign: number } {
  if (!existsSync(path)) return { cells: [], foreign: 0 };
  const cells = new Map<number, CellResult>();
  let foreign = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let stored: StoredCell;
    try {
      stored = JSON.parse(line) as StoredCell;
    } catch {
      continue;
    }
    if (stored.matrix !== matrix) foreign++;
    else cells.set(stored.cell.index, stored.cell);
  }
  return { cells: [...cells.values()].sort((a, b) => a.index - b.index), foreign };
}

export class CellWriter {
  private readonly fd: number;
  private readonly matrix: string;

  /** `append` keeps what is there (resume); otherwise the file starts empty. */
  constructor(path: string, matrix: string, append: boolean) {
    makeDirectory(dirname(path));
    this.fd = openSync(path, append ? 'a' : 'w');
    this.matrix = matrix;
  }

  write(cell: CellResult): void {
    writeSync(this.fd, `${JSON.stringify({ matrix: this.matrix, cell })}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
