/**
 * vitest. Its reporters print a retried test with its retry count after the duration
 * (`✓ a.test.ts > suite > name 3ms (retry x2)`: two failed attempts, then a pass; `×` when the
 * last also failed, with `→ reason` below). The "Failed Tests" section repeats each failure as
 * ` FAIL  a.test.ts > suite > name` (two spaces: jest's `FAIL path` has one) with its error on
 * the next line: read as the final outcome and the reason, never as another attempt.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

const PASS = 0x2713; // ✓
const FAIL = 0xd7; // ×
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
  // A module line (`✓ a.test.ts (5 tests) 12ms`) is no test.
  return name === '' || name.endsWith(')') ? null : { name, retries, seconds };
}

class VitestReader implements LogTestReader {
  private readonly tally = new Tally('vitest');
  private last: string | null = null;
  private failHeader: string | null = null;

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
    if (c === PASS || c === FAIL) {
      const t = vitestLine(s.slice(1).trimStart());
      if (!t) return;
      // A pass without retries is no evidence worth keeping. A failure printed in the tree
      // (`× name`, without its file) is read from the "Failed Tests" section instead.
      if (c === PASS ? t.retries === 0 : !t.name.includes(' > ')) return;
      for (let i = 1; i <= t.retries; i++) this.tally.attempt(t.name, i, 'failed');
      this.tally.attempt(t.name, t.retries + 1, c === PASS ? 'passed' : 'failed', t.seconds);
      this.last = c === FAIL ? t.name : null;
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
