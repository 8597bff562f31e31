/**
 * Manifests from the scenario (`spec.manifests`) and its includes, each with
 * the place it came from, flattened (`kind: List`), and ordered the way a
 * careful `kubectl apply` would create them: Namespaces, then
 * PriorityClasses, then everything else in file order.
 */
import { dirname, relative, resolve } from 'node:path';
import type { KubeObjectInput } from '../api/types/meta.js';
import { formatPath, ScenarioError, type ScenarioIssue } from './errors.js';
import { dumpMarker, dumpMessage } from '../import/dump-marker.js';
import { messages } from './messages.js';
import { readYamlDocuments, UnreadableFileError, type SourceDocument } from './yaml-source.js';

type PathPart = string | number;

export interface SourcedManifest {
  readonly object: KubeObjectInput;
  readonly source: SourceDocument;
  /** Path of the object inside its source document. */
  readonly path: readonly PathPart[];
}

const CREATION_RANK: Readonly<Record<string, number>> = { Namespace: 0, PriorityClass: 1 };

/** A map with apiVersion, kind and metadata: what the API takes (anything else is refused where it is written). */
export function isManifest(value: unknown): value is KubeObjectInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.apiVersion === 'string' && typeof v.kind === 'string' && typeof v.metadata === 'object' && v.metadata !== null;
}

/** Objects in one value: a manifest, or the items of a `kind: List`. */
function collect(value: unknown, source: SourceDocument, path: readonly PathPart[], out: SourcedManifest[], issues: ScenarioIssue[]): void {
  const record = value as Record<string, unknown> | null;
  if (record !== null && typeof record === 'object' && record.kind === 'List' && Array.isArray(record.items)) {
    record.items.forEach((item, i) => collect(item, source, [...path, 'items', i], out, issues));
    return;
  }
  if (!isManifest(value)) {
    issues.push(source.issue(path, messages.includeNotManifest, ''));
    return;
  }
  out.push({ object: value, source, path });
}

/**
 * Reads manifest files named at `basePath[i]` of the scenario (relative to
 * its folder); a file that cannot be read is an issue at that entry.
 */
function readManifestFiles(
  scenarioFile: string,
  scenarioDoc: SourceDocument,
  paths: readonly string[],
  basePath: readonly PathPart[],
  out: SourcedManifest[],
  issues: ScenarioIssue[],
): void {
  paths.forEach((includePath, index) => {
    const absolute = resolve(dirname(scenarioFile), includePath);
    let documents: SourceDocument[];
    try {
      documents = readYamlDocuments(absolute, relative(process.cwd(), absolute));
    } catch (error) {
      if (error instanceof UnreadableFileError) {
        const at = [...basePath, index];
        issues.push(scenarioDoc.issue(at, messages.includeUnreadable(includePath, error.reason), formatPath(at)));
        return;
      }
      throw error;
    }
    const found: SourcedManifest[] = [];
    for (const doc of documents) collect(doc.value, doc, [], found, issues);
    const dump = found.map((m) => ({ m, at: dumpMarker(m.object) })).find(({ at }) => at !== undefined);
    if (dump === undefined) {
      out.push(...found);
      return;
    }
    const at = [...dump.m.path, ...(dump.at as string[])];
    issues.push(dump.m.source.issue(at, dumpMessage(includePath, formatPath(at.slice(dump.m.path.length))), formatPath(at), true));
  });
}

/** Manifests read from files listed in the scenario (an apply action's `files`). */
export function manifestFiles(scenarioFile: string, scenarioDoc: SourceDocument, paths: readonly string[], basePath: readonly PathPart[]): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  const issues: ScenarioIssue[] = [];
  readManifestFiles(scenarioFile, scenarioDoc, paths, basePath, out, issues);
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}

/** Manifests of `spec.include` files (resolved from the scenario's folder) and `spec.manifests`. */
export function collectManifests(
  scenarioFile: string,
  scenarioDoc: SourceDocument,
  include: readonly string[],
  inline: readonly unknown[],
): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  const issues: ScenarioIssue[] = [];
  readManifestFiles(scenarioFile, scenarioDoc, include, ['spec', 'include'], out, issues);
  inline.forEach((value, index) => collect(value, scenarioDoc, ['spec', 'manifests', index], out, issues));
  if (issues.length > 0) throw new ScenarioError(issues);
  return out
    .map((m, index) => ({ m, index }))
    .sort((a, b) => (CREATION_RANK[a.m.object.kind] ?? 2) - (CREATION_RANK[b.m.object.kind] ?? 2) || a.index - b.index)
    .map(({ m }) => m);
}
