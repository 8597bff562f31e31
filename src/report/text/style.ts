/**
 * Terminal styling: ANSI colour only when writing to a TTY (and NO_COLOR is
 * unset, FORCE_COLOR forces it), so pipes and files get plain text.
 */

export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly warn: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;

export const PLAIN: Style = { bold: (t) => t, dim: (t) => t, good: (t) => t, bad: (t) => t, warn: (t) => t };
export const ANSI: Style = { bold: wrap(1, 22), dim: wrap(2, 22), good: wrap(32, 39), bad: wrap(31, 39), warn: wrap(33, 39) };

/** Colour for a stream: on a TTY unless NO_COLOR; always with FORCE_COLOR. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return ANSI;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN;
  return stream.isTTY === true ? ANSI : PLAIN;
}

/** Visible length of a string that may hold ANSI escapes. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}
