/**
 * Failures recurring across branches. Each hard failure gets a signature: a failed test
 * and its error line (from a failed test report of any reporter, else from the test runner's
 * output in the job's log), or a failed job's step and its first specific error (annotation,
 * else the log's first error line), normalised.
 * - the same signature on >= minBranches branches (or the default branch and another) is systemic;
 * - one branch failing the same way >= minRepeatsOnBranch times is that branch's own bug;
 * - a single failure is a human's problem: nothing.
 * A failure explained only by "Process completed with exit code 1" has no signature: two such
 * failures need not share a cause, and a false "systemic" costs more than a miss. Lost runners
 * and timeouts (logs.patterns runnerLost/timeout) are infrastructure, not a regression: the
 * `other` rule reports them.
 */
import type { z } from 'zod';
import { count, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { findingId } from '../findings.js';
import { testsOfCheck } from '../parse/test-results/checks/index.js';
import type { CheckRun, Finding, History, Job, LogRequest, Occurrence, Rule, Run, TestResult } from '../types.js';
import { isReportCheck, logTests, looksLikeTests } from './test-observations.js';
import {
  clip,
  failureReason,
  frequency,
  latestJobs,
  normalizeMessage,
  occurrence,
  occurrences,
  plural,
  runForCheckRun,
  uninformative,
  workflowKey,
} from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`recurringFailures:`). */
const CONFIG = section({
  minBranches: count(2).describe('The same signature on at least this many distinct branches is systemic.'),
  minRepeatsOnBranch: count(3).describe(
    'One branch failing the same way at least this many times is reported as its own bug.',
  ),
});

declare module '../config-types.js' {
  interface RuleSections {
    recurringFailures: z.output<typeof CONFIG>;
  }
}

interface Failure {
  /** Normalised: what groups. */
  signature: string;
  /** As seen: what the detail quotes. */
  error: string;
  workflow: string;
  job?: string;
  /** The failed job's id (job failures only). */
  jobId?: number;
  step?: string;
  test?: string;
  /** A job that runs tests (its failure may be a test report's). */
  testy?: boolean;
  occ: Occurrence;
}

const failed = (j: Job): boolean => j.conclusion === 'failure' || j.conclusion === 'timed_out';

function jobFailures(history: History, run: Run, skip: (l: string) => boolean): Failure[] {
  const out: Failure[] = [];
  for (const job of latestJobs(run)) {
    if (!failed(job)) continue;
    const error = failureReason(history, job, skip);
    if (!error) continue;
    const step = job.steps.find((s) => s.conclusion === 'failure')?.name;
    out.push({
      signature: `job\u0000${workflowKey(run)}\u0000${job.name}\u0000${step ?? ''}\u0000${normalizeMessage(error)}`,
      error,
      workflow: run.name,
      job: job.name,
      jobId: job.id,
      ...(step ? { step } : {}),
      testy: looksLikeTests(job),
      occ: occurrence(run, job.url, job.completedAt, step ? `failed at "${step}"` : undefined),
    });
  }
  return out;
}

/**
 * Failed test reports with the run each belongs to. A run re-attempted posts a report per
 * attempt: only the latest report of each name counts, as a run is judged by how it ended.
 */
function failedReports(history: History, config: Config): { cr: CheckRun; tests: TestResult[]; run: Run }[] {
  const latest = new Map<string, { cr: CheckRun; run: Run }>();
  for (const cr of history.checkRuns) {
    if (!isReportCheck(cr, config)) continue;
    const run = runForCheckRun(history, cr);
    if (!run) continue;
    const key = `${run.id}\u0000${cr.name}`;
    const prev = latest.get(key);
    if (!prev || (cr.completedAt ?? '') > (prev.cr.completedAt ?? '')) latest.set(key, { cr, run });
  }
  const out: { cr: CheckRun; tests: TestResult[]; run: Run }[] = [];
  for (const { cr, run } of latest.values()) {
    const parsed = cr.conclusion === 'failure' ? testsOfCheck(cr) : null;
    if (parsed) out.push({ cr, tests: parsed.tests, run });
  }
  return out;
}

const finallyFailed = (t: TestResult): boolean => t.outcome === 'failed' && t.failed > 0;

/**
 * Runs whose failed report names a failed test: those tests are the failure of the run's test
 * jobs. A failed report naming none (its annotations unread, or cut at the API's limit) explains
 * nothing, and the job keeps its own signature.
 */
const explainedRuns = (history: History, config: Config): Set<number> =>
  new Set(
    failedReports(history, config)
      .filter((x) => x.tests.some(finallyFailed))
      .map((x) => x.run.id),
  );

function testFailure(run: Run, t: TestResult, url: string, at: string | null, job?: string): Failure {
  const error = t.reason ?? '';
  return {
    signature: `test\u0000${t.id}\u0000${normalizeMessage(error)}`,
    error,
    workflow: run.name,
    ...(job ? { job } : {}),
    test: t.id,
    occ: occurrence(run, url, at, t.outcome),
  };
}

/**
 * Failed tests of failed reports, then those the job logs show (a test a report of the run
 * already names counts once). `jobs`: the ids of failed jobs whose log names a failed test.
 */
