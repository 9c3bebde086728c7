/**
 * Flaky tests: failed and then passed on the same commit, from any test source (a reporter's
 * check run, a test runner's output in a job log), one finding per test:
 * - a retry inside one run: a result that failed and finally passed (`flaked 2, passed 1`,
 *   pytest-rerunfailures, jest retryTimes, Playwright retries, …);
 * - another execution of the same commit: the test failed in one report and passed in another
 *   from the same reporter, workflow and event (only sources that list passing tests say so);
 * - a job re-run: a job that failed and passed on a later attempt of the same run.
 * A test that ran many times by design and never failed is not flaky. Tests failing now and
 * then on the default branch with no such proof are "suspected flaky" (flaky-suspected.ts).
 */
import type { z } from 'zod';
import { count, flag, section, share } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { findingId } from '../findings.js';
import type { Finding, History, Job, LogRequest, Occurrence, Rule, Run } from '../types.js';
import { suspectedFlaky } from './flaky-suspected.js';
import { forEachObservation, looksLikeTests, type Observed } from './test-observations.js';
import {
  clip,
  failureReason,
  frequency,
  latestJobs,
  occurrence,
  occurrences,
  plural,
  uninformative,
  workflowKey,
} from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`flaky:`). */
const CONFIG = section({
  jobRetries: flag(true).describe('Flag job-level re-runs whose earlier attempt failed on the same commit.'),
  suspected: section({
    minRuns: count(5).describe('A test failing now and then on the default branch: seen in at least this many runs…'),
    minFailures: count(2).describe('…failing in at least this many of them, its failures between passes…'),
    maxRate: share(0.5).describe('…and in at most this share of them (failing more often, it is broken, not flaky).'),
    maxTogether: count(5).describe('More tests than this failing in one run is one common cause: not counted.'),
  }).describe('Suspected flaky tests, with no same-commit retry to prove it (low severity).'),
});

declare module '../config-types.js' {
  interface RuleSections {
    flaky: z.output<typeof CONFIG>;
  }
}

export { isReportCheck } from './test-observations.js';

interface Flake {
  /** The failing execution (a retry: the one that failed and recovered). */
  failed: Observed;
  /** Another execution of the same commit that passed; absent for a retry inside one run. */
  passed?: Observed;
}

const recoveredInOne = (o: Observed): boolean => o.test.outcome === 'passed' && o.test.failed > 0;
const failedOnly = (o: Observed): boolean => o.test.outcome === 'failed' && o.test.passed === 0;
const cleanPass = (o: Observed): boolean => o.test.outcome === 'passed' && o.test.failed === 0;

/**
 * A pull request's run tests the merge of its head with the base as it was then: two runs of
 * one head SHA may test different code, so only a re-run of the same run (same merge) counts.
 */
const MERGE_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

const attemptKey = (o: Observed): string => `${o.run.id}\u0000${o.attempt}\u0000${o.from}\u0000${o.where}`;

/** The executions of each attempt key (see `legs`). */
function addExecution(executions: Map<string, Set<string>>, o: Observed): void {
  const k = attemptKey(o);
  const set = executions.get(k);
  if (set) set.add(o.execution);
  else executions.set(k, new Set([o.execution]));
}

/**
 * Reports of one name posted more than once in one attempt of a run: matrix legs sharing a
 * report name (another OS, another runtime), whose different outcomes prove nothing.
 */
const legs = (executions: Map<string, Set<string>>): Set<string> =>
  new Set([...executions].filter(([, e]) => e.size > 1).map(([k]) => k));

/** Same commit (or same run, for a merge), reporter, workflow, event and test. */
function groupKey(o: Observed): string {
  const code = MERGE_EVENTS.has(o.run.event) ? `run ${o.run.id}` : o.run.headSha;
  return [workflowKey(o.run), o.run.event, code, o.from, o.where, o.test.id].join('\u0000');
}

/**
 * Tests that passed on a retry inside one execution, and tests that failed in one execution and
 * passed in another of the same commit, reporter, workflow and event (in another run, or in
 * another attempt of the same run). Two passes over the tests: the first finds the groups with
 * a failure, the second keeps only theirs (a window's passing tests are most of its tests).
 */
export function testFlakes(history: History, config: Config): Flake[] {
  const recovered: Flake[] = [];
  const executions = new Map<string, Set<string>>();
  const failing = new Set<string>();
  forEachObservation(history, config, (o) => {
    if (recoveredInOne(o)) recovered.push({ failed: o });
    addExecution(executions, o);
    if (failedOnly(o)) failing.add(groupKey(o));
  });
  const matrix = legs(executions);
  const groups = new Map<string, Observed[]>();
  if (failing.size > 0) {
    forEachObservation(history, config, (o) => {
      if ((!failedOnly(o) && !cleanPass(o)) || matrix.has(attemptKey(o))) return;
      const key = groupKey(o);
      if (failing.has(key)) append(groups, key, o);
    });
  }
  const across: Flake[] = [];
  for (const list of groups.values()) {
    const pass = list.find(cleanPass);
    if (!pass) continue;
    for (const f of list.filter(failedOnly))
      if (f.execution !== pass.execution) across.push({ failed: f, passed: pass });
  }
  return [...recovered, ...across];
}

