/**
 * mikepenz/action-junit-report (src/annotator.ts and src/testParser.ts of that repository):
 * the check run it creates is titled `N tests run, P passed, S skipped, F failed.` (or
 * `No test results found!`); its summary is the user's `summary` input, its tables go to the
 * job summary, which the API does not serve. Each failed test is a `failure` annotation
 * (`warning` with a non-default annotation level) titled `file.test` (or its
 * `check_title_template`), with ` (failure i/n)` appended when a test failed more than once;
 * the message is the failure's message, `raw_details` its stack trace. With `include_passed`
 * and `annotate_notice`, passed tests are `notice` annotations whose message is the test name.
 * Retries (`check_retries`, JUnit `flakyFailure`) reach only the job summary's flaky table, not
 * the check run: a retried test that passed reads as passed.
 */
import type { Annotation, TestResult } from '../../../types.js';
import type { CheckRunParser } from '../types.js';
import { firstLine, merge, reasonOf, testResult } from './util.js';

const SOURCE = 'junit-report';
const TITLE = /^(?:\d{1,9} tests run, \d{1,9} passed, \d{1,9} skipped, \d{1,9} failed\.|No test results found!)$/;
const NTH = / \(failure \d{1,6}\/\d{1,6}\)$/;

function fromAnnotation(a: Annotation): TestResult | null {
  const title = a.title?.replace(NTH, '') ?? '';
  if (!title) return null;
  if (a.level === 'notice') return testResult(SOURCE, title, 'passed');
  return testResult(SOURCE, title, 'failed', { reason: firstLine(a.message) ?? reasonOf(a.rawDetails) });
}

export const junitReportParser: CheckRunParser = {
  source: SOURCE,
  detects: (check) => TITLE.test(check.title ?? ''),
  parse(check) {
    const into = new Map<string, TestResult>();
    for (const a of check.annotations) {
      const r = fromAnnotation(a);
      if (r) merge(into, r);
    }
    return [...into.values()];
  },
};
