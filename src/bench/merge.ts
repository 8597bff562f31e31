/**
 * `kubesim bench merge DIR`: the per-index report.json files of an Indexed
 * Job (DIR/<index>/report.json, kind BenchCell) merged into the same bench
 * report a local run writes. All files must come from one bench (same
 * matrix id); missing indexes leave the report marked incomplete.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildBenchReport, type BenchReport } from './bench-report.js';
import { cellCount } from './bench-spec.js';
import type { CellResult } from './cell.js';
import type { BenchCellFile } from './run-bench.js';
import { BenchInputError } from './input-error.js';

export class MergeError extends BenchInputError {}

/** One index's report.json; a truncated or hand-edited file is named, not a SyntaxError stack. */
function readCellFile(path: string): BenchCellFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MergeError(`${path} is not valid JSON (${(error as Error).message}); was its write cut off? Re-run that index.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new MergeError(`${path} is not a bench cell result (not a JSON object)`);
  // Unchecked until the kind and the cell index are: a file from elsewhere can hold anything.
  const file = parsed as { kind?: unknown; cell?: { index?: unknown } | null };
  if (file.kind !== 'BenchCell') throw new MergeError(`${path} is not a bench cell result (kind ${typeof file.kind === 'string' ? file.kind : (file.kind === undefined ? 'missing' : JSON.stringify(file.kind))})`);
  if (typeof file.cell !== 'object' || file.cell === null || !Number.isSafeInteger(file.cell.index)) {
    throw new MergeError(`${path} is not a complete bench cell result (cell.index is missing)`);
  }
  return parsed as BenchCellFile;
}

export interface MergeResult {
  readonly report: BenchReport;
  readonly files: number;
  readonly missing: readonly number[];
}

export function mergeCellFiles(folder: string): MergeResult {
  if (!existsSync(folder)) throw new MergeError(`${folder} does not exist`);
  const files = readdirSync(folder).sort()
    .map((entry) => join(folder, entry, 'report.json'))
    .filter((path) => existsSync(path) && statSync(path).isFile());
  if (files.length === 0) throw new MergeError(`no <index>/report.json files in ${folder}`);
  let first: BenchCellFile | undefined;
  const cells = new Map<number, CellResult>();
  for (const path of files) {
    const file = readCellFile(path);
    first ??= file;
    if (file.matrix !== first.matrix) throw new MergeError(`${path} belongs to another bench (matrix ${file.matrix}, expected ${first.matrix})`);
    cells.set(file.cell.index, file.cell);
  }
  const bench = (first as BenchCellFile).bench;
  const expected = cellCount(bench);
  const missing = Array.from({ length: expected }, (_, i) => i).filter((i) => !cells.has(i));
  return { report: buildBenchReport(bench, [...cells.values()], expected), files: files.length, missing };
}