function note(f: Flake): string {
  const t = f.failed.test;
  if (!f.passed) return `flaked ${t.failed}, passed ${t.passed}${t.attempts !== null ? ` (${t.attempts} runs)` : ''}`;
  return f.passed.run.id === f.failed.run.id
    ? 'failed here, passed on a re-run of this run'
    : `failed here, passed in run ${f.passed.run.runNumber} of the same commit`;
}

function testFinding(history: History, test: string, list: Flake[]): Finding {
  const occ: Occurrence[] = list.map((f) => occurrence(f.failed.run, f.failed.url, f.failed.at, note(f)));
  const freq = frequency(history, occ);
  const marked = list.some((f) => f.failed.test.markedFlaky);
  const reasons = [...new Set(list.map((f) => f.failed.test.reason).filter((r): r is string => Boolean(r)))];
  const where = [...new Set(list.map((f) => f.failed.where))];
  const retried = list.filter((f) => !f.passed);
  const across = list.filter((f) => f.passed);
  const flaked = retried.reduce((n, f) => n + f.failed.test.failed, 0);
  const detail = [
    retried.length > 0
      ? `Flaked ${flaked} time${flaked === 1 ? '' : 's'} and passed on retry in ${plural(new Set(retried.map((f) => f.failed.run.id)).size, 'run')} of ${freq.of} (${plural(freq.branches, 'branch')}), reported by ${where.join(', ')}.`
      : `Reported by ${where.join(', ')}.`,
    across.length > 0
      ? `Failed in ${plural(across.length, 'execution')} and passed in another execution of the same commit (same workflow, event and report).`
      : '',
    marked ? 'Marked @flaky.' : 'Not marked @flaky.',
    reasons.length > 0
      ? `Failure reason: ${reasons
          .slice(0, 3)
          .map((r) => `"${clip(r, 300)}"`)
          .join('; ')}.`
      : 'No failure reason in the report.',
  ]
    .filter(Boolean)
    .join(' ');
  const workflows = new Set(list.map((f) => f.failed.run.name));
  return {
    id: findingId('flaky-test', test),
    category: 'flaky-test',
    // A known (@flaky) flake is bookkeeping; an unmarked one recurring is worth a look.
    severity: !marked && freq.runs >= 2 ? 'medium' : 'low',
    kind: 'infra',
    title: `Flaky test ${test}${marked ? ' (marked @flaky)' : ''}`,
    subject: { ...(workflows.size === 1 ? { workflow: [...workflows][0]! } : {}), test },
    detail,
    frequency: freq,
    occurrences: occurrences(occ),
    matchTerms: [
      test,
      ...(test.includes('::') ? [test.split('::').pop()!] : []),
      ...reasons.slice(0, 1).map((r) => clip(r, 120)),
    ],
  };
}

interface Retry {
  run: Run;
  failed: Job;
  passed: Job;
}

/** Jobs that failed on an earlier attempt and passed on a later one of the same run. */
function retries(history: History): Retry[] {
  const out: Retry[] = [];
  for (const run of history.runs) {
    const byName = new Map<string, Job[]>();
    for (const j of run.jobs) append(byName, j.name, j);
    for (const jobs of byName.values()) {
      if (jobs.length < 2) continue;
      const sorted = [...jobs].sort((a, b) => a.runAttempt - b.runAttempt);
      const last = sorted[sorted.length - 1]!;
      const failed = sorted.find(
        (j) => j.runAttempt < last.runAttempt && (j.conclusion === 'failure' || j.conclusion === 'timed_out'),
      );
      if (failed && last.conclusion === 'success') out.push({ run, failed, passed: last });
    }
  }
  return out;
}

function failedStep(job: Job): string | null {
  return job.steps.find((s) => s.conclusion === 'failure')?.name ?? null;
}

/**
 * jest names a test `describe › name` where it failed and `describe name` (its full name) where it
 * was retried: tests are compared with their titles joined by spaces.
 */
const loose = (id: string): string => id.split(' › ').join(' ');

/**
 * The flaky test that made every failed attempt of `list` fail, if one did: then the re-runs are
 * that test's flakiness, one cause, and the job's finding folds into the test's (`causedBy`).
 */
function flakyCause(failed: Observed[], list: Retry[], flaky: string[]): string | null {
  const failedIn = (r: Retry): Set<string> =>
    new Set(
      failed
        .filter(
          (o) =>
            o.execution === `j${r.failed.id}` ||
            (o.from === 'check' && o.run.id === r.run.id && o.attempt === r.failed.runAttempt),
        )
        .map((o) => loose(o.test.id)),
    );
  const sets = list.map(failedIn);
  return flaky.find((t) => sets.every((s) => s.has(loose(t)))) ?? null;
}

