/**
 * A cheap exact pre-screen for the log patterns: the literal text every match of a pattern
 * must contain (`^(FAILED|ERROR) \S+::\S+` cannot match a line without "failed" or "error",
 * and "::"), so a line that holds none of what the patterns need is known not to match without
 * asking RE2. Every log line met the combined screen on RE2 (wasm, with a UTF-8 copy of the
 * line each time): 1.2 s of a 1,000-run audit's CPU, for a few hundred matching lines.
 *
 * Conservative by construction: a pattern whose parse meets anything it does not know (an
 * escape with arguments, a lookaround, an unbalanced bracket) needs nothing, and then nothing
 * is screened; an optional or repeated character, a class, an optional group or an anchor
 * only ends a literal. Compared lower-cased, on ASCII lines only: RE2's case folding matches
 * nothing else in an ASCII line than lower case does.
 */

/** What a match must contain: every item of an AND list; `any` holds when one of its AND lists does. */
type Need = { lit: string } | { any: Need[][] };

/** Escapes of one class or assertion: they end a literal and consume nothing more. */
const CLASS_ESCAPES = new Set('dDwWsSbBAzfnrtv'.split(''));
/**
 * Characters RE2's case folding maps onto ASCII (KELVIN SIGN to k, LONG S to s; the only two,
 * checked against RE2): as part of a literal they would need their fold set, so they end one.
 */
const FOLDS_TO_ASCII = new Set(['\u212a', '\u017f']);

/** The index after the class that opens at `i`, or -1. */
function skipClass(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  // `[]a]`: a `]` first in a class is a member.
  if (src[j] === ']') j++;
  for (; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === ']') return j + 1;
  }
  return -1;
}

/** After a quantifier at `i` (`?`, `*`, `+`, `{n,m}`, each maybe lazy); `optional` when it allows none. */
function quantifier(src: string, i: number): { end: number; optional: boolean; repeated: boolean } | null {
  const c = src[i];
  let end: number;
  let optional: boolean;
  if (c === '?' || c === '*' || c === '+') {
    end = i + 1;
    optional = c !== '+';
  } else if (c === '{') {
    const m = /^\{(\d{1,4})(,\d{0,4})?\}/.exec(src.slice(i, i + 12));
    if (!m) return null;
    end = i + m[0].length;
    optional = Number(m[1]) === 0;
  } else return { end: i, optional: false, repeated: false };
  if (src[end] === '?') end++;
  return { end, optional, repeated: true };
}

