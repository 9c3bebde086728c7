/**
 * The building blocks of the rules file's schema (zod): each says what it accepts in words, so a
 * bad value fails with `<key>: expected <that>, got <value>`, and each carries its default. Rules
 * build their own section from these (`Rule.config`); config.ts adds the shared sections.
 */
import { z } from 'zod';
import { patternProblem } from './parse/patterns.js';

/** A share of runs, logs or time: 0 to 1. */
export function share(def: number) {
  const error = 'expected a number between 0 and 1';
  return z.number({ error }).min(0, { error }).max(1, { error }).default(def);
}

/** A count (runs, branches, repeats, bytes): a whole number, at least `min`. */
export function count(def: number, min = 1) {
  const error = `expected an integer >= ${min}`;
  return z.int({ error }).min(min, { error }).default(def);
}

/** A duration, factor or other amount: a number, at least `min` (or above it, when `above`). */
export function amount(def: number, min = 0, above = false) {
  const error = `expected a number ${above ? '>' : '>='} ${min}`;
  const n = z.number({ error });
  return (above ? n.gt(min, { error }) : n.min(min, { error })).default(def);
}

export function flag(def: boolean) {
  return z.boolean({ error: 'expected true or false' }).default(def);
}

/** A list of strings; one string alone is a list of one, and a number (a YAML `1.2`) is its text. */
function list(item: z.ZodString) {
  const error = 'expected a string or a list of strings';
  return z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]), { error })], { error })
    .transform((v) => (Array.isArray(v) ? v : [v]).map(String))
    .pipe(z.array(item));
}

export function names(def: readonly string[]) {
  return list(z.string()).default(() => [...def]);
}

/** Regular expressions on untrusted text: only linear-time (RE2) ones are accepted (parse/patterns.ts). */
export const regex = z.string().superRefine((source, ctx) => {
  const problem = patternProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: `the pattern ${problem}` });
});

export function patterns(def: readonly string[]) {
  return list(regex).default(() => [...def]);
}

/** A mapping of known keys (an unknown one is refused); absent, every key takes its default. */
export function section<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: 'expected a mapping' }).prefault({} as never);
}

export type Section = ReturnType<typeof section>;
