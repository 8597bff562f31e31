// Types of scenario-schema.mjs for the freshness test (test/package/scenario-schema.test.ts).
import type { z } from 'zod';

export const SCHEMA_FILE: string;
export function scenarioSchemaText(scenarioFile: z.ZodType): string;
