/**
 * Reads what `kubectl get ... -o yaml` printed: a `kind: List` of items (or
 * any `*List`), single objects, or several documents per file, over one or
 * more files. Every object keeps its file and path so a malformed one is
 * reported at its line.
 */
import { relative, resolve } from 'node:path';
import { formatPath, ScenarioError, type ScenarioIssue } from '../scenario/errors.js';
import { isManifest } from '../scenario/manifests.js';
import { readYamlDocuments, type SourceDocument } from '../scenario/yaml-source.js';
import type { KubeObjectInput } from '../api/types/meta.js';

type PathPart = string | number;

export interface DumpedObject {
  readonly object: KubeObjectInput;
  readonly source: SourceDocument;
  readonly path: readonly PathPart[];
}

function isList(value: unknown): value is { items: unknown[] } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items);
}

function collect(value: unknown, source: SourceDocument, path: PathPart[], out: DumpedObject[], issues: ScenarioIssue[]): void {
  if (isList(value)) {
    value.items.forEach((item, i) => collect(item, source, [...path, 'items', i], out, issues));
    return;
  }
  if (!isManifest(value) || typeof value.metadata.name !== 'string') {
    issues.push(source.issue(path, 'expected a Kubernetes object (apiVersion, kind, metadata.name) or a List of them, as `kubectl get -o yaml` prints', formatPath(path)));
    return;
  }
  out.push({ object: value, source, path });
}

/** The objects of every file, in file order. */
export function readDump(files: readonly string[]): DumpedObject[] {
  const out: DumpedObject[] = [];
  const issues: ScenarioIssue[] = [];
  for (const file of files) {
    const absolute = resolve(file);
    for (const doc of readYamlDocuments(absolute, relative(process.cwd(), absolute))) collect(doc.value, doc, [], out, issues);
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}
