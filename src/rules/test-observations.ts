/**
 * Every test result the history holds, from every source, tied to the run it belongs to:
 * test-report check runs (one parser per reporter, src/parse/test-results/checks) and the
 * test runners' output in job logs (`LogDigest.tests`, from the log parsers). The flaky and
 * recurring-failure rules read tests through this one list, whatever wrote them.
 */
import type { Config } from '../config-types.js';
import { testsOfCheck } from '../parse/test-results/checks/index.js';
import type { CheckRun, History, Job, LogDigest, Run, TestResult } from '../types.js';
import { runForCheckRun } from './util.js';

export interface Observed {
  test: TestResult;
  run: Run;
  /** The check run's name or the job's name: the same reporter across runs. */
  where: string;
  from: 'check' | 'log';
  /** One execution: a check run (`c<id>`) or a job (`j<id>`). */
  execution: string;
  url: string;
  at: string | null;
  /** The run attempt it belongs to (a check run: the latest attempt started before it completed). */
  attempt: number;
  /** The check run or job itself. */
  check?: CheckRun;
  job?: Job;
}

/** Check runs that carry a test report: the configured names, else any a parser recognises. */
export function isReportCheck(cr: CheckRun, config: Config): boolean {
  const names = config.testReports.names;
  return names.length === 0 || names.some((n) => n.toLowerCase() === cr.name.toLowerCase());
}

const TESTY = /test|spec|pytest|jest|vitest|playwright|cypress|rspec|nextest/i;
/** A job that runs tests, by its name or a step's. */
export const looksLikeTests = (job: Job): boolean => TESTY.test(job.name) || job.steps.some((s) => TESTY.test(s.name));

/** `LogDigest.tests` is filled by the log parsers; older histories have none. */
export const logTests = (d: LogDigest | undefined): TestResult[] => {
  const tests = (d as (LogDigest & { tests?: unknown }) | undefined)?.tests;
  return Array.isArray(tests) ? (tests as TestResult[]) : [];
};

/** The parsed reports of the history's check runs, with their runs, parsed one at a time as they are iterated. */
export function* reportChecks(
  history: History,
  config: Config,
): Generator<{ check: CheckRun; run: Run; tests: TestResult[] }> {
  for (const check of history.checkRuns) {
    if (!isReportCheck(check, config)) continue;
    const parsed = testsOfCheck(check);
    if (!parsed) continue;
    const run = runForCheckRun(history, check);
    if (run) yield { check, run, tests: parsed.tests };
  }
}

/** The attempt of `run` a check run completed in: the latest one whose jobs had started by then. */
function attemptAt(run: Run, at: string | null): number {
  if (!at) return run.runAttempt;
  let attempt = 1;
  for (const j of run.jobs) if (j.startedAt && j.startedAt <= at && j.runAttempt > attempt) attempt = j.runAttempt;
  return attempt;
}

/**
 * Every test result of the history, one at a time: a 10,000-run window's reports hold hundreds
 * of thousands, and a list of them all took ~80 MB at once. Rules keep what they need of each.
 */
export function forEachObservation(history: History, config: Config, visit: (o: Observed) => void): void {
  for (const { check, run, tests } of reportChecks(history, config)) {
    const attempt = attemptAt(run, check.completedAt);
    for (const test of tests)
      visit({
        test,
        run,
        where: check.name,
        from: 'check',
        execution: `c${check.id}`,
        url: check.url,
        at: check.completedAt,
        attempt,
        check,
      });
  }
  for (const run of history.runs) {
    for (const job of run.jobs) {
      for (const test of logTests(history.logs[String(job.id)]))
        visit({
          test,
          run,
          where: job.name,
          from: 'log',
          execution: `j${job.id}`,
          url: job.url,
          at: job.completedAt,
          attempt: job.runAttempt,
          job,
        });
    }
  }
}
