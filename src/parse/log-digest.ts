/**
 * Streaming digest of one job log: fed line by line, keeps a bounded summary
 * (sections with times, pattern matches, repeated lines, test durations), so a 50 MB log
 * never needs 50 MB of memory. Pure: collection feeds it, rules read its output. Never throws.
 */
import type { Config } from '../config-types.js';
import { compileKeyed, compilePatterns, type KeyedMatcher, type Matcher } from './patterns.js';
import type { LogDigest, LogMatch, LogSection, RepeatedLine, TestResult } from '../types.js';
import {
  COMPLETE,
  CONTAINER_FIRST_GROUP,
  CONTAINER_GROUP,
  INIT_CONTAINERS,
  SET_UP,
  STOP_CONTAINERS,
  STOP_CONTAINER_LINE,
  isBookkeeping,
  isProgress,
  plainText,
  startsEcho,
  withoutComposePrefix,
} from './log-lines.js';
import { fastIsoOfStamp as isoOf } from './log-stamp.js';
import { TestDurationCollector } from './test-durations.js';
import { LOG_TEST_PARSERS } from './test-results/logs/index.js';
import type { LogTestReader } from './test-results/types.js';

export interface LogDigester {
  /** One line, without its newline (CRLF and a leading BOM are handled). */
  push(line: string): void;
  /** Close the digest; `bytes` is the full size read from the stream. */
  finish(bytes: number): LogDigest;
}

/** Lines are cut to this many characters before any regex sees them (a 10 MB line stays cheap). */
const MAX_LINE = 4096;
/** A match keeps this much of its line. */
const MATCH_LINE = 500;
/** Distinct normalised lines counted at once; count-1 entries are evicted when full. */
const MAX_DISTINCT = 5000;
/** Repeated lines kept in the digest, most repeated first. */
const KEEP_REPEATED = 50;
/** Sections kept; later groups are folded into the last one. */
const MAX_SECTIONS = 500;
/** Test results kept per log, over all runners. */
const MAX_TEST_RESULTS = 500;

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) ?/;
const MARKER = /^##\[(group|endgroup|warning|error|notice|debug|command)\]/;

const DATE_TIME = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const CLOCK = /\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX = /\b(?=[0-9a-f]*\d)[0-9a-f]{7,}\b/gi;
const DURATION = /\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds?|m|min|minutes?|h)\b/g;
// Only standalone numbers: digits inside names (test_mod3, py311) and dotted versions
// (v1.2.3) tell different lines apart and are kept.
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?![\w.]|\.\d)/g;
const SPACES = /\s+/g;
const DIGIT = /\d/;

/**
 * Mask what differs between repeats of the same message: times, ids, numbers, durations. Each
 * mask but the UUID's needs a digit, and both times a colon: a line without them skips those
 * passes (no mask adds a digit, a colon or a dash).
 */
export function normalizeLogLine(body: string): string {
  let s = body;
  const digits = DIGIT.test(s);
  if (digits && s.includes(':')) s = s.replace(DATE_TIME, '<time>').replace(CLOCK, '<time>');
  if (s.includes('-')) s = s.replace(UUID, '<id>');
  if (digits) s = s.replace(HEX, '<hex>').replace(DURATION, '<dur>').replace(NUMBER, '<n>');
  return s.replace(SPACES, ' ').trim();
}

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Fewer than 4 ASCII letters outside the masks (`<n>`, `<time>`, any `<word>`): what
 * `norm.replace(/<\w+>|[^a-z]/gi, '').length < 4` says, without building that string, and done
 * at the fourth letter.
 */
export function fewLetters(norm: string): boolean {
  let n = 0;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (c === 60) {
      let j = i + 1;
      while (j < norm.length && isWordCode(norm.charCodeAt(j))) j++;
      if (j > i + 1 && norm.charCodeAt(j) === 62) {
        i = j;
        continue;
      }
    }
    if (isLetterCode(c) && ++n >= 4) return false;
  }
  return true;
}

const GIT_REF_LINE = /^\s*(?:[*+\-=!t]\s*)?\[(?:new (?:branch|tag|ref)|up to date|tag update|rejected)\]/;

interface Counted {
  example: string;
  count: number;
}

/** Counts normalised lines with a capped map: rare lines are forgotten, frequent ones survive. */
class RepeatCounter {
  private readonly counts = new Map<string, Counted>();

