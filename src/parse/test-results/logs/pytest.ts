/**
 * pytest, with pytest-rerunfailures. Verbose lines (`tests/a.py::test_b RERUN   [ 50%]`, and
 * pytest-xdist's `[gw0] [ 50%] RERUN tests/a.py::test_b`) are one attempt each; the short
 * summary (`RERUN tests/a.py::test_b`, `FAILED tests/a.py::test_b - reason`) repeats them and is
 * read only for tests no verbose line showed, and for reasons.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

const WORDS: Record<string, 'passed' | 'failed' | 'skipped'> = {
  PASSED: 'passed',
  FAILED: 'failed',
  ERROR: 'failed',
  RERUN: 'failed',
  SKIPPED: 'skipped',
  XFAIL: 'skipped',
  XPASS: 'passed',
};

/** A node id: a path without spaces, `::`, then the name (a parametrize id may hold spaces). */
function isNodeId(s: string): boolean {
  const sep = s.indexOf('::');
  const space = s.indexOf(' ');
  return sep > 0 && (space < 0 || space > sep);
}

/** `id WORD [ 50%]` (verbose) or `[gw0] [ 50%] WORD id` (xdist); null when neither. */
export function verboseLine(line: string): { id: string; word: string } | null {
  let s = line.trim();
  if (s.startsWith('[gw')) {
    s = s.slice(s.indexOf(']') + 1).trimStart();
    if (s.startsWith('[')) s = s.slice(s.indexOf(']') + 1).trimStart();
    const sp = s.indexOf(' ');
    const word = s.slice(0, sp);
    const id = s.slice(sp + 1).trim();
    return sp > 0 && word in WORDS && isNodeId(id) ? { id, word } : null;
  }
  if (s.endsWith('%]')) s = s.slice(0, s.lastIndexOf('[')).trimEnd();
  const sp = s.lastIndexOf(' ');
  const word = s.slice(sp + 1);
  const id = s.slice(0, sp);
  return sp > 0 && word in WORDS && isNodeId(id) ? { id, word } : null;
}

class PytestReader implements LogTestReader {
  private readonly verbose = new Tally('pytest');
  /** RERUN lines of the short summary, one per rerun. */
  private readonly reruns = new Tally('pytest');
  private readonly failedFinal = new Set<string>();
  private readonly reasons = new Map<string, string>();
  private finished = false;

  push(line: string): void {
    // `=` opens pytest's section rules; every other line read holds a node id's `::`.
    if (line.charCodeAt(0) === 61) {
      if (line.endsWith('=') && / in \d/.test(line) && /\b(?:passed|failed|rerun|error)/.test(line))
        this.finished = true;
      return;
    }
    if (!line.includes('::')) return;
    const v = verboseLine(line);
    if (v) {
      this.verbose.attempt(v.id, null, WORDS[v.word]!);
      return;
    }
    const sp = line.indexOf(' ');
    // Old pytest versions wrote `FAIL` in the short summary (pytest-rerunfailures' README).
    const word = line.slice(0, sp) === 'FAIL' ? 'FAILED' : line.slice(0, sp);
    if (sp < 0 || !(word in WORDS)) return;
    const rest = line.slice(sp + 1);
    const dash = rest.indexOf(' - ');
    const id = dash > 0 ? rest.slice(0, dash) : rest.trim();
    if (!isNodeId(id)) return;
    if (word === 'RERUN') this.reruns.attempt(id, null, 'failed');
    else if ((word === 'FAILED' || word === 'ERROR') && this.failedFinal.size < 2000) this.failedFinal.add(id);
    if (dash > 0 && this.reasons.size < 2000) this.reasons.set(id, rest.slice(dash + 3));
  }

  finish(): TestResult[] {
    // Tests no verbose line showed (pytest without -v): the summary says how they went.
    for (const id of new Set([...this.reruns.ids(), ...this.failedFinal])) {
      if (this.verbose.has(id)) continue;
      const reruns = this.reruns.failures(id);
      const failed = this.failedFinal.has(id);
      // A rerun test the summary does not list as failed passed on its rerun, once the run is
      // known to have ended (its `= 1 failed, 2 passed, 3 rerun in 0.5s =` line).
      if (!failed && !this.finished) continue;
      for (let i = 0; i < reruns; i++) this.verbose.attempt(id, null, 'failed');
      this.verbose.attempt(id, null, failed ? 'failed' : 'passed');
    }
    for (const [id, reason] of this.reasons) this.verbose.reason(id, reason);
    return this.verbose.results();
  }
}

export const pytestParser: LogTestParser = { source: 'pytest', create: () => new PytestReader() };
