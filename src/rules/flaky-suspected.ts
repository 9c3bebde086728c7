/**
 * Suspected flaky tests: on the default branch, a test that fails now and then, its failures
 * interleaved with passing runs, with no same-commit retry to prove it (those are flaky-test
 * findings proper). A streak of failures then passes is a regression that was fixed, not a
 * flake; a test failing in most runs is broken; a run where many tests failed at once had one
 * common cause. Claimed only on enough runs (`flaky.suspected` in the rules file), at low
 * severity, with the failure rate and the runs it rests on.
 */
import type { Config } from '../config-types.js';
import { findingId } from '../findings.js';
import type { Finding, History, Occurrence, Run } from '../types.js';
import { forEachObservation, reportChecks, type Observed } from './test-observations.js';
import { clip, frequency, occurrence, occurrences, plural } from './util.js';
import { append } from '../util/append.js';

interface Seen {
  run: Run;
  failed?: Observed;
}

/**
 * Runs of the default branch in which a reporter (`where`) could have shown the test failing:
 * a report check of that name was read, or a job of that name finished (a passing job passed
 * its tests; a failing one's log lists what failed). `reports`: report check names -> runs.
 */
function sampled(
  history: History,
  reports: Map<string, Map<number, Run>>,
  from: Observed['from'],
  where: string,
): Run[] {
  if (from === 'check') return [...(reports.get(where)?.values() ?? [])];
  return history.runs.filter(
    (r) =>
      onDefault(history, r) &&
      r.jobs.some(
        (j) =>
          j.name === where &&
          (j.conclusion === 'success' || (j.conclusion === 'failure' && history.logs[String(j.id)])),
      ),
  );
}

const onDefault = (history: History, r: Run): boolean => r.branch === history.defaultBranch && !r.headRepository;

/** Default-branch runs of each report check name. */
function reportRuns(history: History, config: Config): Map<string, Map<number, Run>> {
  const out = new Map<string, Map<number, Run>>();
  for (const { check, run } of reportChecks(history, config)) {
    if (!onDefault(history, run)) continue;
    const runs = out.get(check.name) ?? new Map<number, Run>();
    out.set(check.name, runs.set(run.id, run));
  }
  return out;
}

/** Whether the failures are interleaved with passes (F…P…F), not one streak. */
function interleaved(seq: boolean[]): boolean {
  const first = seq.indexOf(true);
  const last = seq.lastIndexOf(true);
  return seq.slice(first, last + 1).includes(false);
}

function finding(history: History, test: string, where: string, seen: Seen[]): Finding {
  const fails = seen.filter((s) => s.failed);
  const occ: Occurrence[] = fails.map((s) => occurrence(s.run, s.failed!.url, s.failed!.at, 'failed'));
  const rate = Math.round((100 * fails.length) / seen.length);
  const reasons = [...new Set(fails.map((s) => s.failed!.test.reason).filter((r): r is string => Boolean(r)))];
  const workflow = fails[0]!.run.name;
  return {
    id: findingId('flaky-test', 'suspected', test),
    category: 'flaky-test',
    severity: 'low',
    kind: 'infra',
    title: `Suspected flaky test ${test}`,
    subject: { workflow, test },
    detail: [
      `Failed in ${fails.length} of ${plural(seen.length, 'run')} on ${history.defaultBranch} (${rate}%), reported by ${where}, its failures interleaved with passing runs.`,
      'No retry or second run of the same commit shows it flaking: a suspicion, not a proof.',
      reasons.length > 0
        ? `Failure reasons: ${reasons
            .slice(0, 3)
            .map((r) => `"${clip(r, 200)}"`)
            .join('; ')}.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    frequency: frequency(history, occ),
    occurrences: occurrences(occ),
    matchTerms: [test, ...reasons.slice(0, 1).map((r) => clip(r, 120))],
  };
}

/**
 * Executions where many tests failed together share a cause (a broken dependency, a service
 * down): no evidence about any one test. They are left out, as neither a failure nor a pass.
 */
function massFailures(history: History, config: Config, maxTogether: number): Set<string> {
  const count = new Map<string, number>();
  forEachObservation(history, config, (o) => {
    if (o.test.outcome === 'failed') count.set(o.execution, (count.get(o.execution) ?? 0) + 1);
  });
  return new Set([...count].filter(([, n]) => n > maxTogether).map(([e]) => e));
}

/** Suspected flaky tests, leaving out those already proven flaky (`proven`). */
export function suspectedFlaky(history: History, config: Config, proven: Set<string>): Finding[] {
  const { minRuns, minFailures, maxRate, maxTogether } = config.flaky.suspected;
  // Two passes over the tests, keeping only failures: a window's tests are mostly passes.
  const mass = massFailures(history, config, maxTogether);
  const massRuns = new Set<string>();
  const failures = new Map<string, Observed[]>();
  forEachObservation(history, config, (o) => {
    if (mass.has(o.execution)) massRuns.add(`${o.where}\u0000${o.run.id}`);
    if (o.test.outcome !== 'failed' || proven.has(o.test.id)) return;
    if (!onDefault(history, o.run) || mass.has(o.execution)) return;
    const key = `${o.from}\u0000${o.where}\u0000${o.test.id}`;
    append(failures, key, o);
  });
  const out: Finding[] = [];
  const reports = failures.size > 0 ? reportRuns(history, config) : new Map<string, Map<number, Run>>();
  for (const list of failures.values()) {
    const { from, where, test } = { from: list[0]!.from, where: list[0]!.where, test: list[0]!.test.id };
    const byRun = new Map(list.map((o) => [o.run.id, o]));
    const seen: Seen[] = sampled(history, reports, from, where)
      .filter((run) => !massRuns.has(`${where}\u0000${run.id}`))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
      .map((run) => ({ run, failed: byRun.get(run.id) }));
    const fails = seen.filter((s) => s.failed).length;
    if (seen.length < minRuns || fails < minFailures) continue;
    if (fails / seen.length > maxRate || !interleaved(seen.map((s) => Boolean(s.failed)))) continue;
    out.push(finding(history, test, where, seen));
  }
  return out;
}