  push(body: string): void {
    const norm = normalizeLogLine(body);
    // Blank lines, braces and bare numbers repeat everywhere and say nothing; a git fetch
    // lists one line per ref, each a different ref, so a long listing is not a repeat.
    if (fewLetters(norm) || GIT_REF_LINE.test(body)) return;
    const hit = this.counts.get(norm);
    if (hit) {
      hit.count++;
      return;
    }
    if (this.counts.size >= MAX_DISTINCT) this.evict();
    this.counts.set(norm, { example: body.slice(0, MATCH_LINE), count: 1 });
  }

  private evict(): void {
    for (let floor = 1; this.counts.size >= MAX_DISTINCT * 0.9; floor *= 2) {
      for (const [k, v] of this.counts) if (v.count <= floor) this.counts.delete(k);
    }
  }

  result(minRepeats: number): RepeatedLine[] {
    const out: RepeatedLine[] = [];
    for (const [normalized, v] of this.counts) {
      if (v.count >= minRepeats)
        out.push({ normalized: normalized.slice(0, MATCH_LINE), example: v.example, count: v.count });
    }
    return out.sort((a, b) => b.count - a.count || a.normalized.localeCompare(b.normalized)).slice(0, KEEP_REPEATED);
  }
}

const STEP = /^(Run|Post Run|Post) /;
/** Plain lines GitHub prints where a step without a `##[group]` of its own begins. */
const OPENERS: [RegExp, string][] = [
  [/^Current runner version/, SET_UP],
  [/^Post job cleanup\.$/, 'Post job cleanup'],
  [STOP_CONTAINER_LINE, STOP_CONTAINERS],
  [/^Cleaning up orphan processes$/, COMPLETE],
];

/** The `##[group]` titles that open a step; other groups inside a step's output stay in that step. */
function opensStep(title: string, current: LogSection | undefined, inGroup: boolean): boolean {
  if (!current || STEP.test(title)) return true;
  // "Initialize containers" follows "Set up job" and prints its own groups.
  if (current.name === INIT_CONTAINERS) return !CONTAINER_GROUP.test(title);
  // "Set up job" prints its own groups (Operating System, Runner Image, …).
  if (current.name === SET_UP) return false;
  // A user's `::group::` printed by a `Run …` step belongs to that step.
  return !inGroup && !STEP.test(current.name);
}

interface Matchers {
  /** The sources they were made from: a config changed in place gets new ones. */
  sources: string;
  patterns: KeyedMatcher;
  ignore: Matcher | null;
}

/**
 * The matchers of a config's patterns, made once per config: every log of an audit has the
 * same, and making them again (joining the sources, parsing their literals) cost ~0.5 ms a log.
 */
const matchers = new WeakMap<Config, Matchers>();

function matchersOf(config: Config): Matchers {
  const sources = JSON.stringify([config.logs.patterns, config.ignore]);
  let m = matchers.get(config);
  if (m?.sources !== sources) {
    m = { sources, patterns: compileKeyed(config.logs.patterns), ignore: safeCompile(config.ignore) };
    matchers.set(config, m);
  }
  return m;
}

