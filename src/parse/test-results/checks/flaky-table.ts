/**
 * The flaky-aware table of the seed repository's composite action
 * (`| Test | Runs | Final | @flaky |` and its `## Failures` section), read by
 * ../../summary-table.ts and mapped to TestResults. A row rebuilt from `## Failures` with
 * attempts left unaccounted for recovered only in a `neutral` check run (the test step
 * passed); elsewhere its outcome is unknown and the row is left out.
 */
import type { CheckRun, TestResult } from '../../../types.js';
import { failureFor, finallyPassed, parseTestReport, type TestReportRow } from '../../summary-table.js';
import type { CheckRunParser } from '../types.js';
import { MAX_TESTS, testResult } from './util.js';

const SOURCE = 'flaky-aware-table';

function toResult(row: TestReportRow, check: CheckRun, reason: string | null): TestResult | null {
  const base = { attempts: row.runs, reason, markedFlaky: row.markedFlaky };
  if (row.flaked > 0 && finallyPassed(row))
    return testResult(SOURCE, row.test, 'passed', { ...base, failed: row.flaked, passed: row.passed });
  if (row.fromFailures === true && row.flaked > 0) {
    if (check.conclusion !== 'neutral') return null;
    const passed = row.runs !== null ? Math.max(1, row.runs - row.flaked) : 1;
    return testResult(SOURCE, row.test, 'passed', { ...base, failed: row.flaked, passed });
  }
  if (row.failed > 0 && !finallyPassed(row))
    return testResult(SOURCE, row.test, 'failed', { ...base, failed: row.failed, passed: row.passed });
  if (finallyPassed(row)) return testResult(SOURCE, row.test, 'passed', { ...base, passed: row.runs ?? row.passed });
  if (/^skip/i.test(row.final)) return testResult(SOURCE, row.test, 'skipped', { ...base, attempts: 0 });
  return null;
}

export const flakyTableParser: CheckRunParser = {
  source: SOURCE,
  detects: (check) => parseTestReport(check.summary) !== null,
  parse(check) {
    const report = parseTestReport(check.summary);
    if (!report) return null;
    const out: TestResult[] = [];
    for (const row of report.rows.slice(0, MAX_TESTS)) {
      const r = toResult(row, check, failureFor(report, row.test));
      if (r) out.push(r);
    }
    return out;
  },
};
