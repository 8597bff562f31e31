/**
 * A row file (pods.jsonl, csv/pods.csv, events.jsonl) whose lines are
 * encoded field by field straight into the line file's buffer, as the text
 * JSON.stringify or csvField (csv.ts) would make of each value, instead of
 * each line being made as a string first (rows.ts): that string was built
 * of a dozen pieces, flattened and copied again by the UTF-8 encoder, once
 * per pod and per Event of a run. A printable ASCII text (nearly every
 * name, reason and message) is copied a character at a time with its JSON
 * or CSV escapes; any other text goes the plain way (JSON.stringify,
 * csvField) and the encoder. Numbers that are safe non-negative integers
 * (times in ms, counts) are written digit by digit, others as String()
 * writes them.
 */
import { LineFile } from '../metrics/line-file.js';
import { csvField } from './csv-field.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const LINE_BREAK = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DIGIT_ZERO = 0x30;
/** The longest text String() makes of a number (`-1.2345678901234567e-308`). */
const NUMBER_BYTES = 24;
const BILLION = 1e9;

export class RowFile extends LineFile {
  /** `text` in UTF-8: ASCII a byte per character, anything else through the encoder. */
  text(text: string): void {
    const length = text.length;
    if (!this.room(length * 3)) {
      this.append(text);
      return;
    }
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.used += buffer.write(text, this.used);
        return;
      }
      buffer[at++] = code;
    }
    this.used = at;
  }

  /** `text` as JSON.stringify writes it: quoted, `"` and `\` escaped; a control or non-ASCII character sends the whole text through JSON.stringify. */
  jsonString(text: string): void {
    const length = text.length;
    // JSON.stringify writes at most 6 bytes per character (`\u001f`, an escaped lone surrogate), and the quotes.
    if (!this.room(length * 6 + 2)) {
      this.append(JSON.stringify(text));
      return;
    }
    const buffer = this.buffer;
    let at = this.used;
    buffer[at++] = QUOTE;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code >= 0x80) {
        this.used += buffer.write(JSON.stringify(text), this.used);
        return;
      }
      if (code === QUOTE || code === BACKSLASH) buffer[at++] = BACKSLASH;
      buffer[at++] = code;
    }
    buffer[at++] = QUOTE;
    this.used = at;
  }

  /** A number as JSON.stringify writes it (NaN and ±Infinity as `null`). */
  jsonNumber(value: number): void {
    if (isDigits(value)) this.digits(value);
    else this.text(Number.isFinite(value) ? String(value) : 'null');
  }

  /** `text` as csvField writes it: as it is unless it needs quotes or a formula's leading `'`. */
  csvString(text: string): void {
    const length = text.length;
    if (length === 0) return;
    const first = text.charCodeAt(0);
    // csvField's FORMULA_START: = + - @ tab CR.
    if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === CARRIAGE_RETURN || !this.room(length)) {
      this.text(csvField(text));
      return;
    }
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80 || code === QUOTE || code === COMMA || code === LINE_BREAK || code === CARRIAGE_RETURN) {
        this.text(csvField(text));
        return;
      }
      buffer[at++] = code;
    }
    this.used = at;
  }

  /** A number as csvField writes it (String()). */
  csvNumber(value: number): void {
    if (isDigits(value)) this.digits(value);
    else this.text(String(value));
  }

  /** One byte of ASCII (a comma, a bracket). */
  byte(code: number): void {
    this.room(1);
    this.buffer[this.used++] = code;
  }

  endLine(): void {
    this.byte(LINE_BREAK);
  }

  /**
   * A safe non-negative integer's decimal digits, filled from the last, in
   * int32 arithmetic: nine digits at a time below 1e9 (a double's `%` is a
   * call to fmod, and times in ms pass 2^31 within a month of simulated time).
   */
  private digits(value: number): void {
    this.room(NUMBER_BYTES);
    let count = 1;
    for (let power = 10; power <= value; power *= 10) count++;
    const buffer = this.buffer;
    const end = this.used + count;
    let at = end;
    let rest = value;
    while (rest >= BILLION) {
      const high = Math.floor(rest / BILLION);
      let low = rest - high * BILLION;
      for (let i = 0; i < 9; i++) {
        const next = (low / 10) | 0;
        buffer[--at] = DIGIT_ZERO + low - next * 10;
        low = next;
      }
      rest = high;
    }
    let small = rest | 0;
    do {
      const next = (small / 10) | 0;
      buffer[--at] = DIGIT_ZERO + small - next * 10;
      small = next;
    } while (small > 0);
    this.used = end;
  }
}

/** String(value) is its digits alone: a safe integer, not negative (-0 is written `0` either way). */
function isDigits(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
