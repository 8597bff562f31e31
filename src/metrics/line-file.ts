/**
 * A file written line by line while a run goes: text is gathered into
 * chunks of about 64 KiB and appended with one write each, so neither the
 * rows nor one string of the whole file is held in memory.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

const CHUNK_CHARS = 1 << 16;

export class LineFile {
  private fd: number | undefined;
  private parts: string[] = [];
  private chars = 0;

  /** Creates `path`, which must not exist. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx');
  }

  append(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= CHUNK_CHARS) this.flush();
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
    if (this.chars === 0 || this.fd === undefined) return;
    const bytes = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.chars = 0;
    for (let written = 0; written < bytes.length;) written += writeSync(this.fd, bytes, written);
  }
}
