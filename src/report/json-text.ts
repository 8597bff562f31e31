/**
 * JSON text of one value, as JSON.stringify writes it, for the row files
 * written a line per pod or Event: a string with nothing to escape is
 * quoted as it is, which skips JSON.stringify's escaping scan and call on
 * the hot path of a run (events.jsonl has a line per Kubernetes Event).
 */

/** Printable ASCII but `"` and `\`: JSON.stringify writes these strings unchanged between quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

/** A scalar's JSON text (JSON.stringify's: NaN and ±Infinity are `null`); anything else through JSON.stringify. */
export function jsonValue(value: unknown): string {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return JSON.stringify(value);
}
