/**
 * Gradle's test task (with or without the test-retry plugin). Its console prints one line per
 * execution it logs: `FooTest > testBar() FAILED` (by default only failures), with the
 * exception indented below; `PASSED`/`SKIPPED` when `testLogging.events` asks. The retry plugin
 * runs a failed test again in the same task, so a test printed FAILED twice failed twice.
 * When only failures are logged, a retried test that then passed is not printed again: if the
 * build still ends `BUILD SUCCESSFUL` (and Gradle did not say "There were failing tests", as it
 * does with `ignoreFailures`), every test it printed FAILED passed in the end, after an
 * unknown number of attempts.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

const ENDINGS: [string, 'passed' | 'failed' | 'skipped'][] = [
  [' FAILED', 'failed'],
  [' PASSED', 'passed'],
  [' SKIPPED', 'skipped'],
];

class GradleReader implements LogTestReader {
  private readonly tally = new Tally('gradle');
  private last: string | null = null;
  private succeeded = false;
  private ignoredFailures = false;

  push(line: string): void {
    const s = line.trimEnd();
    const c = s.charCodeAt(0);
    if (c === 32 /* indented: the exception of the test just printed */) {
      if (this.last && s.trim() !== '') this.tally.reason(this.last, s.trim());
      this.last = null;
      return;
    }
    this.last = null;
    if (c === 66 /* B */) {
      if (s === 'BUILD SUCCESSFUL' || s.startsWith('BUILD SUCCESSFUL in ')) this.succeeded = true;
      return;
    }
    if (c === 84 /* T */ && s.startsWith('There were failing tests')) {
      this.ignoredFailures = true;
      return;
    }
    // `> Task :test FAILED` is the task, not a test; a pytest node id (`a.py::t[x > y] FAILED`,
    // its classic output style) is pytest's.
    if (c === 62 /* > */ || !s.includes(' > ') || s.includes('::')) return;
    for (const [end, outcome] of ENDINGS) {
      if (!s.endsWith(end)) continue;
      const id = s.slice(0, -end.length);
      this.tally.attempt(id, null, outcome);
      if (outcome === 'failed') this.last = id;
      return;
    }
  }

  finish(): TestResult[] {
    const results = this.tally.results();
    if (!this.succeeded || this.ignoredFailures) return results;
    return results.map((t) =>
      t.outcome === 'failed' ? { ...t, outcome: 'passed', passed: Math.max(1, t.passed), attempts: null } : t,
    );
  }
}

export const gradleParser: LogTestParser = { source: 'gradle', create: () => new GradleReader() };
