/**
 * YAML documents that remember where every value came from, so a problem
 * found later (schema, API validation, a timeline reference) can be reported
 * at its file, line and column.
 */
import { readFileSync } from 'node:fs';
import { isCollection, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { formatPath, ScenarioError, type ScenarioIssue, type SourcePosition } from './errors.js';

type PathPart = string | number;

/** One parsed YAML document and where it came from. */
export class SourceDocument {
  readonly file: string;
  readonly value: unknown;
  private readonly document: Document.Parsed;
  private readonly lines: LineCounter;

  constructor(file: string, document: Document.Parsed, lines: LineCounter) {
    this.file = file;
    this.document = document;
    this.lines = lines;
    this.value = document.toJS({ maxAliasCount: 100 });
  }

  /**
   * Position of the deepest existing node along `path`; with `atKey`, the
   * position of the last key rather than its value.
   */
  positionOf(path: readonly PathPart[], atKey = false): SourcePosition {
    let node: unknown = this.document.contents;
    let offset = (this.document.contents as YamlNode | null)?.range?.[0] ?? 0;
    for (const part of path) {
      if (!isCollection(node)) break;
      const pair = node.items.find((item, index) => {
        if (typeof part === 'number') return index === part;
        const key = (item as { key?: { value?: unknown } }).key;
        return key !== undefined && key !== null && String(key.value ?? key) === part;
      }) as { key?: YamlNode; value?: YamlNode } | YamlNode | undefined;
      if (pair === undefined) break;
      if (typeof part === 'number') {
        node = pair;
        offset = (pair as YamlNode).range?.[0] ?? offset;
      } else {
        const { key, value } = pair as { key?: YamlNode; value?: YamlNode };
        const last = part === path[path.length - 1] && node !== undefined;
        offset = (atKey && last ? key?.range?.[0] : undefined) ?? value?.range?.[0] ?? key?.range?.[0] ?? offset;
        node = value;
      }
    }
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  issue(path: readonly PathPart[], message: string, pathText: string, atKey = false): ScenarioIssue {
    return { position: this.positionOf(path, atKey), path: pathText, message };
  }
}

/** Reads a file into YAML documents; syntax errors become ScenarioErrors with positions. */
export function readYamlDocuments(file: string, displayName: string = file): SourceDocument[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ScenarioError([{ position: { file: displayName, line: 1, column: 1 }, path: '', message: `cannot read: ${reason}` }]);
  }
  return parseYamlText(text, displayName);
}

/**
 * The path to the first value that contains itself (an alias to an
 * enclosing anchor, `a: &x { b: *x }`), or undefined: objects here are
 * trees, and a cycle would only fail later, far from its line.
 */
function cyclePath(value: unknown, path: PathPart[] = [], ancestors = new Set<object>()): PathPart[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (ancestors.has(value)) return path;
  ancestors.add(value);
  const entries: Array<[PathPart, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [key, child] of entries) {
    const found = cyclePath(child, [...path, key], ancestors);
    if (found !== undefined) return found;
  }
  ancestors.delete(value);
  return undefined;
}

export function parseYamlText(text: string, displayName: string): SourceDocument[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const issues: ScenarioIssue[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      issues.push({ position: { file: displayName, line, column: col }, path: '', message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}` });
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  const sources = list.filter((doc) => doc.contents !== null).map((doc) => new SourceDocument(displayName, doc as Document.Parsed, lines));
  for (const source of sources) {
    const path = cyclePath(source.value);
    if (path !== undefined) issues.push(source.issue(path, 'this alias refers to a node that contains it; a manifest must be a tree', formatPath(path)));
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return sources;
}
