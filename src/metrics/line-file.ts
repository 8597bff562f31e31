/**
 * A file written line by line while a run goes: text is encoded straight
 * into one reused buffer of BUFFER_BYTES and the buffer is written when the
 * next text might not fit, so neither the rows nor one string of the whole
 * file is held in memory, and no string of a whole chunk or new buffer is
 * made per write (before: an array of texts joined, then encoded into a new
 * buffer, every 64 Ki characters). Report files made in pieces are written
 * the same way (report-folder.ts).
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

const BUFFER_BYTES = 1 << 18;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;
/** `\n` in UTF-8. */
const LINE_BREAK = 0x0a;

export class LineFile {
  private fd: number | undefined;
  /** Where text is gathered; a subclass encoding values straight into it (src/report/row-file.ts) writes at `used` after room(). */
  protected readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  protected used = 0;

  /** Creates `path`, which must not exist. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx');
  }

  append(text: string): void {
    this.put(text, false);
  }

  /**
   * `text` and a line break: the break is put in the buffer as its byte, so
   * a row's line (one flat string, src/report/rows.ts) is encoded as it is,
   * without a new string of it and `\n` to flatten first.
   */
  appendLine(text: string): void {
    this.put(text, true);
  }

  /**
   * Whether `bytes` more fit in the buffer, what is gathered written first
   * if they might not; false only for more than the whole buffer (the
   * caller then appends its text, which is written at once).
   */
  protected room(bytes: number): boolean {
    if (this.used + bytes <= BUFFER_BYTES) return true;
    this.flush();
    return bytes <= BUFFER_BYTES;
  }

  private put(text: string, lineBreak: boolean): void {
    if (!this.room(text.length * MAX_BYTES_PER_UNIT + 1)) {
      this.writeAll(Buffer.from(lineBreak ? `${text}\n` : text));
      return;
    }
    this.used += this.buffer.write(text, this.used);
    if (lineBreak) this.buffer[this.used++] = LINE_BREAK;
  }

  /** Closes the file without writing what is gathered (a writer that failed half-way: the file is thrown away). */
  abandon(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Writes what is gathered, flushes the file to disk (fsync) and closes it. Safe to call twice. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Buffer): void {
    if (this.fd === undefined) return;
    for (let written = 0; written < bytes.length;) written += writeSync(this.fd, bytes, written);
  }
}
