/**
 * Flaky tests: rows of a flaky-aware test report that flaked and then passed, one finding per
 * test, wherever the report is: a `neutral` check run (passed only after retries) or a
 * `failure` one (another test failed hard next to the flake). A row with many runs and
 * Final = `passed` is the runner's by-design reruns, never a flake.
 * Also flaky jobs: a job that failed and then passed on a re-run of the same run (same commit).
 * OWNER: rules A.
 */
import type { Config } from '../config.js';
import { findingId } from '../findings.js';
import { failureFor, finallyPassed, parseTestReport, type TestReportRow } from '../parse/summary-table.js';
import type { CheckRun, Finding, History, Job, Occurrence, Rule, Run } from '../types.js';
import {
  clip,
  failureReason,
  frequency,
  occurrence,
  occurrences,
  plural,
  runForCheckRun,
  uninformative,
} from './util.js';

interface Flake {
  row: TestReportRow;
  reason: string | null;
  check: CheckRun;
  run: Run;
}

/** Check runs that carry a test report: the configured names, else any with the table. */
export function isReportCheck(cr: CheckRun, config: Config): boolean {
  const names = config.testReports.names;
  return names.length === 0 || names.some((n) => n.toLowerCase() === cr.name.toLowerCase());
}

/**
 * A test known only from its `## Failures` blocks (its row cut to fit) with attempts left
 * unaccounted for: in a `neutral` check run the test step passed, so it recovered. In a
 * `failure` one it may as well have failed on the others: not claimed.
 */
const recovered = (row: TestReportRow, check: CheckRun): boolean =>
  row.fromFailures === true && check.conclusion === 'neutral';

function flakes(history: History, config: Config): Flake[] {
  const out: Flake[] = [];
  for (const check of history.checkRuns) {
    if ((check.conclusion !== 'neutral' && check.conclusion !== 'failure') || !isReportCheck(check, config)) continue;
    const report = parseTestReport(check.summary);
    if (!report) continue;
    const run = runForCheckRun(history, check);
    if (!run) continue;
    for (const row of report.rows) {
      if (row.flaked > 0 && (finallyPassed(row) || recovered(row, check)))
        out.push({ row, reason: failureFor(report, row.test), check, run });
    }
  }
  return out;
}

function testFinding(history: History, test: string, list: Flake[]): Finding {
  const occ: Occurrence[] = list.map((f) =>
    occurrence(
      f.run,
      f.check.url,
      f.check.completedAt,
      `${f.row.final}${f.row.runs !== null ? ` (${f.row.runs} runs)` : ''}`,
    ),
  );
  const freq = frequency(history, occ);
  const marked = list.some((f) => f.row.markedFlaky);
  const reasons = [...new Set(list.map((f) => f.reason).filter((r): r is string => Boolean(r)))];
  const checks = [...new Set(list.map((f) => f.check.name))];
  const flaked = list.reduce((n, f) => n + f.row.flaked, 0);
  const detail = [
    `Flaked ${flaked} time${flaked === 1 ? '' : 's'} and passed on retry in ${plural(freq.runs, 'run')} of ${freq.of} (${plural(freq.branches, 'branch')}), reported by ${checks.join(', ')}.`,
    marked ? 'Marked @flaky.' : 'Not marked @flaky.',
    reasons.length > 0
      ? `Failure reason: ${reasons
          .slice(0, 3)
          .map((r) => `"${clip(r, 300)}"`)
          .join('; ')}.`
      : 'No failure reason in the report.',
  ].join(' ');
  const workflows = new Set(list.map((f) => f.run.name));
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
    for (const j of run.jobs) byName.set(j.name, [...(byName.get(j.name) ?? []), j]);
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

function jobFinding(history: History, config: Config, key: string, list: Retry[]): Finding {
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
    `Failed and then passed on a re-run of the same commit in ${plural(freq.runs, 'run')} of ${freq.of} (${plural(freq.branches, 'branch')}).`,
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
    subject: { workflow: run.name, job: failed.name, ...(steps.length === 1 ? { step: steps[0]! } : {}) },
    detail,
    frequency: freq,
    occurrences: occurrences(occ),
    matchTerms: [failed.name, ...steps, ...errors.slice(0, 1).map((e) => clip(e, 120))],
  };
}

export const flakyRule: Rule = {
  name: 'flaky',
  /** The failed try of a job that passed on re-run, when no annotation says why: its reason. */
  wantsLogs(history, config) {
    if (!config.flaky.jobRetries) return [];
    const skip = uninformative(config, false);
    return retries(history)
      .filter((r) => !failureReason(null, r.failed, skip))
      .map((r) => ({ jobId: r.failed.id, reason: 'flaky', priority: 50 }));
  },
  run(history, config) {
    const byTest = new Map<string, Flake[]>();
    for (const f of flakes(history, config)) byTest.set(f.row.test, [...(byTest.get(f.row.test) ?? []), f]);
    const findings = [...byTest].map(([test, list]) => testFinding(history, test, list));
    if (config.flaky.jobRetries) {
      const byJob = new Map<string, Retry[]>();
      for (const r of retries(history)) {
        const key = `${r.run.workflowPath || r.run.name}\u0000${r.failed.name}`;
        byJob.set(key, [...(byJob.get(key) ?? []), r]);
      }
      findings.push(...[...byJob].map(([key, list]) => jobFinding(history, config, key, list)));
    }
    return findings;
  },
};
