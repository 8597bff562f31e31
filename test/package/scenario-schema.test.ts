/**
 * schema/scenario.schema.json is current: regenerated here from the zod
 * schema in src/ (the loader's own) and compared with the checked-in file.
 * When it fails, `npm run build` rewrites the file; commit it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, scenarioSchemaText } from '../../scripts/scenario-schema.mjs';
import { scenarioFile, scenarioSpec } from '../../src/scenario/schema/scenario.js';

describe('schema/scenario.schema.json', () => {
  const text = scenarioSchemaText(scenarioFile);
  const schema = JSON.parse(text) as { $schema: string; required: string[]; properties: { spec: { properties: Record<string, unknown> } } };

  it('matches what the current zod schema generates (run `npm run build` and commit it when not)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(text);
  });

  it('describes the file as written: every spec field of the loader, draft-07', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(schema.properties.spec.properties).sort()).toEqual(Object.keys(scenarioSpec.shape).sort());
  });
});
