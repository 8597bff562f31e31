/**
 * What a request carries that a proxy can route by: host, path, headers
 * and cookies. Drawn per request from the traffic's request mix, from the
 * proxy Service's own random stream.
 */
import type { Rng } from '../../engine/random.js';
import type { RequestMix } from '../types.js';

export interface RequestAttributes {
  readonly host: string;
  readonly path: string;
  /** Header names lower-case (HTTP header names are case-insensitive). */
  readonly headers: ReadonlyMap<string, string>;
  readonly cookies: ReadonlyMap<string, string>;
}

const NONE: ReadonlyMap<string, string> = new Map();

/** One request's attributes: a path by the shares, each header and cookie with its own probability. */
export function drawAttributes(mix: RequestMix, rng: Rng): RequestAttributes {
  let path = mix.paths[0]?.path ?? '/';
  if (mix.paths.length > 1) {
    const total = mix.paths.reduce((sum, p) => sum + p.share, 0);
    let u = rng.next() * total;
    for (const p of mix.paths) {
      path = p.path;
      u -= p.share;
      if (u < 0) break;
    }
  }
  let headers = NONE;
  for (const h of mix.headers) {
    if (rng.next() >= h.share) continue;
    if (headers === NONE) headers = new Map();
    (headers as Map<string, string>).set(h.name.toLowerCase(), h.value);
  }
  let cookies = NONE;
  for (const c of mix.cookies) {
    if (rng.next() >= c.share) continue;
    if (cookies === NONE) cookies = new Map();
    (cookies as Map<string, string>).set(c.name, c.value);
  }
  return { host: mix.host, path, headers, cookies };
}
