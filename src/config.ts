/**
 * The rules file (`config` input, default `.github/audit-ci.yml`).
 *
 * Every threshold and pattern has a built-in default, so a repository with no file gets a
 * sensible audit. The schema is zod's: the shared sections are here, and each rule brings its
 * own section (`Rule.config`, declared in the rule's file), so a new rule's thresholds need no
 * edit here. A user file is merged over the defaults key by key; an unknown key, a wrong type,
 * a value out of range or a regex that does not compile fails with one line naming the key.
 * The JSON Schema editors complete the file with is generated from this (schema/, npm run schema).
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SHARED, type Config } from './config-types.js';
import { RULES } from './rules/index.js';

export type { Config, RuleSections } from './config-types.js';

const ruleSections = Object.fromEntries(RULES.flatMap((r) => (r.config ? [[r.config.section, r.config.schema]] : [])));

/** The whole rules file. */
export const CONFIG_SCHEMA = z.strictObject({ ...ruleSections, ...SHARED }, { error: 'expected a mapping' });

export const DEFAULT_CONFIG: Config = CONFIG_SCHEMA.parse({}) as Config;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** YAML's `key:` with nothing after it is null: the key's default, as if it were absent. */
function withoutNulls(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, withoutNulls(x)]),
  );
}

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** One line for zod's first issue: the key (list positions left out: the message quotes the item), then why. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.filter((p) => typeof p === 'string');
  const key = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const here = path.reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], DEFAULT_CONFIG);
    const known = Object.keys(here as object).join(', ');
    const unknown = issue.keys.map((k) => (key ? `${key}.${k}` : k)).join(', ');
    return `unknown key ${unknown} (known keys here: ${known})`;
  }
  const what = issue.message.startsWith('expected ') ? `${issue.message}, got ${shown(issue.input)}` : issue.message;
  return key ? `${key}: ${what}` : `the file: ${what}`;
}

/** Validate and merge a parsed rules object over the defaults. `source` names the file in messages. */
export function resolveConfig(user: unknown, source?: string): Config {
  if (user === null || user === undefined || user === '') return structuredClone(DEFAULT_CONFIG);
  const parsed = CONFIG_SCHEMA.safeParse(withoutNulls(user), { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(`rules file${source ? ` ${source}` : ''}: ${describeIssue(parsed.error.issues[0]!)}`);
  }
  return parsed.data as Config;
}

/** Parse the YAML text of a rules file. `source` names the file in messages. */
export function parseConfig(text: string, source = '.github/audit-ci.yml'): Config {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`rules file ${source} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return resolveConfig(doc, source);
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  default?: unknown;
}

/** zod leaves out the default of a value it transforms (a list, the patterns): editors show it, so add it. */
function withDefaults(schema: JsonSchema, value: unknown): void {
  for (const [k, sub] of Object.entries(schema.properties ?? {})) {
    const v = (value as Record<string, unknown>)[k];
    if (sub.properties) withDefaults(sub, v);
    else sub.default = v;
  }
}

/** The JSON Schema of the rules file as committed in schema/audit-ci.schema.json (`npm run schema`), for editors. */
export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(CONFIG_SCHEMA, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  withDefaults(schema, DEFAULT_CONFIG);
  const doc = { ...schema, title: 'audit-ci rules file (.github/audit-ci.yml)' };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
