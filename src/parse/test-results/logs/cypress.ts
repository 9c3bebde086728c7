/**
 * Cypress (its default spec reporter). With `retries`, each failed attempt that is retried
 * prints `(Attempt 1 of 3) title`, then the last attempt the usual `✓ title` or, when it
 * failed, mocha's numbered `1) title`; the experimental strategies print every attempt with its
 * mark (`✖(Attempt 1 of 10) title`, `✓(Attempt 2 of 10) title`) and then the result once more
 * (`✓ title`), which is not another attempt. Tests are named by the spec being run
 * (`Running:  login.cy.js  (1 of 4)`), the describe blocks above them (the reporter indents a
 * test under its describe titles) and their title, so `works` in two describes is two tests.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { MAX_TRACKED, Tally } from './tally.js';

const ATTEMPT = /^(✓|✖)?\(Attempt (\d+) of \d+\) (.+)$/;
const NUMBERED = /^(\d+)\) (.+)$/;
const DURATION = / \(\d+(?:\.\d+)?m?s\)$/;
const FAILING = /^\d+ failing$/;
const COUNT = /^\d+ (?:passing|pending|failing)\b/;
/** Lines of Cypress's own boxes and headings, never a describe title. */
const FRAME = /^[(│┌└├─]/;
const MAX_DEPTH = 10;

class CypressReader implements LogTestReader {
  private readonly tally = new Tally('cypress');
  private spec = '';
  /** Tests whose attempts each came with a mark (the experimental retry strategies). */
  private readonly marked = new Set<string>();
  private readonly numbered = new Map<number, string>();
  /** After `N failing`: mocha's failure details, each under its number. */
  private details = false;
  private detailFor: string | null = null;
  /** The describe titles above the current line, with their indentation. */
  private suites: { indent: number; title: string }[] = [];

  push(line: string): void {
    const s = line.trim();
    if (s === '') return;
    const c = s.charCodeAt(0);
    if (c === 82 /* R */ && s.startsWith('Running:')) {
      const rest = s.slice(8).trim();
      const end = rest.indexOf('  ');
      this.spec = (end < 0 ? rest : rest.slice(0, end)).slice(0, 200);
      this.numbered.clear();
      this.details = false;
      this.suites = [];
      return;
    }
    // Only inside a spec Cypress runs (until its `(Results)` box): `1) …` and `✓ …` lines are
    // common elsewhere.
    if (this.spec === '') return;
    if (s === '(Results)') {
      this.spec = '';
      return;
    }
    if (this.details) return this.detail(s);
    if (FAILING.test(s)) {
      this.details = true;
      return;
    }
    const indent = line.length - line.trimStart().length;
    while (this.suites.length > 0 && this.suites[this.suites.length - 1]!.indent >= indent) this.suites.pop();
    if (!this.test(s, c) && indent >= 2 && !FRAME.test(s) && !COUNT.test(s) && this.suites.length < MAX_DEPTH)
      this.suites.push({ indent, title: s.slice(0, 200) });
  }

  /** One test line (an attempt, a result, a numbered failure); false when the line is none. */
  private test(s: string, c: number): boolean {
    const a = ATTEMPT.exec(s);
    if (a) {
      const id = this.id(a[3]!);
      if (a[1] && this.marked.size < MAX_TRACKED) this.marked.add(id);
      this.tally.attempt(id, Number(a[2]), a[1] === '✓' ? 'passed' : 'failed');
      return true;
    }
    if (c === 0x2713 /* ✓ */ || c === 0x2716 /* ✖ */) {
      const id = this.id(s.slice(1).trim().replace(DURATION, ''));
      if (!this.tally.has(id)) return true;
      const outcome = c === 0x2713 ? 'passed' : 'failed';
      if (this.marked.has(id)) this.tally.final(id, outcome);
      else this.tally.attempt(id, this.tally.nextIndex(id), outcome);
      return true;
    }
    const n = NUMBERED.exec(s);
    if (!n) return false;
    const id = this.id(n[2]!);
    if (this.numbered.size < 2000) this.numbered.set(Number(n[1]), id);
    if (this.marked.has(id)) this.tally.final(id, 'failed');
    else this.tally.attempt(id, this.tally.nextIndex(id), 'failed');
    return true;
  }

  /** `1) suite`, `   title:`, then the error: the first `…Error` line is the reason. */
  private detail(s: string): void {
    const n = NUMBERED.exec(s);
    if (n) {
      this.detailFor = this.numbered.get(Number(n[1])) ?? null;
      return;
    }
    if (this.detailFor && /^\w*Error\b/.test(s)) {
      this.tally.reason(this.detailFor, s);
      this.detailFor = null;
    }
  }

  private id(title: string): string {
    return [this.spec, ...this.suites.map((x) => x.title), title].join(' › ');
  }

  finish(): TestResult[] {
    return this.tally.results();
  }
}

export const cypressParser: LogTestParser = { source: 'cypress', create: () => new CypressReader() };
