/**
 * What the importer kept, changed and dropped: one note per object and
 * reason, summed up by kind for the table on stderr and the scenario's
 * comment header.
 */
export type NoteKind = 'changed' | 'dropped' | 'created';

export interface ImportNote {
  readonly kind: string;
  readonly what: NoteKind;
  readonly detail: string;
  /** namespace/name or name. */
  readonly object: string;
}

export interface KindCount {
  readonly kind: string;
  read: number;
  imported: number;
  dropped: number;
  created: number;
}

export class ImportLog {
  readonly notes: ImportNote[] = [];
  readonly counts = new Map<string, KindCount>();
  /** Server-set field → how many objects had it. */
  readonly serverFields = new Map<string, number>();

  private count(kind: string): KindCount {
    let count = this.counts.get(kind);
    if (count === undefined) {
      count = { kind, read: 0, imported: 0, dropped: 0, created: 0 };
      this.counts.set(kind, count);
    }
    return count;
  }

  read(kind: string): void {
    this.count(kind).read++;
  }

  imported(kind: string): void {
    this.count(kind).imported++;
  }

  serverField(field: string): void {
    this.serverFields.set(field, (this.serverFields.get(field) ?? 0) + 1);
  }

  note(kind: string, object: string, what: NoteKind, detail: string): void {
    this.notes.push({ kind, what, detail, object });
    if (what === 'dropped') this.count(kind).dropped++;
    if (what === 'created') this.count(kind).created++;
  }
}
