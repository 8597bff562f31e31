/** Turns zod issues into scenario issues with positions and plain messages. */
import type { z } from 'zod';
import { formatPath, type ScenarioIssue } from './errors.js';
import { describeValue, messages } from './messages.js';
import type { SourceDocument } from './yaml-source.js';

type PathPart = string | number;

function valueAt(root: unknown, path: readonly PathPart[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function message(issue: z.core.$ZodIssue, actual: unknown): string {
  if (actual === undefined && issue.code !== 'custom') return messages.missingField;
  switch (issue.code) {
    case 'invalid_type':
      if (typeof actual === 'number' && !Number.isFinite(actual)) return messages.notFinite(actual);
      return actual === undefined ? messages.missingField : messages.wrongType(issue.expected, describeValue(actual));
    case 'invalid_union':
      if ('discriminator' in issue && Array.isArray((issue as { options?: unknown }).options)) {
        return messages.unknownAction(String(actual), (issue as unknown as { options: string[] }).options);
      }
      return issue.message;
    case 'too_small':
      return `expected ${issue.origin === 'array' ? `at least ${String(issue.minimum)} item(s)` : `a value >= ${String(issue.minimum)}`}, got ${describeValue(actual)}`;
    case 'too_big':
      return `expected ${issue.origin === 'array' ? `at most ${String(issue.maximum)} item(s)` : `a value <= ${String(issue.maximum)}`}, got ${describeValue(actual)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(actual)}`;
    default:
      return issue.message;
  }
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, { _zod: { def: SchemaDef } }>;
  readonly innerType?: { _zod: { def: SchemaDef } };
  readonly element?: { _zod: { def: SchemaDef } };
  readonly in?: { _zod: { def: SchemaDef } };
  readonly options?: ReadonlyArray<{ _zod: { def: SchemaDef } }>;
  readonly discriminator?: string;
}

function unwrap(def: SchemaDef): SchemaDef {
  let current = def;
  for (;;) {
    if (current.innerType !== undefined) current = current.innerType._zod.def;
    else if (current.type === 'pipe' && current.in !== undefined) current = current.in._zod.def;
    else return current;
  }
}

/** The field names a strict object at `path` accepts, to suggest them after a typo. */
function knownKeysAt(schema: z.ZodType | undefined, root: unknown, path: readonly PathPart[]): string[] {
  if (schema === undefined) return [];
  let def = unwrap((schema as unknown as { _zod: { def: SchemaDef } })._zod.def);
  for (let i = 0; i <= path.length; i++) {
    if (def.type === 'union' && def.options !== undefined) {
      const data = valueAt(root, path.slice(0, i)) as Record<string, unknown> | undefined;
      const match = def.options.map((o) => unwrap(o._zod.def)).find((o) => {
        if (o.type !== 'object' || o.shape === undefined || def.discriminator === undefined) return false;
        const literal = unwrap((o.shape[def.discriminator] as { _zod: { def: SchemaDef } })._zod.def) as SchemaDef & { values?: unknown[] };
        return literal.values?.includes(data?.[def.discriminator]) === true;
      });
      if (match === undefined) return [];
      def = match;
    }
    if (i === path.length) break;
    const part = path[i] as PathPart;
    if (def.type === 'array' && def.element !== undefined && typeof part === 'number') def = unwrap(def.element._zod.def);
    else if (def.type === 'object' && def.shape !== undefined && typeof part === 'string' && def.shape[part] !== undefined) def = unwrap(def.shape[part]._zod.def);
    else return [];
  }
  return def.type === 'object' && def.shape !== undefined ? Object.keys(def.shape) : [];
}

/** Issues for `error`, located in `source` under `basePath`; `schema` helps suggest field names. */
export function zodIssues(error: z.ZodError, source: SourceDocument, basePath: readonly PathPart[] = [], schema?: z.ZodType): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of error.issues) {
    const path = [...basePath, ...(issue.path as PathPart[])];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, valueAt(source.value, basePath), issue.path as PathPart[]);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        out.push(source.issue(keyPath, messages.unknownField(key, known), formatPath(keyPath), true));
      }
      continue;
    }
    out.push(source.issue(path, message(issue, valueAt(source.value, path)), formatPath(path)));
  }
  return out;
}
