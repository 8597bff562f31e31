/**
 * Tables as data (title, header, rows), rendered aligned for the terminal
 * here and as HTML by report/html/page.ts, so both show the same numbers.
 * The first column is left-aligned, the others right-aligned.
 */
import { PLAIN, visibleLength, type Style } from './style.js';

export type CellTone = 'good' | 'bad' | 'warn' | 'dim';

export interface Cell {
  readonly text: string;
  readonly tone?: CellTone;
}

export interface Table {
  readonly title?: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | Cell>>;
  /** A line under the table: which rows a cut table shows and where the rest are (row-budget.ts). */
  readonly note?: string;
}

export function cellText(cell: string | Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

function styled(cell: string | Cell, style: Style): string {
  if (typeof cell === 'string' || cell.tone === undefined) return cellText(cell);
  return style[cell.tone === 'dim' ? 'dim' : cell.tone](cell.text);
}

export function renderTable(table: Table, style: Style = PLAIN): string[] {
  const all = [table.header, ...table.rows];
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cellText(cell).length)));
  const line = (row: ReadonlyArray<string | Cell>, header: boolean): string =>
    row.map((cell, i) => {
      const text = header ? style.bold(cellText(cell)) : styled(cell, style);
      const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(text)));
      return i === 0 ? `${text}${pad}` : `${pad}${text}`;
    }).join('  ').trimEnd();
  return [line(table.header, true), ...table.rows.map((row) => line(row, false)), ...(table.note === undefined ? [] : [style.dim(table.note)])];
}
