/**
 * go test -v and gotestsum. `go test -v` prints `--- FAIL: TestX (0.01s)` (subtests indented)
 * and, after a package's tests, `ok  \tpkg\t0.1s` or `FAIL\tpkg\t0.1s`: a test is named by its
 * package, since two packages may hold a TestX. gotestsum (`--format testname`) prints
 * `FAIL pkg.TestX (re-run 1) (0.00s)`, and every format its `=== Failed` section
 * (`=== FAIL: pkg TestX (re-run 1) (0.00s)`) and `DONE 2 runs, …`; with `--rerun-fails` each
 * run reruns every test that failed in the one before, so a test that failed in run k < runs
 * and not in run k+1 passed there. When gotestsum's lines are present, `go test`'s own lines
 * inside them (its output of each failed test) are not read again.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { MAX_TRACKED, Tally } from './tally.js';

type Outcome = 'passed' | 'failed' | 'skipped';
const WORDS: Record<string, Outcome> = { PASS: 'passed', FAIL: 'failed', SKIP: 'skipped' };
const GO_RESULT = /^--- (PASS|FAIL|SKIP): (\S+)(?: \((\d+(?:\.\d+)?)s\))?/;
const PACKAGE_DONE = /^(?:ok|FAIL)\s+(\S+)\t/;
const RERUN = / \(re-run (\d+)\)/;
const SECONDS = / \((\d+(?:\.\d+)?)s\)$/;
const DONE_RUNS = /^DONE (\d+) runs?,/;
const LOG_LINE = /^\S+_test\.go:\d+: (.+)$/;
const TEST_NAME = /\.(?:Test|Example|Fuzz|Benchmark)/;

interface Pending {
  name: string;
  outcome: Outcome;
  seconds: number | null;
  reason: string | null;
}

/** `pkg.TestX (re-run 1) (0.00s)` → id, attempt index and seconds; null for a package line. */
function gotestsumName(rest: string): { id: string; index: number; seconds: number | null } | null {
  let s = rest.replace(/ \(cached\)$/, '');
  const sec = SECONDS.exec(s);
  if (sec) s = s.slice(0, sec.index);
  const r = RERUN.exec(s);
  if (r) s = s.slice(0, r.index);
  return s.includes(' ') ? null : { id: s, index: r ? Number(r[1]) + 1 : 1, seconds: sec ? Number(sec[1]) : null };
}

class GoReader implements LogTestReader {
  private readonly goTests = new Tally('go');
  private readonly sum = new Tally('gotestsum');
  private pending: Pending[] = [];
  private lastLog: string | null = null;
  /** The `=== FAIL:` entry of gotestsum's summary whose log line is yet to come. */
  private summaryFail: string | null = null;
  private runs = 0;

  push(line: string): void {
    const s = line.trim();
    const c = s.charCodeAt(0);
    if (c === 45 /* - */) return this.goResult(s);
    if (c === 61 /* = */) return this.summaryHeader(s);
    const log = s.includes('_test.go:') ? LOG_LINE.exec(s) : null;
    if (log) {
      this.lastLog = log[1]!;
      if (this.summaryFail) this.sum.reason(this.summaryFail, log[1]!);
      this.summaryFail = null;
      return;
    }
    const sp = s.indexOf(' ');
    const word = s.slice(0, sp);
    if (word in WORDS && sp > 0 && !s.includes('\t')) {
      const t = gotestsumName(s.slice(sp + 1));
      if (t && TEST_NAME.test(t.id)) this.sum.attempt(t.id, t.index, WORDS[word]!, t.seconds);
      return;
    }
    if (c === 111 /* o */ || c === 70 /* F */) {
      const done = PACKAGE_DONE.exec(line);
      if (done) this.flush(done[1]!);
    } else if (c === 68 /* D */ && s.startsWith('DONE ')) {
      const runs = DONE_RUNS.exec(s);
      this.runs = runs ? Number(runs[1]) : Math.max(this.runs, 1);
    }
  }

  private goResult(s: string): void {
    const m = GO_RESULT.exec(s);
    if (!m || this.pending.length >= MAX_TRACKED) return;
    const outcome = WORDS[m[1]!]!;
    this.pending.push({
      name: m[2]!,
      outcome,
      seconds: m[3] !== undefined ? Number(m[3]) : null,
      reason: outcome === 'failed' ? this.lastLog : null,
    });
    this.lastLog = null;
  }

  /** `=== FAIL: pkg TestX (re-run 1) (0.00s)` in gotestsum's summary. */
  private summaryHeader(s: string): void {
    this.summaryFail = null;
    if (!s.startsWith('=== FAIL: ')) return;
    const rest = s.slice(10);
    const sp = rest.indexOf(' ');
    const t = sp > 0 ? gotestsumName(rest.slice(sp + 1).trim()) : null;
    // `=== FAIL: pkg  (0.00s)` is the package's own failure (its main exited), no test.
    if (!t || !/^(?:Test|Example|Fuzz|Benchmark)/.test(t.id)) return;
    const id = `${rest.slice(0, sp)}.${t.id}`;
    this.sum.attempt(id, t.index, 'failed', t.seconds);
    this.summaryFail = id;
  }

  private flush(pkg: string): void {
    for (const p of this.pending) {
      const id = `${pkg}.${p.name}`;
      this.goTests.attempt(id, null, p.outcome, p.seconds);
      if (p.reason) this.goTests.reason(id, p.reason);
    }
    this.pending = [];
  }

  finish(): TestResult[] {
    if (this.sum.size === 0) {
      this.flush('');
      return this.goTests.results().map((t) => (t.id.startsWith('.') ? { ...t, id: t.id.slice(1) } : t));
    }
    // A test that failed in run k of more was rerun in run k+1; no failure there is a pass.
    for (const r of this.sum.results()) {
      const k = this.sum.lastFailedIndex(r.id);
      if (r.outcome === 'failed' && this.runs > 1 && k < this.runs) this.sum.attempt(r.id, k + 1, 'passed');
    }
    return this.sum.results();
  }
}

export const goParser: LogTestParser = { source: 'go', create: () => new GoReader() };