function jobFinding(history: History, config: Config, key: string, list: Retry[], cause: string | null): Finding {
  const { run, failed } = list[0]!;
  const occ = list.map((r) => {
    const step = failedStep(r.failed);
    return occurrence(
      r.run,
      r.failed.url,
      r.passed.completedAt,
      `attempt ${r.failed.runAttempt} failed${step ? ` at "${step}"` : ''}, attempt ${r.passed.runAttempt} passed`,
    );
  });
  const freq = frequency(history, occ);
  const steps = [...new Set(list.map((r) => failedStep(r.failed)).filter((s): s is string => Boolean(s)))];
  // Lost runners and timeouts are reasons too: the retry absorbed them.
  const skip = uninformative(config, false);
  const errors = [
    ...new Set(list.map((r) => failureReason(history, r.failed, skip)).filter((e): e is string => Boolean(e))),
  ];
  const detail = [
    // Folded into the flaky test's finding, this first sentence is all it adds there.
    `${cause ? `Job ${run.name} / ${failed.name} failed on it and passed on a re-run` : 'Failed and then passed on a re-run'} of the same commit in ${plural(freq.runs, 'run')} of ${freq.of} (${plural(freq.branches, 'branch')}).`,
    steps.length > 0
      ? `Failed at step ${steps
          .slice(0, 3)
          .map((s) => `"${s}"`)
          .join(', ')}.`
      : '',
    errors.length > 0 ? `Error: "${clip(errors[0]!, 300)}".` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    id: findingId('flaky-test', 'job', key),
    category: 'flaky-test',
    severity: freq.runs >= 3 ? 'medium' : 'low',
    kind: 'infra',
    title: `Job ${run.name} / ${failed.name} passed only on re-run`,
    // A step would keep it apart from its cause's finding (a test's, with no step).
    subject: { workflow: run.name, job: failed.name, ...(steps.length === 1 && !cause ? { step: steps[0]! } : {}) },
    ...(cause ? { causedBy: findingId('flaky-test', cause) } : {}),
    detail,
    frequency: freq,
    occurrences: occurrences(occ),
    matchTerms: [failed.name, ...steps, ...errors.slice(0, 1).map((e) => clip(e, 120))],
  };
}

/** Passing test jobs' logs read per workflow and job: a runner's retries show only there. */
const HIDDEN_PER_JOB = 3;

/**
 * The newest logs of passing test jobs, after the first samples other rules ask for: a test
 * retried until it passed (pytest-rerunfailures, jest retryTimes, Playwright retries) leaves
 * its job green and says so only in its log.
 */
function hiddenRetries(history: History): LogRequest[] {
  const out: LogRequest[] = [];
  const perJob = new Map<string, number>();
  for (const run of [...history.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
    for (const job of latestJobs(run)) {
      if (job.conclusion !== 'success' || !looksLikeTests(job)) continue;
      const key = `${workflowKey(run)}\u0000${job.name}`;
      const n = perJob.get(key) ?? 0;
      if (n >= HIDDEN_PER_JOB) continue;
      perJob.set(key, n + 1);
      out.push({ jobId: job.id, reason: 'flaky-retries', priority: LOG_PRIORITY.flakyRetries - n });
    }
  }
  return out;
}

export const flakyRule: Rule = {
  name: 'flaky',
  category: 'flaky-test',
  config: { section: 'flaky', schema: CONFIG },
  /** The failed try of a job that passed on re-run, when no annotation says why: its reason. */
  wantsLogs(history, config) {
    const out = hiddenRetries(history);
    if (!config.flaky.jobRetries) return out;
    const skip = uninformative(config, false);
    return [
      ...retries(history)
        .filter((r) => !failureReason(null, r.failed, skip))
        .map((r) => ({ jobId: r.failed.id, reason: 'flaky', priority: LOG_PRIORITY.flaky })),
      ...out,
    ];
  },
  run(history, config) {
    const byTest = new Map<string, Flake[]>();
    for (const f of testFlakes(history, config)) append(byTest, f.failed.test.id, f);
    const findings = [...byTest].map(([test, list]) => testFinding(history, test, list));
    findings.push(...suspectedFlaky(history, config, new Set(byTest.keys())));
    if (config.flaky.jobRetries) {
      const byJob = new Map<string, Retry[]>();
      for (const r of retries(history)) {
        const key = `${workflowKey(r.run)}\u0000${r.failed.name}`;
        append(byJob, key, r);
      }
      const failed: Observed[] = [];
      if (byJob.size > 0)
        forEachObservation(history, config, (o) => {
          if (o.test.outcome === 'failed') failed.push(o);
        });
      const flaky = [...byTest.keys()];
      findings.push(
        ...[...byJob].map(([key, list]) => jobFinding(history, config, key, list, flakyCause(failed, list, flaky))),
      );
    }
    return findings;
  },
};
