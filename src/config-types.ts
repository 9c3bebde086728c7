/**
 * The shape of the rules file, apart from the code that reads it (config.ts): the sections no
 * single rule owns, and `RuleSections`, which each rule's file extends with its own section
 * (`declare module '../config-types.js'`). Rules import the `Config` type from here, so the
 * registry that config.ts builds its schema from never imports config.ts back (no cycle).
 */
import { z } from 'zod';
import { count, names, patterns, section } from './config-fields.js';
import { DEFAULT_PATTERNS } from './config-stack-patterns.js';

/** The sections no single rule owns: read by collection, the digester and several rules. */
export const SHARED = {
  ignore: patterns([]).describe(
    'Lines (regex, case-insensitive) that are known-benign: never a log match, noise line or warning.',
  ),
  testReports: section({
    names: names([]).describe(
      'Check-run names read as test reports (any supported reporter). Empty: each reporter is detected by its format.',
    ),
  }),
  logs: section({
    maxBytes: count(64 * 1024 * 1024).describe('Bytes read from one log; the rest is counted, not digested.'),
    maxMatchesPerKey: count(20).describe('Matches kept per pattern key in one log digest.'),
    patterns: z
      .record(z.string(), patterns([]))
      .prefault({})
      // A key given replaces that key's built-in list; the other built-in keys stay.
      .transform((own) => ({ ...structuredClone(DEFAULT_PATTERNS), ...own }))
      .describe('Pattern key -> regexes (case-insensitive). The built-in keys are read by rules; add your own.'),
  }),
  budget: section({
    maxRequests: count(900).describe(
      "Most REST requests + GraphQL points one audit may spend. A nightly (warm) audit also stays within 25% of the token's hourly limit.",
    ),
    reserve: count(25, 0).describe('Requests kept back for publishing (issue search, update, pin).'),
  }),
};

/** Each rule's section of the rules file: a rule adds its own (`declare module '../config-types.js'`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RuleSections {}

export type Config = z.output<z.ZodObject<typeof SHARED>> & RuleSections;