export function createLogDigester(jobId: number, config: Config): LogDigester {
  const { patterns, ignore } = matchersOf(config);
  const maxPerKey = config.logs.maxMatchesPerKey;
  const d: LogDigest = {
    jobId,
    bytes: 0,
    lines: 0,
    truncated: false,
    firstAt: null,
    lastAt: null,
    sections: [],
    matches: [],
    matchCounts: {},
    repeated: [],
    testDurations: [],
    tests: [],
  };
  const repeats = new RepeatCounter();
  const tests = new TestDurationCollector();
  const runners: LogTestReader[] = LOG_TEST_PARSERS.map((p) => p.create());
  let consumed = 0;
  let inGroup = false;
  /** Inside the group that opened a step: the runner's echo of its script or inputs. */
  let inHeader = false;
  /** The header's first line is yet to come: it tells a runner echo from a user's own group. */
  let headerFresh = false;
  let headerTitle = '';
  let current: LogSection | undefined;

  function open(name: string, at: string | null): void {
    if (d.sections.length >= MAX_SECTIONS) return;
    current = { name: name.trim().slice(0, 200), startedAt: at, endedAt: at, lines: 0 };
    d.sections.push(current);
  }

  function section(title: string, at: string | null): void {
    if (CONTAINER_FIRST_GROUP.test(title) && current?.name !== INIT_CONTAINERS) {
      open(INIT_CONTAINERS, at);
      inHeader = false;
    } else if (opensStep(title, current, inGroup)) {
      open(title, at);
      inHeader = headerFresh = STEP.test(title);
      headerTitle = title;
    }
    inGroup = true;
  }

  function plainOpener(text: string, at: string | null): void {
    if (inGroup) return;
    const hit = OPENERS.find(([re]) => re.test(text));
    // Each post step prints its own "Post job cleanup."; each removed container its own line.
    if (!hit || (hit[1] === STOP_CONTAINERS && current?.name === STOP_CONTAINERS)) return;
    if (hit[1] !== SET_UP || d.sections.length === 0) open(hit[1], at);
  }

  function match(subject: string, text: string, at: string | null): void {
    for (const key of patterns.matching(subject)) {
      const n = (d.matchCounts[key] ?? 0) + 1;
      d.matchCounts[key] = n;
      if (n > maxPerKey) continue;
      const m: LogMatch = { key, line: text.slice(0, MATCH_LINE), lineNo: d.lines, at, section: current?.name ?? null };
      d.matches.push(m);
    }
  }

  function digest(raw: string): void {
    let line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    if (d.lines === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    line = line.replace(/\r$/, '');
    const ts = TIMESTAMP.exec(line);
    const at = ts ? isoOf(ts[1]!) : null;
    const coloured = ts ? line.slice(ts[0].length) : line;
    const body = plainText(coloured);
    if (at) {
      d.firstAt ??= at;
      d.lastAt = at;
    }
    const marker = MARKER.exec(body);
    const text = withoutComposePrefix(marker ? body.slice(marker[0].length) : body);
    if (marker?.[1] === 'group') section(text, at);
    else if (marker?.[1] === 'endgroup') inGroup = inHeader = false;
    else if (!marker) plainOpener(text, at);
    if (headerFresh && marker?.[1] !== 'group') {
      headerFresh = false;
      // A user's `::group::Run …` printed by a step holds output, not the runner's echo.
      if (!startsEcho(coloured, text, headerTitle)) inHeader = false;
    }
    if (current) {
      current.lines++;
      if (at) current.endedAt = at;
    }
    if (marker?.[1] === 'group' || marker?.[1] === 'endgroup') return;
    // The runner's echo of a script, its bookkeeping and progress meters are never evidence;
    // an annotation it writes (`##[error]`, `##[warning]`) always is.
    const annotation = marker?.[1] === 'error' || marker?.[1] === 'warning';
    if (!annotation && (inHeader || isBookkeeping(current?.name) || isProgress(text))) return;
    const subject = marker ? marker[0] + text : text;
    if (ignore?.test(subject)) return;
    match(subject, text, at);
    repeats.push(text);
    tests.push(text);
    for (const r of runners) {
      try {
        r.push(text);
      } catch {
        // One runner's reader failing on a line must not keep the others from it.
      }
    }
  }

  return {
    push(raw: string): void {
      try {
        d.lines++;
        if (d.truncated) return;
        const s = typeof raw === 'string' ? raw : String(raw);
        // Bytes, as `logs.maxBytes` says: a line of CJK text is up to 3 bytes a character.
        consumed += Buffer.byteLength(s, 'utf8') + 1;
        if (consumed > config.logs.maxBytes) {
          d.truncated = true;
          return;
        }
        digest(s);
      } catch {
        // A log line must never break an audit: skip what cannot be read.
      }
    },
    finish(bytes: number): LogDigest {
      d.bytes = Number.isFinite(bytes) && bytes >= 0 ? bytes : consumed;
      d.repeated = repeats.result(Math.max(2, config.noise.minRepeats));
      d.testDurations = tests.result();
      d.tests = runnerResults(runners);
      // The digest's strings (sections, matches, test ids) are slices of the log's decoded
      // chunks, and a slice keeps its whole parent alive: a 2 KB digest held 0.4 MB of its log
      // (80 MB for 200 logs). A structured clone copies each string out of its parent.
      return structuredClone(d);
    },
  };
}

/** Each runner's tests; a reader that fails loses only its own. */
function runnerResults(runners: LogTestReader[]): TestResult[] {
  const out: TestResult[] = [];
  for (const r of runners) {
    try {
      out.push(...r.finish());
    } catch {
      // A reader's bug must never lose the digest.
    }
  }
  return out.slice(0, MAX_TEST_RESULTS);
}

function safeCompile(sources: string[]): Matcher | null {
  try {
    return compilePatterns(sources);
  } catch {
    return null;
  }
}

/** Convenience for tests and small logs. */
export function digestLogText(jobId: number, text: string, config: Config): LogDigest {
  const d = createLogDigester(jobId, config);
  const lines = text.split('\n');
  for (const l of lines) d.push(l);
  return d.finish(Buffer.byteLength(text));
}
