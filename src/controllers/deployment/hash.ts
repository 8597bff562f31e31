/**
 * pod-template-hash (k/k controller_utils.go ComputeHash): FNV-32a over the
 * pod template plus collisionCount, printed in decimal and encoded with
 * rand.SafeEncodeString. Go hashes a deep print of the struct, which cannot
 * be reproduced outside Go; kubesim hashes canonical JSON (keys sorted), so
 * equal templates get equal hashes and the encoding has upstream's shape.
 */
import { SAFE_ALPHANUMS } from '../../api/names.js';
import type { PodTemplateSpec } from '../../api/types/pod.js';

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify(undefined) is undefined, whatever lib.d.ts says
  return JSON.stringify(value) ?? 'null';
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** rand.SafeEncodeString: each byte mapped into the vowel-free alphabet. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHANUMS.charAt(text.charCodeAt(i) % SAFE_ALPHANUMS.length);
  return out;
}

export function computeHash(template: PodTemplateSpec, collisionCount: number | undefined): string {
  let input = canonicalJson(template);
  if (collisionCount !== undefined) input += `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(input)));
}
