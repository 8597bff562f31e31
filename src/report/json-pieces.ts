/**
 * `JSON.stringify(value, null, 2)` handed out in pieces, so a large
 * report.json is written to its file a piece at a time instead of being
 * held as one string (and again as one buffer). The outer `depth` levels
 * of objects and arrays are walked here, one member or element at a time;
 * below them each value is JSON.stringify's own text, indented to its
 * place (JSON text has no raw line break inside a string, so every `\n`
 * in it is one of the indentation's). Joined, the pieces are exactly
 * JSON.stringify's text: members whose value is undefined, a function or
 * a symbol are left out and the same in a list is `null`; a value with a
 * toJSON method is handed to JSON.stringify whole.
 */

const STEP = '  ';

const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * JSON.stringify's text of `value` where it stands, `indent` deep: the
 * value is stringified inside as many one-element lists as the indent has
 * steps, so JSON.stringify itself indents its lines, and the lists' own
 * text around it is cut off (a slice, not a copy). Replacing every line
 * break of its plain text with one and the indent copied the text again
 * with a regular expression. A value with a toJSON method is given its
 * member's key by JSON.stringify ('' at the top, an index in a list), so it
 * still takes that way.
 */
function indentedJson(value: unknown, indent: string): string {
  if (indent === '') return JSON.stringify(value, null, 2);
  if (typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function') return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
  let nested = value;
  let opening = 0;
  let closing = 0;
  for (let level = 0; level < indent.length; level += STEP.length) {
    nested = [nested];
    // `[`, a line break and the next level's indent before the value; a line break, this level's indent and `]` after.
    opening += 2 + level + STEP.length;
    closing += 2 + level;
  }
  const text = JSON.stringify(nested, null, 2);
  return text.slice(opening, text.length - closing);
}

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth === 0 || typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield indentedJson(value, indent);
    return;
  }
  const inner = indent + STEP;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${inner}`;
      const element: unknown = value[i];
      if (omitted(element)) yield 'null';
      else yield* pieces(element, inner, depth - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (omitted(member)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(member, inner, depth - 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** The text of `JSON.stringify(value, null, 2)` (an object or array; `value` must not be undefined, a function or a symbol) in pieces. */
export function jsonPieces(value: object, depth = 2): Iterable<string> {
  return { [Symbol.iterator]: () => pieces(value, '', depth) };
}
