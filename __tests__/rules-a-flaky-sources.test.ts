/**
 * The flaky and recurring-failure rules on tests from every source at once: the reporters'
 * real check runs (fixtures/reports) and test results the log parsers put in `LogDigest.tests`.
 */
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { findingId } from '../src/findings.js';
import { flakyRule } from '../src/rules/flaky.js';
import { runRules } from '../src/rules/index.js';
import { recurringFailuresRule } from '../src/rules/recurring-failures.js';
import type { CheckRun, History, LogDigest, Run, TestResult } from '../src/types.js';
import { annotation, at, checkRun, config, digest, history, minutes, run, step } from '../test/factory.js';
import { checkFromJson, text, toAnnotation, type GhAnnotation } from './fixtures/reports/load.js';

const RSH = 'test.test_spark.SparkTests.test_rsh_events';
const FAILS = 'test_sample.test_which_fails';

/** A reporter's real check run (fixture JSON), posted during run `r`. */
function report(r: Run, file: string, over: Partial<CheckRun> = {}): CheckRun {
  const real = checkFromJson(file);
  const c = checkRun(r, {
    name: real.name,
    conclusion: real.conclusion,
    summary: real.summary,
    annotations: real.annotations,
  });
  return { ...c, title: real.title, ...over };
}

/** EnricoMi's junit.fail report with the failure of test_rsh_events taken out: it then passed. */
function rshPassed(r: Run): CheckRun {
  const c = report(r, 'publish-unit/junit.fail.json', { conclusion: 'success' });
  return { ...c, annotations: c.annotations.filter((a) => a.level === 'notice') };
}

const logTest = (over: Partial<TestResult>): TestResult => ({
  id: 'src/cart.test.ts › Cart › adds an item',
  source: 'jest',
  attempts: 1,
  failed: 1,
  passed: 0,
  outcome: 'failed',
  reason: 'expect(received).toBe(expected)',
  seconds: 0.4,
  markedFlaky: false,
  ...over,
});

function withLogTests(h: History, r: Run, tests: TestResult[]): History {
  const job = r.jobs[r.jobs.length - 1]!;
  const d: LogDigest = { ...digest(job, []), ...{ tests } };
  return { ...h, logs: { ...h.logs, [String(job.id)]: d } };
}

describe('flaky rule: another run of the same commit', () => {
  const sha = 'c'.repeat(40);
  const a = run({ branch: 'main', sha, created: minutes(0), jobs: [{ conclusion: 'failure' }] });
  const b = run({ branch: 'main', sha, created: minutes(30) });

  it('a test that failed in one run and passed in another of the same commit is flaky', () => {
    const h = history([a, b], { checkRuns: [report(a, 'publish-unit/junit.fail.json'), rshPassed(b)] });
    const found = flakyRule.run(h, config()).filter((f) => f.subject.test);
    expect(found.map((f) => f.id)).toEqual([findingId('flaky-test', RSH)]);
    expect(found[0]!.detail).toContain('passed in another execution of the same commit');
    expect(found[0]!.detail).toContain('AssertionError: 143 != 0');
    expect(found[0]!.occurrences).toEqual([
      expect.objectContaining({ runId: a.id, note: `failed here, passed in run ${b.runNumber} of the same commit` }),
    ]);
  });

  it('TRAP: two pull-request runs of one head SHA may test different merges: no proof', () => {
    const p1 = run({ branch: 'feat/spark', sha, created: minutes(0), jobs: [{ conclusion: 'failure' }] });
    const p2 = run({ branch: 'feat/spark', sha, created: minutes(30) });
    const h = history([p1, p2], { checkRuns: [report(p1, 'publish-unit/junit.fail.json'), rshPassed(p2)] });
    expect(flakyRule.run(h, config()).filter((f) => f.subject.test)).toEqual([]);
    // A re-run of the same pull-request run is the same merge: its report proves it.
    const rerun = run({
      branch: 'feat/spark',
      sha,
      created: minutes(0),
      jobs: [{ conclusion: 'failure' }, { attempt: 2 }],
    });
    rerun.jobs[1]!.startedAt = at(minutes(20));
    const again = { ...rshPassed(rerun), completedAt: at(minutes(25)) };
    const h2 = history([rerun], { checkRuns: [report(rerun, 'publish-unit/junit.fail.json'), again] });
    expect(flakyRule.run(h2, config()).filter((f) => f.subject.test)[0]!.occurrences[0]!.note).toBe(
      'failed here, passed on a re-run of this run',
    );
  });

  it('TRAP: matrix legs posting reports of one name in one attempt prove nothing', () => {
    const legs = run({
      branch: 'main',
      sha: 'd'.repeat(40),
      jobs: [{ name: 'test (3.8)', conclusion: 'failure' }, { name: 'test (3.12)' }],
    });
    const h = history([legs], { checkRuns: [report(legs, 'publish-unit/junit.fail.json'), rshPassed(legs)] });
    expect(flakyRule.run(h, config()).filter((f) => f.subject.test)).toEqual([]);
  });

  it('TRAP: another event, another report name (a matrix leg) or another commit proves nothing', () => {
    const pr = run({ branch: 'feat/spark', sha, created: minutes(30) });
    const other = run({ branch: 'main', created: minutes(30) });
    const matrix = { ...rshPassed(b), name: 'Test Results (3.12)' };
    for (const [r, c] of [
      [pr, rshPassed(pr)],
      [b, matrix],
      [other, rshPassed(other)],
    ] as const) {
      const h = history([a, r], { checkRuns: [report(a, 'publish-unit/junit.fail.json'), c] });
      expect(flakyRule.run(h, config()).filter((f) => f.subject.test)).toEqual([]);
    }
  });

  it('TRAP: a source listing failures only (action-junit-report) never proves a pass', () => {
    const h = history([a, b], {
      checkRuns: [
        report(a, 'junit-report/pytest-failed.json'),
        report(b, 'junit-report/pytest-failed.json', { conclusion: 'success', annotations: [] }),
      ],
    });
    expect(flakyRule.run(h, config()).filter((f) => f.subject.test)).toEqual([]);
  });
});

