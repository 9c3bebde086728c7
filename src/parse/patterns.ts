/**
 * Every pattern that reads untrusted text (log lines, step names) runs on RE2: linear time
 * in the length of the text whatever the pattern, so neither a hostile log line nor a
 * careless pattern in the rules file can stall an audit (JavaScript's backtracking engine
 * takes seconds on one 4 KB line for `a\S*.*(b|c)`). RE2 has no backreferences and no
 * lookaround: such a pattern is refused with a message, never run on a backtracking engine.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { literalScreen } from './literals.js';

/*
 * The RE2 build's Emscripten loader finds `re2.wasm` through `__dirname`, which the ES module
 * bundle (dist/) lacks: a ReferenceError before the audit begins. The build copies re2.wasm
 * beside the bundle (scripts/dist-package.mjs), and this points the loader there. A static
 * import would be hoisted above this line by the bundler; a dynamic one runs after it.
 * Unbundled (tests), the package's own CommonJS `__dirname` is used instead.
 */
(globalThis as { __dirname?: string }).__dirname ??= path.dirname(fileURLToPath(import.meta.url));
const re2 = await import('@adguard/re2-wasm');
// Node gives a CommonJS module as `default`; some loaders (tsx) give its exports directly.
const { RE2 } = (re2.default ?? re2) as typeof re2.default;

/** What callers need of a compiled pattern list: RegExp has the same `test`. */
export interface Matcher {
  test(text: string): boolean;
  /** The combined source, for messages. */
  readonly source: string;
}

/** A pattern RE2 cannot compile; `source` is the offending pattern. */
export class PatternError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`${JSON.stringify(source)} ${reason}`);
    this.name = 'PatternError';
  }
}

/** RE2's own messages are terse ("invalid perl operator: (?<"): say what is unsupported. */
function explain(source: string, message: string): string {
  const why = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  if (/\\[1-9]/.test(source) && /escape/.test(why)) return `uses a backreference, which RE2 does not support (${why})`;
  if (/\(\?<?[=!]/.test(source)) return `uses lookahead or lookbehind, which RE2 does not support (${why})`;
  return `is not a valid RE2 regular expression (${why})`;
}

type Compiled = InstanceType<typeof RE2>;

/**
 * This RE2 build has a fixed 16 MB heap and frees nothing by itself, and running out aborts
 * the module for good. So a compiled pattern is kept and shared by source (the sources come
 * from the rules file: a bounded set, reused by every log of an audit), and each one's DFA
 * cache is capped (RE2 falls back to its slower, still linear, NFA when the cache fills).
 */
const compiled = new Map<string, Compiled>();
const MAX_MEM = 512 * 1024;
/**
 * The screen of compileKeyed (every log pattern in one alternation) sees every log line: in
 * 512 KB its DFA cache keeps filling and RE2 rebuilds it line after line (3.3 s for a 2,000-line
 * log with the default patterns, 40 ms in 4 MB). The other patterns run only on the lines the
 * screen lets through, so their caches stay small and the heap's 16 MB is not reached.
 */
const SCREEN_MEM = 4 * 1024 * 1024;

/** Compile one source case-insensitively on RE2 (shared, see `compiled`); throws PatternError naming it. */
function compileOne(source: string, maxMem = MAX_MEM): Compiled {
  const key = maxMem === MAX_MEM ? source : `${maxMem}\u0000${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  try {
    // JavaScript's own syntax check first, so a pattern that is not even a regex gets
    // JavaScript's message (the rules file is written in JavaScript's dialect).
    new RegExp(source, 'i');
  } catch (e) {
    throw new PatternError(source, `is not a valid regular expression (${(e as Error).message})`);
  }
  try {
    // This RE2 build requires the `u` flag.
    const re = new RE2(source, 'iu', maxMem);
    compiled.set(key, re);
    return re;
  } catch (e) {
    throw new PatternError(source, explain(source, (e as Error).message));
  }
}

/** Null when the pattern runs on RE2, else why not (for the rules-file check). */
export function patternProblem(source: string): string | null {
  try {
    compileOne(source);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * One case-insensitive matcher for a list of sources (any of them matches), or null for an
 * empty list. Each source is checked alone first, so an error names the one at fault.
 */
export function compilePatterns(sources: readonly string[], maxMem = MAX_MEM): Matcher | null {
  if (sources.length === 0) return null;
  for (const s of sources) compileOne(s);
  const source = sources.map((s) => `(?:${s})`).join('|');
  const re = compileOne(source, maxMem);
  return { source, test: (text: string) => re.test(text) };
}

/**
 * A matcher for texts met again and again, such as step names (a 1,000-run window holds ~50,000
 * steps and a few dozen names): each distinct text is tested on RE2 once. Not for log lines.
 */
export function memoized(m: Matcher): Matcher {
  const seen = new Map<string, boolean>();
  return {
    source: m.source,
    test(text: string): boolean {
      let hit = seen.get(text);
      if (hit === undefined) {
        hit = m.test(text);
        seen.set(text, hit);
      }
      return hit;
    },
  };
}

/** Several keyed pattern lists, tested together: which keys match a line. */
export interface KeyedMatcher {
  /** The keys whose patterns match `text`, in the order given. */
  matching(text: string): string[];
  readonly keys: readonly string[];
}

/**
 * One matcher for every key: a combined pattern screens each line first (one pass over it,
 * where testing each key alone costs a pass per key: ten times slower on RE2, most lines
 * matching nothing), and only a hit tests the keys one by one. A key whose patterns do not
 * compile is left out and reported through `onError` (the rules file was checked already).
 */
export function compileKeyed(
  patterns: Readonly<Record<string, readonly string[]>>,
  onError: (key: string, e: Error) => void = () => undefined,
): KeyedMatcher {
  const keyed: [string, Matcher][] = [];
  const keys = new Set<string>();
  for (const [key, sources] of Object.entries(patterns)) {
    try {
      const m = compilePatterns(sources);
      if (m) keyed.push([key, m]);
      if (m) keys.add(key);
    } catch (e) {
      onError(key, e as Error);
    }
  }
  const screen =
    keyed.length > 1
      ? compilePatterns(
          keyed.map(([, m]) => m.source),
          SCREEN_MEM,
        )
      : null;
  // Before RE2: a line that holds none of the patterns' literals matches none (literals.ts).
  const literal = literalScreen(Object.entries(patterns).flatMap(([k, s]) => (keys.has(k) ? s : [])));
  return {
    keys: keyed.map(([k]) => k),
    matching(text: string): string[] {
      if (literal && !literal(text)) return [];
      if (screen && !screen.test(text)) return [];
      return keyed.filter(([, m]) => m.test(text)).map(([k]) => k);
    },
  };
}

const linear = new Map<string, Compiled>();

/**
 * A fixed pattern of our own, on RE2, for code that replaces or matches in untrusted text
 * with a pattern a backtracking engine runs in quadratic time or worse (the ReDoS check,
 * __tests__/redos.test.ts, lists them). Use it like a RegExp: `text.replace(re, …)`,
 * `re.test(text)`, `text.match(re)`. Flags as for RegExp; `u` is added.
 */
export function linearRegExp(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let re = linear.get(key);
  if (!re) {
    re = new RE2(source, flags.includes('u') ? flags : `${flags}u`, MAX_MEM);
    linear.set(key, re);
  }
  // A global pattern keeps its position between calls: start each use afresh.
  re.lastIndex = 0;
  return re as unknown as RegExp;
}
