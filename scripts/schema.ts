/**
 * Writes schema/audit-ci.schema.json, the rules file's JSON Schema, from the zod schema in
 * src/config.ts (`npm run schema`). __tests__/config-schema.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { configJsonSchemaText } from '../src/config.js';

writeFileSync(new URL('../schema/audit-ci.schema.json', import.meta.url), configJsonSchemaText());
