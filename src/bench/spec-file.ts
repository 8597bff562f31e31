/**
 * Reading a bench or plan file: one YAML document, checked with a zod
 * schema; problems are ScenarioErrors with file:line:column, as for
 * scenarios (the CLI prints them and exits 2).
 */
import type { z } from 'zod';
import { ScenarioError, type ScenarioIssue } from '../scenario/errors.js';
import { readYamlDocuments, type SourceDocument } from '../scenario/yaml-source.js';
import { zodIssues } from '../scenario/zod-issues.js';

export function readSpecFile<T extends z.ZodType>(file: string, schema: T): { doc: SourceDocument; value: z.infer<T> } {
  const documents = readYamlDocuments(file);
  const doc = documents[0];
  if (documents.length !== 1 || doc === undefined) {
    throw new ScenarioError([{ position: { file, line: 1, column: 1 }, path: '', message: `expected exactly one YAML document, found ${documents.length}` }]);
  }
  const parsed = schema.safeParse(doc.value);
  if (!parsed.success) throw new ScenarioError(zodIssues(parsed.error, doc, [], schema));
  return { doc, value: parsed.data };
}

/** Collects issues at paths of a document and throws them together. */
export class IssueList {
  readonly issues: ScenarioIssue[] = [];
  private readonly doc: SourceDocument;

  constructor(doc: SourceDocument) {
    this.doc = doc;
  }

  add(path: ReadonlyArray<string | number>, message: string): void {
    const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    this.issues.push(this.doc.issue(path, message, text));
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ScenarioError(this.issues);
  }
}