function testFailures(history: History, config: Config): { list: Failure[]; jobs: Set<number> } {
  const list: Failure[] = [];
  const seen = new Set<string>();
  for (const { cr, tests, run } of failedReports(history, config)) {
    // The report does not say which job posted it; a lone failed test job of the run did.
    const posters = latestJobs(run).filter((j) => failed(j) && looksLikeTests(j));
    const job = posters.length === 1 ? posters[0]!.name : undefined;
    for (const t of tests.filter(finallyFailed)) {
      seen.add(`${run.id}\u0000${t.id}`);
      list.push(testFailure(run, t, cr.url, cr.completedAt, job));
    }
  }
  const jobs = new Set<number>();
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      if (!failed(job)) continue;
      const tests = logTests(history.logs[String(job.id)]).filter(finallyFailed);
      if (tests.length > 0) jobs.add(job.id);
      for (const t of tests) {
        if (seen.has(`${run.id}\u0000${t.id}`)) continue;
        seen.add(`${run.id}\u0000${t.id}`);
        list.push(testFailure(run, t, job.url, job.completedAt, job.name));
      }
    }
  }
  return { list, jobs };
}

function describe(f: Failure): string {
  if (f.test) return `Test ${f.test} fails`;
  return `${f.workflow} / ${f.job}${f.step ? ` fails at "${f.step}"` : ' fails'}`;
}

/** `branch` null: systemic. Else confined to `branch`; `others` = other branches seen failing the same way. */
function finding(history: History, list: Failure[], branch: string | null, others = 0): Finding {
  const f = list[0]!;
  const occ = list.map((x) => x.occ);
  const freq = frequency(history, occ);
  const quote = f.error ? `: "${clip(f.error, 300)}"` : ' (no failure reason in the report)';
  const base = {
    category: 'recurring-failure' as const,
    kind: 'regression' as const,
    subject: {
      workflow: f.workflow,
      ...(f.job ? { job: f.job } : {}),
      ...(f.step ? { step: f.step } : {}),
      ...(f.test ? { test: f.test } : {}),
    },
    frequency: freq,
    occurrences: occurrences(occ),
    matchTerms: [f.test, f.step, f.error ? clip(f.error, 120) : undefined].filter((t): t is string => Boolean(t)),
  };
  if (branch === null) {
    const branches = [...new Set(occ.map((o) => o.branch))].sort();
    return {
      ...base,
      id: findingId('recurring-failure', f.signature),
      severity: 'high',
      systemic: true,
      title: `${describe(f)} the same way on ${plural(freq.branches, 'branch')}`,
      detail: `Same failure on ${plural(freq.branches, 'branch')} (${clip(branches.join(', '), 200)}) in ${plural(freq.runs, 'run')} of ${freq.of}${quote}.`,
    };
  }
  return {
    ...base,
    id: findingId('recurring-failure', f.signature, branch),
    severity: freq.runs >= 5 ? 'medium' : 'low',
    systemic: false,
    title: `${describe(f)} repeatedly, only on branch ${branch}`,
    detail:
      `Failed the same way in ${plural(freq.runs, 'run')} of ${freq.of} on branch ${branch}: a bug of that branch` +
      (others > 0
        ? ` (also seen on ${plural(others, 'other branch')}: too few branches to call it systemic)`
        : ', not seen elsewhere') +
      `${quote}.`,
  };
}

export const recurringFailuresRule: Rule = {
  name: 'recurringFailures',
  category: 'recurring-failure',
  config: { section: 'recurringFailures', schema: CONFIG },
  wantsLogs(history, config) {
    const skip = uninformative(config);
    // A failed test report already explains its test job: that log would only say "exit code 1".
    const explained = explainedRuns(history, config);
    const out: LogRequest[] = [];
    for (const run of history.runs) {
      for (const job of latestJobs(run)) {
        if (!failed(job) || failureReason(null, job, skip)) continue;
        if (explained.has(run.id) && looksLikeTests(job)) continue;
        out.push({ jobId: job.id, reason: 'failed', priority: LOG_PRIORITY.failed });
      }
    }
    return out;
  },
  run(history, config) {
    const skip = uninformative(config);
    // A test job whose run has a failed report is that report's failure: counted once, as the test.
    const explained = explainedRuns(history, config);
    const tests = testFailures(history, config);
    // A job whose log names its failed tests is those tests' failure: counted once, as the tests.
    const jobs = history.runs.flatMap((r) =>
      jobFailures(history, r, skip).filter(
        (f) => !(explained.has(r.id) && f.testy) && !(f.jobId !== undefined && tests.jobs.has(f.jobId)),
      ),
    );
    const all = [...jobs, ...tests.list];
    const bySig = new Map<string, Failure[]>();
    for (const f of all) append(bySig, f.signature, f);
    const { minBranches, minRepeatsOnBranch } = config.recurringFailures;
    const findings: Finding[] = [];
    for (const list of bySig.values()) {
      const branches = new Set(list.map((f) => f.occ.branch));
      const onDefault = branches.has(history.defaultBranch) && branches.size >= 2;
      if (branches.size >= Math.max(2, minBranches) || onDefault) {
        findings.push(finding(history, list, null));
        continue;
      }
      for (const b of branches) {
        const own = list.filter((f) => f.occ.branch === b);
        if (new Set(own.map((f) => f.occ.runId)).size >= Math.max(2, minRepeatsOnBranch))
          findings.push(finding(history, own, b, branches.size - 1));
      }
    }
    return findings;
  },
};
