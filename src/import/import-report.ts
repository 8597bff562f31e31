/**
 * The importer's account of what it did: a table of objects read, imported
 * and dropped per kind, then each change and drop with its reason and the
 * objects it concerns. The same lines go to stderr and, as comments, to the
 * head of the scenario file.
 */
import type { ImportLog, ImportNote, NoteKind } from './import-log.js';

/** Objects named per note before the rest are counted. */
const NAMED = 3;

function names(notes: readonly ImportNote[]): string {
  const shown = notes.slice(0, NAMED).map((n) => n.object).join(', ');
  return notes.length > NAMED ? `${shown} and ${notes.length - NAMED} more` : shown;
}

function grouped(notes: readonly ImportNote[], what: NoteKind): string[] {
  const groups = new Map<string, ImportNote[]>();
  for (const note of notes) {
    if (note.what !== what) continue;
    const key = `${note.kind}\u0000${note.detail}`;
    groups.set(key, [...(groups.get(key) ?? []), note]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as ImportNote;
    return `  ${first.kind} (${group.length}): ${first.detail}: ${names(group)}`;
  });
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function importSummary(log: ImportLog, files: readonly string[]): string[] {
  const counts = [...log.counts.values()];
  const read = counts.reduce((n, c) => n + c.read, 0);
  const imported = counts.reduce((n, c) => n + c.imported, 0);
  const lines = [`kubesim import: ${read} object${read === 1 ? '' : 's'} read from ${files.join(', ')}; ${imported} in the scenario`];
  const kindWidth = Math.max(4, ...counts.map((c) => c.kind.length));
  lines.push(`${pad('Kind', kindWidth)}  ${pad('read', 5, true)}  ${pad('imported', 8, true)}  ${pad('dropped', 7, true)}  ${pad('created', 7, true)}`);
  for (const c of counts) {
    lines.push(`${pad(c.kind, kindWidth)}  ${pad(String(c.read), 5, true)}  ${pad(String(c.imported), 8, true)}  ${pad(String(c.dropped), 7, true)}  ${pad(String(c.created), 7, true)}`);
  }
  for (const [what, title] of [['changed', 'Changed'], ['dropped', 'Dropped'], ['created', 'Created']] as const) {
    const group = grouped(log.notes, what);
    if (group.length > 0) lines.push(`${title}:`, ...group);
  }
  if (log.serverFields.size > 0) {
    lines.push(`Set by the API server, dropped: ${[...log.serverFields].map(([field, n]) => `${field} (${n})`).join(', ')}`);
  }
  return lines;
}