describe('flaky rule: retries the job log shows', () => {
  const r = run({ branch: 'main' });

  it('a test the runner retried until it passed is flaky, with its counts and reason', () => {
    const h = withLogTests(history([r]), r, [logTest({ attempts: 3, failed: 2, passed: 1, outcome: 'passed' })]);
    const [f] = flakyRule.run(h, config());
    expect(f).toMatchObject({ id: findingId('flaky-test', 'src/cart.test.ts › Cart › adds an item'), severity: 'low' });
    expect(f!.detail).toContain('Flaked 2 times and passed on retry in 1 run');
    expect(f!.detail).toContain('reported by test');
    expect(f!.occurrences[0]!.note).toBe('flaked 2, passed 1 (3 runs)');
  });

  it('TRAP: a test run three times by design that never failed is not flaky', () => {
    const h = withLogTests(history([r]), r, [logTest({ attempts: 3, failed: 0, passed: 3, outcome: 'passed' })]);
    expect(flakyRule.run(h, config())).toEqual([]);
  });

  it('one finding per test across sources: a log retry and a table flake of the same test', () => {
    const s = run({ branch: 'feat/x', created: minutes(60) });
    const id = 'apps/api/tests/test_hosts.py::test_create_host_on_modal';
    let h = history([r, s], { checkRuns: [checkRun(s)] });
    h = withLogTests(h, r, [logTest({ id, source: 'pytest', attempts: 2, failed: 1, passed: 1, outcome: 'passed' })]);
    const found = flakyRule.run(h, config()).filter((f) => f.subject.test === id);
    expect(found).toHaveLength(1);
    expect(found[0]!.frequency.runs).toBe(2);
    expect(found[0]!.severity).toBe('medium');
  });
});

