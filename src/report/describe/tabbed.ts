/**
 * kubectl describe's layout: it writes `Label:\tvalue` lines through a
 * text/tabwriter (minimum cell width 0, padding 2, spaces), which pads the
 * cells of consecutive lines to the widest of their column; a line
 * without a tab ends such a block. A line here is its cells; one cell is
 * a line without a tab.
 */
const PADDING = 2;

export type Line = readonly string[];

export function tabbed(lines: readonly Line[]): string {
  const out: string[] = [];
  for (let start = 0; start < lines.length;) {
    if ((lines[start] as Line).length < 2) {
      out.push((lines[start] as Line)[0] ?? '');
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && (lines[end] as Line).length >= 2) end++;
    const block = lines.slice(start, end);
    const columns = Math.max(...block.map((l) => l.length));
    const widths = Array.from({ length: columns - 1 }, (_, c) => Math.max(...block.map((l) => (c < l.length - 1 ? (l[c] as string).length : 0))));
    for (const line of block) out.push(line.map((cell, c) => (c < line.length - 1 ? cell.padEnd((widths[c] as number) + PADDING) : cell)).join('').trimEnd());
    start = end;
  }
  return `${out.join('\n')}\n`;
}