/** Where a group's content starts (after `(`, `(?:`, `(?P<n>`, `(?flags:`), `flags` for `(?i)`, or null. */
function groupStart(src: string, i: number): number | 'flags' | null {
  if (src[i + 1] !== '?') return i + 1;
  const named = /^\(\?P?<[A-Za-z_]\w*>/.exec(src.slice(i, i + 40));
  if (named) return i + named[0].length;
  const flags = /^\(\?[A-Za-z-]*([:)])/.exec(src.slice(i, i + 12));
  if (!flags) return null;
  return flags[1] === ')' ? 'flags' : i + flags[0].length;
}

/** One atom at `i`: a literal character (`lit`), a group's needs, or neither; `end` after it. */
function atom(src: string, i: number): { end: number; lit?: string; group?: Need[][] } | null {
  const c = src[i]!;
  if (c === '\\') {
    const e = src[i + 1];
    if (e === undefined) return null;
    if (/[A-Za-z0-9]/.test(e)) return CLASS_ESCAPES.has(e) ? { end: i + 2 } : null;
    return { end: i + 2, lit: e };
  }
  if (c === '[') {
    const end = skipClass(src, i);
    return end < 0 ? null : { end };
  }
  if (c === '(') {
    const start = groupStart(src, i);
    if (start === null) return null;
    if (start === 'flags') return { end: src.indexOf(')', i) + 1 };
    const inner = alternatives(src, start, true);
    return inner && { end: inner.end, group: inner.alts };
  }
  if (c === '{' || c === '}' || c === ']' || c === '?' || c === '*' || c === '+') return null;
  if (c === '.' || c === '^' || c === '$') return { end: i + 1 };
  // One code point in two halves: a quantifier after it applies to both.
  const pair = c >= '\ud800' && c <= '\udbff' && src[i + 1]! >= '\udc00' && src[i + 1]! <= '\udfff';
  const lit = pair ? c + src[i + 1]! : c;
  return FOLDS_TO_ASCII.has(lit) ? { end: i + 1 } : { end: i + lit.length, lit };
}

/** The alternatives from `i` to the end (or, `inGroup`, to the group's `)`), each the AND list it needs. */
function alternatives(
  src: string,
  i: number,
  inGroup: boolean,
): { alts: Need[][]; end: number; starts: number[] } | null {
  const alts: Need[][] = [];
  const starts = [i];
  let all: Need[] = [];
  let run = '';
  const cut = () => {
    if (run !== '') all.push({ lit: run.toLowerCase() });
    run = '';
  };
  for (;;) {
    const c = src[i];
    if (c === undefined || c === ')' || c === '|') {
      cut();
      alts.push(all);
      all = [];
      if (c === '|') {
        starts.push(++i);
        continue;
      }
      if ((c === ')') !== inGroup) return null;
      return { alts, end: c === ')' ? i + 1 : i, starts };
    }
    const a = atom(src, i);
    if (!a) return null;
    const q = quantifier(src, a.end);
    if (!q) return null;
    // `a+` holds one `a` at least, then maybe more: the literal ends after it.
    if (a.lit !== undefined && !q.optional) run += a.lit;
    if (a.lit === undefined || q.repeated) cut();
    if (a.group && !q.optional) all.push({ any: a.group });
    i = q.end;
  }
}

/** Plain characters (letters, digits, space and a few marks) from `i` on, up to a metacharacter. */
function plainRun(src: string, i: number): { text: string; end: number } {
  let text = '';
  let j = i;
  for (; j < src.length; j++) {
    const c = src[j]!;
    if (c === '\\' && j + 1 < src.length && !/[A-Za-z0-9]/.test(src[j + 1]!)) text += src[++j];
    else if (/[A-Za-z0-9 _:'"#=<>!@%&,;~`/-]/.test(c)) text += c;
    else break;
  }
  // A quantifier takes the last character with it (`ab?`, `ab*`, `ab{0,2}`).
  const next = src[j];
  if (next === '?' || next === '*' || next === '{') return { text: text.slice(0, -1), end: j };
  return { text, end: j };
}

/**
 * What the line must start with, for an alternative `^lit…` or `^(?:a|b)…` (a group of plain
 * alternatives, not optional), lower-cased; null for any other start.
 */
function prefixesOf(src: string, at: number): string[] | null {
  if (src[at] !== '^') return null;
  let i = at + 1;
  if (src[i] !== '(') {
    const run = plainRun(src, i).text;
    return run === '' ? null : [run.toLowerCase()];
  }
  i += src.startsWith('(?:', i) ? 3 : 1;
  const out: string[] = [];
  for (;;) {
    const run = plainRun(src, i);
    if (run.text === '' || (src[run.end] !== '|' && src[run.end] !== ')')) return null;
    out.push(run.text.toLowerCase());
    if (src[run.end] === ')') {
      const after = src[run.end + 1];
      return after === '?' || after === '*' || after === '{' ? null : out;
    }
    i = run.end + 1;
  }
}

/**
 * What a match of `src` needs: per top-level alternative, its AND list and what the line must
 * start with (or null); null when some alternative needs nothing or the parse cannot tell.
 */
export function patternNeeds(src: string): { all: Need[]; prefixes: string[] | null }[] | null {
  const r = alternatives(src, 0, false);
  if (!r || r.alts.some((all) => all.length === 0)) return null;
  return r.alts.map((all, k) => ({ all, prefixes: prefixesOf(src, r.starts[k]!) }));
}

/** The longest literal an AND list needs, or else the literals of a group it needs (one per alternative). */
function best(all: Need[]): string[] | null {
  let lit = '';
  for (const n of all) if ('lit' in n && n.lit.length > lit.length) lit = n.lit;
  if (lit !== '') return [lit];
  for (const n of all) {
    if ('lit' in n) continue;
    const each = n.any.map(best);
    if (each.every((b) => b !== null)) return each.flat() as string[];
  }
  return null;
}

const NON_ASCII = /[\u0080-\uffff]/;
const escape = (lit: string) => lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/**
 * A test that is false only when no pattern of `sources` can match `text` (case-insensitively,
 * as they are compiled): an ASCII line that holds none of the literals their matches need. A
 * line with other characters always passes. Null when some pattern needs nothing: then
 * nothing is screened. The literals are tested in one alternation of plain strings: no
 * quantifier, so linear in the line (a few positions tried per character).
 */
export function literalScreen(sources: readonly string[]): ((text: string) => boolean) | null {
  const starts = new Set<string>();
  const lits = new Set<string>();
  for (const s of sources) {
    const needs = patternNeeds(s);
    if (!needs) return null;
    for (const { all, prefixes } of needs) {
      // A line's start is the cheapest test and the most telling (`^#\d+ \[` needs "#" first).
      if (prefixes) {
        for (const p of prefixes) starts.add(p);
        continue;
      }
      const b = best(all);
      if (!b) return null;
      for (const l of b) lits.add(l);
    }
  }
  const alternation = (set: Set<string>) => [...set].map(escape).join('|');
  const atStart = starts.size > 0 ? new RegExp(`^(?:${alternation(starts)})`, 'i') : null;
  const anywhere = lits.size > 0 ? new RegExp(alternation(lits), 'i') : null;
  if (!atStart && !anywhere) return null;
  return (text) => NON_ASCII.test(text) || (atStart?.test(text) ?? false) || (anywhere?.test(text) ?? false);
}