describe('flaky rule: suspected flaky on the default branch', () => {
  /** Runs on main, oldest first, each with an action-junit-report check; `fails` marks which failed. */
  function mainRuns(fails: boolean[]): History {
    const runs = fails.map((_, i) => run({ branch: 'main', created: minutes(i * 60) }));
    const checks = runs.map((r, i) =>
      fails[i] ? report(r, 'junit-report/pytest-failed.json') : report(r, 'junit-report/retried-passed.json'),
    );
    return history(runs, { checkRuns: checks });
  }

  it('a test failing now and then, between passing runs, is suspected, with its rate and runs', () => {
    const found = flakyRule.run(mainRuns([false, true, false, false, true, false]), config());
    const f = found.find((x) => x.subject.test === FAILS)!;
    expect(f).toMatchObject({
      id: findingId('flaky-test', 'suspected', FAILS),
      title: `Suspected flaky test ${FAILS}`,
      severity: 'low',
      category: 'flaky-test',
    });
    expect(f.detail).toContain('Failed in 2 of 6 runs on main (33%)');
    expect(f.detail).toContain("AssertionError: assert 'test' == 'xyz'");
  });

  it('reads its thresholds from the rules file (flaky.suspected)', () => {
    const h = mainRuns([false, true, false, false, true, false]);
    const suspected = (over: (c: Config) => void) =>
      flakyRule.run(h, config(over)).filter((f) => f.subject.test === FAILS);
    expect(suspected(() => {})).toHaveLength(1);
    // Six runs are too few for a file asking for seven; two failures in six too many for a 30% ceiling.
    expect(suspected((c) => (c.flaky.suspected.minRuns = 7))).toEqual([]);
    expect(suspected((c) => (c.flaky.suspected.maxRate = 0.3))).toEqual([]);
    expect(suspected((c) => (c.flaky.suspected.minFailures = 3))).toEqual([]);
  });

  it('TRAP: a streak (broken, then fixed), too few runs, or failing most runs is not suspected', () => {
    expect(flakyRule.run(mainRuns([false, false, false, true, true, false]), config())).toEqual([]);
    expect(
      flakyRule.run(
        mainRuns([true, false, true, false].slice(0, DEFAULT_CONFIG.flaky.suspected.minRuns - 1)),
        config(),
      ),
    ).toEqual([]);
    expect(flakyRule.run(mainRuns([true, false, true, true, false, true]), config())).toEqual([]);
  });
});

describe('flaky rule: suspected flaky from job logs', () => {
  const cart = logTest({});
  /** Six runs on main; runs 2 and 5 fail, run 2 with `others` more failed tests in the same log. */
  function logRuns(others: number): History {
    const runs = [0, 1, 2, 3, 4, 5].map((i) =>
      run({
        branch: 'main',
        created: minutes(i * 60),
        jobs: [{ conclusion: i === 1 || i === 4 ? 'failure' : 'success' }],
      }),
    );
    let h = history(runs);
    const more = Array.from({ length: others }, (_, k) => logTest({ id: `src/other.test.ts › case ${k}` }));
    h = withLogTests(h, runs[1]!, [cart, ...more]);
    return withLogTests(h, runs[4]!, [cart]);
  }

  it('a test failing alone in the logs of 2 of 6 runs, between passing jobs, is suspected', () => {
    const f = flakyRule.run(logRuns(0), config()).find((x) => x.subject.test === cart.id)!;
    expect(f.id).toBe(findingId('flaky-test', 'suspected', cart.id));
    expect(f.detail).toContain('Failed in 2 of 6 runs on main (33%), reported by test');
  });

  it('TRAP: a run where many tests failed at once had one cause: it is no evidence of a flake', () => {
    expect(flakyRule.run(logRuns(6), config()).filter((x) => x.title.startsWith('Suspected'))).toEqual([]);
  });
});

