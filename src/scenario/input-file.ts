/**
 * Reading a file the user named (scenario, include, trace): only a regular
 * file of a sane size, decoded as strict UTF-8. A device or FIFO
 * (`/dev/zero`) would block or grow without end, a directory is a mistake,
 * and a non-UTF-8 byte silently turned into U+FFFD would change a name or a
 * number; each is refused with the reason and, for bad bytes, where.
 */
import { readFileSync, statSync } from 'node:fs';

/** Default cap on an input file: far above the largest real trace (the Alibaba pod list is 0.6 MB). */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

export type InputText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

function kindOfFile(stats: ReturnType<typeof statSync> & object): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** A UTF-16 byte-order mark, or ASCII text with every other byte zero. */
function looksUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  return bytes.length >= 4 && ((bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) || (bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0));
}

/** 1-based line and column (in bytes) of `offset`. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The text of `path`; `limitHint` tells how to raise `maxBytes` (a field
 * name) when the file is larger.
 */
export function readInputText(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES, limitHint?: string): InputText {
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return { ok: false, message: `${kindOfFile(stats)}, not a regular file` };
    if (stats.size > maxBytes) {
      return { ok: false, message: `the file is ${size(stats.size)}, above the ${size(maxBytes)} limit${limitHint === undefined ? '' : `; raise it with ${limitHint}`}` };
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : (error as Error).message };
  }
  if (looksUtf16(bytes)) return { ok: false, message: 'UTF-16 detected; save the file as UTF-8' };
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    return { ok: false, message: `invalid UTF-8 byte 0x${(bytes[bad] as number).toString(16).padStart(2, '0')} at byte offset ${bad}; save the file as UTF-8`, ...positionOfByte(bytes, bad) };
  }
  const text = bytes.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
