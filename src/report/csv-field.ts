/** One CSV cell's text (csv.ts writes every cell through it; row-file.ts encodes the same bytes). */

/**
 * A text cell a spreadsheet would read as a formula (or as DDE, through a
 * leading tab or CR): OWASP's CSV Injection advice is to prefix it with a
 * single quote, which spreadsheets show as text. Numbers are written as
 * numbers (a negative number is not a formula), so only strings are prefixed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A number's or boolean's text has no quote, comma or line break.
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

