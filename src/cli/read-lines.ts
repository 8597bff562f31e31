/**
 * The lines of a text file, read in chunks: a run's events.jsonl reaches
 * hundreds of MiB at 150,000 pods (docs/report.md), near V8's limit on the
 * length of one string, so it is never read as one string.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

/** Calls `line` with each line of `file` (without its newline) and its 1-based number; `chunkBytes` is read at a time. */
export function forEachLine(file: string, line: (text: string, lineNumber: number) => void, chunkBytes = CHUNK_BYTES): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    // The decoder keeps a multi-byte character cut by a chunk's end for the next chunk.
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lineNumber = 0;
    for (let read = readSync(fd, buffer, 0, chunkBytes, null); read > 0; read = readSync(fd, buffer, 0, chunkBytes, null)) {
      const text = pending + decoder.write(buffer.subarray(0, read));
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        line(text.slice(start, end), ++lineNumber);
        start = end + 1;
      }
      pending = text.slice(start);
    }
    pending += decoder.end();
    if (pending !== '') line(pending, ++lineNumber);
  } finally {
    closeSync(fd);
  }
}
