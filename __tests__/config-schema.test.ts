/** The published JSON Schema of the rules file (schema/audit-ci.schema.json) is the zod schema's. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configJsonSchemaText, DEFAULT_CONFIG } from '../src/config.js';

const committed = readFileSync(new URL('../schema/audit-ci.schema.json', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

interface Node {
  properties?: Record<string, Node>;
  additionalProperties?: unknown;
  default?: unknown;
}

/** Every key of `doc` that the schema does not know, as dotted paths. */
function unknownKeys(schema: Node, doc: unknown, at = ''): string[] {
  if (!schema.properties || typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [];
  return Object.entries(doc).flatMap(([k, v]) => {
    const sub = schema.properties![k];
    return sub ? unknownKeys(sub, v, `${at}${k}.`) : [`${at}${k}`];
  });
}

describe('the rules file JSON Schema', () => {
  it('is the committed file, so editors complete what the code accepts (run `npm run schema` when this fails)', () => {
    expect(committed).toBe(configJsonSchemaText());
  });

  it('refuses unknown keys and gives every key its default', () => {
    const schema = JSON.parse(committed) as Node;
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties!).sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
    expect(schema.properties!.slow!.additionalProperties).toBe(false);
    expect(schema.properties!.slow!.properties!.setupSteps!.default).toEqual(DEFAULT_CONFIG.slow.setupSteps);
    expect(schema.properties!.flaky!.properties!.jobRetries!.default).toBe(true);
  });

  it('knows every key of the seed repository rules file, and not a misspelt one', () => {
    const schema = JSON.parse(committed) as Node;
    const seed = parse(readFileSync(new URL('../examples/seed-repository.audit-ci.yml', import.meta.url), 'utf8'));
    expect(unknownKeys(schema, seed)).toEqual([]);
    expect(unknownKeys(schema, { slow: { jobMinute: 5 }, logs: { patterns: { mine: ['x'] } } })).toEqual([
      'slow.jobMinute',
    ]);
  });

  it('is named in the README for editors', () => {
    expect(readme).toContain('# yaml-language-server: $schema=');
    expect(readme).toContain('schema/audit-ci.schema.json');
  });
});
