/**
 * YAML documents that remember where every value came from, so a problem
 * found later (schema, API validation, a timeline reference) can be reported
 * at its file, line and column.
 */
import { isCollection, LineCounter, parseAllDocuments, visit, type Document, type Node as YamlNode } from 'yaml';
import { formatPath, ScenarioError, type ScenarioIssue, type SourcePosition } from './errors.js';
import { readInputText } from './input-file.js';

/**
 * How many alias expansions one document may make: ample for anchors of
 * shared defaults, and a "billion laughs" document (aliases of aliases,
 * growing exponentially) stops at its line instead of exhausting memory.
 */
export const MAX_ALIAS_COUNT = 100;

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
    this.value = toValue(file, document, lines);
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
      // An index is looked up directly: the position of each of n timeline entries or manifests is asked for, and a scan from the first would make that n²/2 steps.
      const pair = (typeof part === 'number' ? node.items[part] : node.items.find((item) => {
        // A YAML key may be null (`: value`) or a collection; only a scalar's value can name a field.
        const key = (item as { key?: { value?: unknown } | null }).key?.value;
        return (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') && String(key) === part;
      })) as { key?: YamlNode; value?: YamlNode } | YamlNode | undefined;
      if (pair === undefined) break;
      if (typeof part === 'number') {
        node = pair;
        offset = (pair as YamlNode).range?.[0] ?? offset;
      } else {
        const { key, value } = pair as { key?: YamlNode; value?: YamlNode };
        const last = part === path[path.length - 1];
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

/** A file that could not be read as a whole (missing, a directory, a device, too large, UTF-16). */
export class UnreadableFileError extends ScenarioError {
  readonly reason: string;

  constructor(issues: readonly ScenarioIssue[], reason: string) {
    super(issues);
    this.reason = reason;
  }
}

/** The document as plain values; too many alias expansions are refused at the first alias. */
function toValue(file: string, document: Document.Parsed, lines: LineCounter): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError) || !error.message.includes('alias')) throw error;
    let offset = 0;
    visit(document, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = lines.linePos(offset);
    const message = `aliases here expand to more than ${MAX_ALIAS_COUNT} copies (an alias bomb?); write the values out or use fewer nested aliases`;
    throw new ScenarioError([{ position: { file, line, column: col }, path: '', message }]);
  }
}

/** Reads a file into YAML documents; syntax errors become ScenarioErrors with positions. */
export function readYamlDocuments(file: string, displayName: string = file): SourceDocument[] {
  const read = readInputText(file);
  if (!read.ok) {
    const position = { file: displayName, line: read.line ?? 1, column: read.column ?? 1 };
    const issues = [{ position, path: '', message: `cannot read: ${read.message}` }];
    throw read.line === undefined ? new UnreadableFileError(issues, read.message) : new ScenarioError(issues);
  }
  return parseYamlText(read.text, displayName);
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
  // Merge keys (`<<: *defaults`) as YAML 1.1 defines them, as Kubernetes' own
  // YAML decoder (sigs.k8s.io/yaml over go-yaml) applies them (docs/scenarios.md).
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const issues: ScenarioIssue[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      issues.push({ position: { file: displayName, line, column: col }, path: '', message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}` });
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  const sources = list.filter((doc) => doc.contents !== null).map((doc) => new SourceDocument(displayName, doc, lines));
  for (const source of sources) {
    const path = cyclePath(source.value);
    if (path !== undefined) issues.push(source.issue(path, 'this alias refers to a node that contains it; a manifest must be a tree', formatPath(path)));
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return sources;
}
