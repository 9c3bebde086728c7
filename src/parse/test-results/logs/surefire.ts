/**
 * Maven Surefire and Failsafe. Their "Results:" section lists each failed or flaky test once:
 * with `rerunFailingTestsCount`, the test's name (`[WARNING] com.x.FooTest.testBar`) under
 * `Flakes:`, `Failures:` or `Errors:`, then one `  Run N: …` line per run (`  Run 2: PASS`);
 * without reruns, one `  FooTest.testBar:42 message` line. The per-class lines printed while the
 * tests ran (`… <<< FAILURE!`) repeat the same runs and are not read.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

/** Maven's level prefix, after an optional time of day (`12:59:02,936 [INFO] `). */
const LEVEL = /^(?:\d{1,2}:\d{2}:\d{2}(?:[,.]\d{1,3})? )?\[(?:INFO|WARNING|WARN|ERROR)\] ?/;
const RUN = /^ {2}Run (\d+): (.*)$/;
const SECTIONS: Record<string, 'flakes' | 'failures' | 'errors'> = {
  'Flakes:': 'flakes',
  'Failures:': 'failures',
  'Errors:': 'errors',
};

/** `UtilityTest.testHashMod5:42 Failed…` or `FooTest.bar » NullPointer`: the test's name. */
function nameOf(trace: string): string {
  const end = trace.search(/[: ]/);
  return end < 0 ? trace : trace.slice(0, end);
}

class SurefireReader implements LogTestReader {
  private readonly tally = new Tally('surefire');
  private section: 'flakes' | 'failures' | 'errors' | null = null;
  private current: string | null = null;

  push(line: string): void {
    if (line.charCodeAt(0) !== 91 /* [ */ && !/^\d/.test(line)) return;
    const level = LEVEL.exec(line);
    if (!level) return;
    const rest = line.slice(level[0].length).trimEnd();
    const head = SECTIONS[rest.trim()];
    if (head) {
      this.section = head;
      this.current = null;
      return;
    }
    if (!this.section) return;
    if (rest === '') {
      this.current = null;
      return;
    }
    if (rest.startsWith('Tests run:') || rest.startsWith('---')) {
      this.section = null;
      this.current = null;
      return;
    }
    const run = RUN.exec(rest);
    if (run && this.current) {
      const pass = run[2] === 'PASS';
      this.tally.attempt(this.current, Number(run[1]), pass ? 'passed' : 'failed');
      if (!pass) this.tally.reason(this.current, run[2]!);
      this.tally.final(this.current, this.section === 'flakes' ? 'passed' : 'failed');
    } else if (rest.startsWith('  ')) {
      // No rerun: one line per failed test, its trimmed stack trace.
      const trace = rest.trim();
      const id = nameOf(trace);
      this.tally.attempt(id, 1, 'failed');
      this.tally.reason(id, trace);
    } else if (!rest.startsWith(' ')) {
      this.current = rest.slice(0, 300);
    }
  }

  finish(): TestResult[] {
    return this.tally.results();
  }
}

export const surefireParser: LogTestParser = { source: 'surefire', create: () => new SurefireReader() };
