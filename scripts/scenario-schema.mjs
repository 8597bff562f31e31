// The scenario file's JSON Schema (schema/scenario.schema.json), generated
// from the zod schema the loader validates with, so an editor's completion
// and checks (docs/scenarios.md, "Editor support") follow the loader.
//
//   node scripts/scenario-schema.mjs          writes it from the build (npm run build does)
//
// The schema describes the file as written (zod's input side: `2m` or 120000
// for a duration), in draft-07, which YAML and JSON editors read most widely.
// Rules zod checks in code (quantities, cross-field checks) are not in it:
// the loader still reports those with file:line:column.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));

/** The JSON Schema text of `scenarioFile` (the zod schema of a whole scenario file), newline-terminated. */
export function scenarioSchemaText(scenarioFile) {
  const schema = z.toJSONSchema(scenarioFile, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'kubesim Scenario (apiVersion kubesim/v1)' }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { scenarioFile } = await import('../dist/src/scenario/schema/scenario.js');
  mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
  writeFileSync(SCHEMA_FILE, scenarioSchemaText(scenarioFile));
}
