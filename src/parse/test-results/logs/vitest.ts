/**
 * vitest. Its reporters print a retried test with its retry count after the duration
 * (`✓ a.test.ts > suite > name 3ms (retry x2)`: two failed attempts, then a pass; `×` when the
 * last also failed, with `→ reason` below). The "Failed Tests" section repeats each failure as
 * ` FAIL  a.test.ts > suite > name` (two spaces: jest's `FAIL path` has one) with its error on
 * the next line: read as the final outcome and the reason, never as another attempt. The
 * default reporter prints a tree (`❯ a.test.ts (3 tests | 1 failed) 5ms`, a suite
 * `❯ suite (2)`, its tests indented below): a test there is named by its file and suites as
 * the verbose reporter names it (`a.test.ts > suite > name`).
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

const PASS = 0x2713; // ✓
const FAIL = 0xd7; // ×
const SUITE = 0x276f; // ❯
const SKIP = 0x2193; // ↓
/** A file or suite line ends with its count: `(3 tests | 1 failed)`, `(2)`. */
const CONTAINER = / \((?:\d+|\d+ tests?\b[^()]*)\)$/;
const MAX_DEPTH = 12;
const RETRY = / \(retry x(\d+)\)/;
/** vitest prints a duration as a whole number of ms right after the name. */
const DURATION = / (\d+)ms$/;

/** Name, retries and seconds of a `✓`/`×` line's text after the mark. */
export function vitestLine(text: string): { name: string; retries: number; seconds: number | null } | null {
  let s = text;
  const r = RETRY.exec(s);
  const retries = r ? Number(r[1]) : 0;
  if (r) s = s.slice(0, r.index);
  // Suffixes vitest may print after the duration.
  const repeat = s.indexOf(' (repeat x');
  if (repeat > 0) s = s.slice(0, repeat);
  const heap = s.indexOf(' MB heap used');
  if (heap > 0) s = s.slice(0, s.lastIndexOf(' ', heap - 1));
  const d = DURATION.exec(s);
  const seconds = d ? Number(d[1]) / 1000 : null;
  if (d) s = s.slice(0, d.index);
  const name = s.trim();
  return name === '' ? null : { name, retries, seconds };
}

class VitestReader implements LogTestReader {
  private readonly tally = new Tally('vitest');
  private last: string | null = null;
  private failHeader: string | null = null;
  /** The file and suites above the current tree line, with their indentation. */
  private tree: { indent: number; title: string }[] = [];

  push(line: string): void {
    const s = line.trim();
    const c = s.charCodeAt(0);
    if (this.failHeader !== null) {
      if (s !== '') {
        this.tally.reason(this.failHeader, s);
        this.failHeader = null;
      }
      return;
    }
    if (c === PASS || c === FAIL || c === SUITE || c === SKIP) {
      const t = vitestLine(s.slice(1).trimStart());
      if (!t) return;
      const indent = line.length - line.trimStart().length;
      while (this.tree.length > 0 && this.tree[this.tree.length - 1]!.indent >= indent) this.tree.pop();
      const container = CONTAINER.exec(t.name);
      if (container) {
        if (this.tree.length < MAX_DEPTH) this.tree.push({ indent, title: t.name.slice(0, container.index) });
        return;
      }
      // A pass without retries is no evidence worth keeping.
      if ((c === PASS && t.retries === 0) || c === SUITE || c === SKIP) return;
      const id = t.name.includes(' > ') ? t.name : [...this.tree.map((x) => x.title), t.name].join(' > ');
      for (let i = 1; i <= t.retries; i++) this.tally.attempt(id, i, 'failed');
      this.tally.attempt(id, t.retries + 1, c === PASS ? 'passed' : 'failed', t.seconds);
      this.last = c === FAIL ? id : null;
    } else if (c === 0x2192 /* → */ && this.last) {
      this.tally.reason(this.last, s.slice(1));
      this.last = null;
    } else if (c === 70 /* F */ && s.startsWith('FAIL  ')) {
      const id = s.slice(6).trim();
      if (!id.includes(' > ')) return;
      this.tally.final(id, 'failed');
      if (this.tally.failures(id) === 0) this.tally.vague(id);
      this.failHeader = id;
    }
  }

  finish(): TestResult[] {
    return this.tally.results();
  }
}

export const vitestParser: LogTestParser = { source: 'vitest', create: () => new VitestReader() };
