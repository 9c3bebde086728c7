/**
 * The test-report check runs the audit reads, one parser per reporter: the most specific
 * first, the seed's generic table last. Adding a reporter is one file and one line here.
 */
import type { CheckRun, TestResult } from '../../../types.js';
import type { CheckRunParser } from '../types.js';
import { dornyParser } from './dorny.js';
import { flakyTableParser } from './flaky-table.js';
import { junitReportParser } from './junit-report.js';
import { publishUnitParser } from './publish-unit.js';

export const CHECK_RUN_PARSERS: readonly CheckRunParser[] = [
  publishUnitParser,
  dornyParser,
  junitReportParser,
  flakyTableParser,
];

type Parsed = { source: string; tests: TestResult[] } | null;

/** Rules read the same check runs more than once per audit: each is parsed once. */
const parsed = new WeakMap<CheckRun, Parsed>();

/** The tests of a check run, by the first reporter that recognises it; null when none does or it is unreadable. */
export function testsOfCheck(check: CheckRun): Parsed {
  if (parsed.has(check)) return parsed.get(check)!;
  const out = parseCheck(check);
  parsed.set(check, out);
  return out;
}

function parseCheck(check: CheckRun): Parsed {
  for (const p of CHECK_RUN_PARSERS) {
    try {
      if (!p.detects(check)) continue;
      const tests = p.parse(check);
      return tests ? { source: p.source, tests } : null;
    } catch {
      // A parser bug must never break an audit: no report is the safe answer.
      return null;
    }
  }
  return null;
}