describe('recurring failures from every source', () => {
  it('the same test and error from a report on one branch and a job log on another is systemic, once', () => {
    const a = run({ branch: 'feat/a', created: minutes(0), jobs: [{ conclusion: 'failure' }] });
    const b = run({ branch: 'feat/b', created: minutes(60), jobs: [{ conclusion: 'failure' }] });
    let h = history([a, b], { checkRuns: [report(a, 'publish-unit/junit.fail.json')] });
    h = withLogTests(h, b, [logTest({ id: RSH, source: 'pytest', reason: 'AssertionError: 143 != 0' })]);
    const found = recurringFailuresRule.run(h, config());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ systemic: true, severity: 'high', subject: { test: RSH } });
    expect(found[0]!.frequency).toMatchObject({ runs: 2, branches: 2 });
  });

  it('dorny failures on the default branch and a PR are systemic; one branch failing alike is its own bug', () => {
    const dorny = (r: Run): CheckRun =>
      checkRun(r, {
        name: 'JEST Tests',
        conclusion: 'failure',
        summary: text('dorny/jest-junit.md'),
        annotations: (JSON.parse(text('dorny/jest-junit.annotations.json')) as GhAnnotation[]).map(toAnnotation),
      });
    const main = run({ branch: 'main', created: minutes(0), jobs: [{ conclusion: 'failure' }] });
    const pr = run({ branch: 'feat/pr', created: minutes(60), jobs: [{ conclusion: 'failure' }] });
    expect(
      recurringFailuresRule.run(history([main, pr], { checkRuns: [dorny(main), dorny(pr)] }), config())[0],
    ).toMatchObject({
      systemic: true,
    });
    const own = [0, 60, 120].map((m) =>
      run({ branch: 'feat/own', created: minutes(m), jobs: [{ conclusion: 'failure' }] }),
    );
    const [f] = recurringFailuresRule.run(history(own, { checkRuns: own.map(dorny) }), config());
    expect(f).toMatchObject({ systemic: false, title: expect.stringContaining('only on branch feat/own') });
    expect(f!.subject.test).toBe('__tests__\\main.test.js ► Test 1 › Test 1.1 ► Failing test');
  });

  it('a failed report naming no test (its annotations unread) leaves the job its own signature', () => {
    const failing = (branch: string, minute: number): Run =>
      run({
        branch,
        created: minutes(minute),
        jobs: [{ conclusion: 'failure', annotations: [annotation('failure', 'connect ECONNREFUSED 127.0.0.1:5432')] }],
      });
    const [a, b] = [failing('feat/a', 0), failing('feat/b', 60)];
    const unread = (r: Run): CheckRun => ({ ...report(r, 'publish-unit/junit.fail.json'), annotations: [] });
    const found = recurringFailuresRule.run(history([a, b], { checkRuns: [unread(a), unread(b)] }), config());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ systemic: true, subject: { job: 'test' } });
    expect(found[0]!.detail).toContain('ECONNREFUSED');
  });

  it('TRAP: a test failing once, or a retry that recovered in the log, is no recurring failure', () => {
    const a = run({ branch: 'feat/a', jobs: [{ conclusion: 'failure' }] });
    const b = run({ branch: 'feat/b', created: minutes(60) });
    let h = history([a, b], { checkRuns: [report(a, 'junit-report/pytest-failed.json')] });
    h = withLogTests(h, b, [logTest({ id: FAILS, attempts: 2, failed: 1, passed: 1, outcome: 'passed' })]);
    expect(recurringFailuresRule.run(h, config())).toEqual([]);
  });
});

describe('flaky rule: a job re-run caused by a flaky test is that test finding (one cause, one finding)', () => {
  const retried = 'src/session.test.ts › SessionStore refreshes a token';
  /** Run attempt 1 failed, attempt 2 passed; each job's log gives these tests. */
  function reRun(failedTests: TestResult[]): History {
    const r = run({
      branch: 'main',
      jobs: [{ conclusion: 'failure', steps: [step('Run tests', 'failure')] }, { attempt: 2 }],
    });
    const h = history([r]);
    const [first, second] = r.jobs;
    h.logs[String(first!.id)] = { ...digest(first!, []), tests: failedTests };
    // jest's retry passed in attempt 2: it names the test by its full name (titles joined by spaces).
    h.logs[String(second!.id)] = {
      ...digest(second!, []),
      tests: [logTest({ id: retried, attempts: 2, failed: 1, passed: 1, outcome: 'passed' })],
    };
    return h;
  }

  it('folds the re-run into the flaky test finding when the failed attempt failed on that test', () => {
    // Where it failed in the end, jest names it `describe › name`.
    const h = reRun([
      logTest({ id: 'src/session.test.ts › SessionStore › refreshes a token', attempts: 3, failed: 3 }),
    ]);
    const raw = flakyRule.run(h, config());
    const job = raw.find((f) => f.title.startsWith('Job '))!;
    expect(job.causedBy).toBe(findingId('flaky-test', retried));
    const found = runRules(h, config(), [flakyRule]);
    expect(found.map((f) => f.subject.test)).toEqual([retried]);
    expect(found[0]!.detail).toContain('Job CI / test failed on it and passed on a re-run of the same commit');
  });

  it('TRAP: a re-run whose failed attempt failed on another test stays a job finding of its own', () => {
    const h = reRun([logTest({ id: 'src/cart.test.ts › Cart › adds an item' })]);
    const found = runRules(h, config(), [flakyRule]);
    expect(found.map((f) => f.title).sort()).toEqual([
      'Flaky test src/session.test.ts › SessionStore refreshes a token',
      'Job CI / test passed only on re-run',
    ]);
    const job = found.find((f) => f.title.startsWith('Job '))!;
    expect(job.causedBy).toBeUndefined();
    expect(job.subject.step).toBe('Run tests');
  });
});
