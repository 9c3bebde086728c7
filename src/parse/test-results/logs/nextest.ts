/**
 * cargo-nextest. One status line per attempt: `        PASS [   0.002s] (  1/100) bin test`,
 * a retried attempt with its number (`  TRY 1 FAIL [   0.003s] bin test`, `  TRY 2 PASS …`),
 * and in the final status list `   FLAKY 2/3 [   0.002s] bin test` (passed on attempt 2 of 3)
 * or the failing attempt again. Attempts are counted by number, so the final list repeats none.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

const PASSING = new Set(['PASS', 'LEAK', 'TIMEOUT-PASS', 'SLOW', 'SLOW + LEAK', 'SLOW+TMPASS']);
const FAILING = new Set(['FAIL', 'FAIL + LEAK', 'XFAIL', 'LEAK-FAIL', 'TIMEOUT', 'ABORT', 'FL+LK', 'LKFAIL', 'TMT']);
const TRY = /^TRY (\d+) /;
const FLAKY = /^(?:FLAKY|FLKY-FL) (\d+)\/(\d+)$/;
const SECONDS = /^\[ *(\d+(?:\.\d+)?)s\] /;
const PROGRESS = /^(?:\[[^\]]*\] )?(?:\([^)]*\) )?/;

/** `SIGSEGV`, `SIGABRT`, … : a test killed by a signal. */
function isSignal(s: string): boolean {
  return s.length > 3 && s.length < 10 && s.startsWith('SIG');
}

class NextestReader implements LogTestReader {
  private readonly tally = new Tally('nextest');
  private current: string | null = null;
  private panicked = false;

  push(line: string): void {
    const s = line.trim();
    const open = s.indexOf(' [');
    if (open < 0 || !s.includes('s] ')) return this.reasonLine(line, s);
    let status = s.slice(0, open);
    const sec = SECONDS.exec(s.slice(open + 1));
    if (!sec) return;
    const rest = s
      .slice(open + 1 + sec[0].length)
      .replace(PROGRESS, '')
      .trim();
    const sp = rest.lastIndexOf(' ');
    if (sp <= 0 || rest.slice(0, sp).includes(' ')) return;
    const id = rest;
    const seconds = Number(sec[1]);
    const t = TRY.exec(status);
    const index = t ? Number(t[1]) : 1;
    if (t) status = status.slice(t[0].length);
    const flaky = FLAKY.exec(status);
    if (flaky) {
      const passedAt = Number(flaky[1]);
      for (let i = 1; i < passedAt; i++) this.tally.attempt(id, i, 'failed');
      this.tally.attempt(id, passedAt, 'passed', seconds);
      return;
    }
    if (PASSING.has(status)) this.tally.attempt(id, index, 'passed', seconds);
    else if (FAILING.has(status) || isSignal(status)) {
      this.tally.attempt(id, index, 'failed', seconds);
      this.current = id;
      this.panicked = false;
    }
  }

  /** The panic message in a failed attempt's `stderr ---` block (its lines indented). */
  private reasonLine(line: string, s: string): void {
    if (!this.current || s === '') return;
    // The block ends at the first line nextest did not indent: another tool's output.
    if (!line.startsWith('  ')) {
      this.current = null;
      return;
    }
    if (this.panicked) {
      this.tally.reason(this.current, s);
      this.current = null;
    } else if (s.startsWith('thread ') && s.includes(' panicked at ')) this.panicked = true;
  }

  finish(): TestResult[] {
    return this.tally.results();
  }
}

export const nextestParser: LogTestParser = { source: 'nextest', create: () => new NextestReader() };
