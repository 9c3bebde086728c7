/**
 * jest (jest-circus). A retried test shows only when `retryTimes(n, { logErrorsBeforeRetry:
 * true })`: ` LOGGING RETRY ERRORS  <full name>` then one ` RETRY n ` block per failed attempt,
 * before the file's `PASS`/`FAIL` line. A test that failed in the end has a `● a › b` block
 * (once per error, and again in "Summary of all failing tests"), read as a set, never counted.
 * The `✓`/`✕` listing is not read: titles repeat there (`it.each`) and say nothing of retries.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { MAX_TRACKED, Tally, cleanReason } from './tally.js';

const HEADER = /^(PASS|FAIL) (\S+)/;
const RETRY = /^RETRY (\d+)$/;

interface Test {
  file: string | null;
  /** The name as jest prints it in a failure: `describe › test`. */
  name: string;
  retries: number;
  failedFinal: boolean;
  reason: string | null;
}

class JestReader implements LogTestReader {
  /** Keyed by file and full name (describe and test titles joined by spaces, as jest's fullName). */
  private readonly tests = new Map<string, Test>();
  /** Retried tests whose file's PASS/FAIL line has not come yet. */
  private pending: Test[] = [];
  private file: string | null = null;
  private current: Test | null = null;
  /** The next non-blank line is the current test's reason. */
  private wantReason = false;

  push(line: string): void {
    const s = line.trim();
    if (s === '') return;
    const c = s.charCodeAt(0);
    if (this.wantReason && this.current) {
      this.wantReason = false;
      this.current.reason ??= cleanReason(s);
    }
    if (c === 0x25cf /* ● */) this.failure(s.slice(1).trim());
    else if (c === 76 /* L */ && s.startsWith('LOGGING RETRY ERRORS ')) this.retried(s.slice(21).trim());
    else if (c === 82 /* R */ && this.current) {
      const m = RETRY.exec(s);
      if (m) {
        this.current.retries = Math.max(this.current.retries, Number(m[1]));
        this.wantReason = true;
      }
    } else if (c === 80 || c === 70) {
      const m = HEADER.exec(s);
      if (!m) return;
      this.file = m[2]!;
      for (const t of this.pending) this.place(t, this.file);
      this.pending = [];
      this.current = null;
    }
  }

  private retried(fullName: string): void {
    if (fullName === '' || this.pending.length >= MAX_TRACKED) return;
    const t: Test = { file: null, name: fullName, retries: 0, failedFinal: false, reason: null };
    this.pending.push(t);
    this.current = t;
  }

  private place(t: Test, file: string): void {
    const key = `${file}\u0000${t.name}`;
    const hit = this.tests.get(key);
    if (hit) hit.retries = Math.max(hit.retries, t.retries);
    else if (this.tests.size < MAX_TRACKED) this.tests.set(key, { ...t, file });
  }

  private failure(name: string): void {
    // `● Test suite failed to run` is the file's, `● Console` a console block, `● Validation
    // Warning:` jest's own: no test.
    if (name === '' || name === 'Console' || name.endsWith(':') || name.startsWith('Test suite failed to run')) {
      this.current = null;
      return;
    }
    const key = `${this.file ?? ''}\u0000${name.split(' › ').join(' ')}`;
    let t = this.tests.get(key);
    if (!t) {
      if (this.tests.size >= MAX_TRACKED) return;
      t = { file: this.file, name, retries: 0, failedFinal: true, reason: null };
      this.tests.set(key, t);
    }
    t.name = name;
    t.failedFinal = true;
    this.current = t;
    this.wantReason = true;
  }

  finish(): TestResult[] {
    const tally = new Tally('jest');
    for (const t of this.tests.values()) {
      if (t.retries === 0 && !t.failedFinal) continue;
      const id = t.file ? `${t.file} › ${t.name}` : t.name;
      for (let i = 1; i <= t.retries; i++) tally.attempt(id, i, 'failed');
      tally.attempt(id, t.retries + 1, t.failedFinal ? 'failed' : 'passed');
      if (t.reason) tally.reason(id, t.reason);
    }
    return tally.results();
  }
}

export const jestParser: LogTestParser = { source: 'jest', create: () => new JestReader() };
