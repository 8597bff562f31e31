/**
 * One copy of each text among the keys derived from objects (label
 * signatures, index values, filter keys). Every pod has its own labels and
 * tolerations objects, so a key remembered per object is otherwise one copy
 * of the same few hundred texts per live pod (in a heap snapshot of
 * bench:cluster 150 4000 10: about 500 B per pod over four such keys).
 * Bounded, oldest first out (insertion order: deterministic); a text past
 * the bound is simply not shared, which changes no result.
 */
export class StringInterner {
  private readonly texts = new Map<string, string>();

  constructor(private readonly max: number) {}

  /** The kept copy of `text` (equal to it), keeping `text` when there is none. */
  intern(text: string): string {
    const kept = this.texts.get(text);
    if (kept !== undefined) return kept;
    if (this.texts.size >= this.max) this.texts.delete(this.texts.keys().next().value as string);
    this.texts.set(text, text);
    return text;
  }

  get size(): number {
    return this.texts.size;
  }
}
