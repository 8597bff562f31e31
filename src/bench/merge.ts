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

export class MergeError extends Error {}

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
    const file = JSON.parse(readFileSync(path, 'utf8')) as BenchCellFile;
    if (file.kind !== 'BenchCell') throw new MergeError(`${path} is not a bench cell result (kind ${String(file.kind)})`);
    first ??= file;
    if (file.matrix !== first.matrix) throw new MergeError(`${path} belongs to another bench (matrix ${file.matrix}, expected ${first.matrix})`);
    cells.set(file.cell.index, file.cell);
  }
  const bench = (first as BenchCellFile).bench;
  const expected = cellCount(bench);
  const missing = Array.from({ length: expected }, (_, i) => i).filter((i) => !cells.has(i));
  return { report: buildBenchReport(bench, [...cells.values()], expected), files: files.length, missing };
}
