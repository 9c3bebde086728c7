import { digestLogText } from '../src/parse/log-digest.js';
import { recurringFailuresRule as rule } from '../src/rules/recurring-failures.js';
import { annotation, checkRun, config, digest, history, match, minutes, run, step, summary } from '../test/factory.js';

const EXIT = annotation('failure', 'Process completed with exit code 1.');

/** A CI run whose `build` job fails at "Install dependencies" with `error`. */
const failing = (
  branch: string,
  minute: number,
  error: string | null = 'npm ERR! 404 Not Found - GET https://registry.npmjs.org/@acme%2finternal-9f3a2b1 - Not found',
) =>
  run({
    branch,
    created: minutes(minute),
    jobs: [
      {
        name: 'build',
        conclusion: 'failure',
        steps: [step('Set up job'), step('Install dependencies', 'failure', 2), step('Build', 'skipped', 3)],
        annotations: error ? [annotation('failure', error), EXIT] : [EXIT],
      },
    ],
  });

describe('recurring-failures rule: jobs', () => {
  it('calls the same failure on unrelated branches systemic, quoting the error', () => {
    const runs = [
      failing('feat/a', 0),
      failing(
        'feat/b',
        30,
        'npm ERR! 404 Not Found - GET https://registry.npmjs.org/@acme%2finternal-77c0de1 - Not found',
      ),
      failing('dependabot/npm_and_yarn/x-1.2.3', 60),
      run({ created: minutes(90) }),
    ];
    const [f, ...rest] = rule.run(history(runs), config());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      category: 'recurring-failure',
      kind: 'regression',
      severity: 'high',
      systemic: true,
      subject: { workflow: 'CI', job: 'build', step: 'Install dependencies' },
      frequency: { runs: 3, of: 4, branches: 3 },
    });
    expect(f!.title).toBe('CI / build fails at "Install dependencies" the same way on 3 branches');
    expect(f!.detail).toContain('npm ERR! 404 Not Found');
    expect(f!.detail).toContain('feat/a, feat/b');
    expect(f!.occurrences[0]).toMatchObject({
      runId: runs[2]!.id,
      url: runs[2]!.jobs[0]!.url,
      note: 'failed at "Install dependencies"',
    });
    expect(f!.matchTerms).toEqual(expect.arrayContaining(['Install dependencies']));
  });

  it('TRAP: one branch failing the same way repeatedly is its own bug, never systemic', () => {
    const runs = [
      failing('feat/a', 0),
      failing('feat/a', 30),
      failing('feat/a', 60),
      failing('feat/other', 90, 'Error: Cannot find module ./gen/schema'),
    ];
    const found = rule.run(history(runs), config());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ systemic: false, severity: 'low', frequency: { runs: 3, of: 4, branches: 1 } });
    expect(found[0]!.title).toContain('only on branch feat/a');
    expect(found[0]!.detail).toContain('a bug of that branch');
    expect(found[0]!.severity).not.toBe('high');
  });

  it('TRAP: a single failure, or two on one branch, is a human problem: no finding', () => {
    expect(rule.run(history([failing('feat/a', 0), run({ created: minutes(30) })]), config())).toEqual([]);
    expect(rule.run(history([failing('feat/a', 0), failing('feat/a', 30)]), config())).toEqual([]);
  });

  it('honours minBranches, but the default branch and another is always systemic', () => {
    const two = [failing('feat/a', 0), failing('feat/b', 30)];
    expect(
      rule.run(
        history(two),
        config((c) => (c.recurringFailures.minBranches = 3)),
      ),
    ).toEqual([]);
    const withMain = [failing('main', 0), failing('feat/b', 30)];
    expect(
      rule.run(
        history(withMain),
        config((c) => (c.recurringFailures.minBranches = 3)),
      )[0]!.systemic,
    ).toBe(true);
  });

  it('below minBranches, a branch with repeats is still its own bug, and says where else it was seen', () => {
    const runs = [failing('feat/a', 0), failing('feat/a', 30), failing('feat/a', 60), failing('feat/b', 90)];
    const found = rule.run(
      history(runs),
      config((c) => (c.recurringFailures.minBranches = 3)),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ systemic: false, frequency: { runs: 3, branches: 1 } });
    expect(found[0]!.detail).toContain('also seen on 1 other branch');
  });

  it("counts a fork's branch as its own branch, never as the default branch", () => {
    const fork = (branch: string, minute: number) => ({
      ...failing(branch, minute),
      headRepository: 'drive-by/widgets',
    });
    const strict = config((c) => (c.recurringFailures.minBranches = 3));
    // A fork's main and a feature branch: two branches, neither the default one.
    expect(rule.run(history([fork('main', 0), failing('feat/b', 30)]), strict)).toEqual([]);
    // The repository's main and a fork's main are two branches, one the default: systemic.
    const [f] = rule.run(history([failing('main', 0), fork('main', 30)]), strict);
    expect(f).toMatchObject({ systemic: true, frequency: { branches: 2 } });
    expect(f!.occurrences.map((o) => o.branch).sort()).toEqual(['drive-by:main', 'main']);
  });

  it('TRAP: failures explained only by an exit code have no signature', () => {
    const runs = [failing('feat/a', 0, null), failing('feat/b', 30, null), failing('feat/c', 60, null)];
    expect(rule.run(history(runs), config())).toEqual([]);
  });

  it('reads the error from the log digest when annotations do not explain the failure', () => {
    const runs = [failing('feat/a', 0, null), failing('feat/b', 30, null)];
    const logs = Object.fromEntries(
      runs.map((r, i) => {
        const job = r.jobs[0]!;
        const lines = [
          match('error', 'Process completed with exit code 1.'),
          match('error', `fatal: couldn't find remote ref refs/notes/ci-${i}a1b2c3d`),
        ];
        return [String(job.id), digest(job, lines)];
      }),
    );
    const [f] = rule.run(history(runs, { logs }), config());
    expect(f!.systemic).toBe(true);
    expect(f!.detail).toContain("fatal: couldn't find remote ref refs/notes/ci-");
  });

  it('reads a failed test named by the runner in the log (through the real digester)', () => {
    const log = (n: number) =>
      [
        // The runner's raw shape: the group holds the echoed script, the output follows it.
        '\uFEFF2026-11-20T08:01:00.0000000Z ##[group]Run pytest -q',
        '2026-11-20T08:01:00.1000000Z \u001b[36;1mpytest -q\u001b[0m',
        '2026-11-20T08:01:00.2000000Z shell: /usr/bin/bash -e {0}',
        '2026-11-20T08:01:00.3000000Z ##[endgroup]',
        '2026-11-20T08:01:01.0000000Z ============ short test summary info ============',
        `2026-11-20T08:01:02.0000000Z FAILED tests/test_api.py::test_rate_limit - AssertionError: assert ${n} == 429`,
        '2026-11-20T08:01:04.0000000Z ##[error]Process completed with exit code 1.',
      ].join('\n');
    const runs = [failing('feat/a', 0, null), failing('feat/b', 30, null)];
    const logs = Object.fromEntries(
      runs.map((r, i) => [String(r.jobs[0]!.id), digestLogText(r.jobs[0]!.id, log(200 + i), config())]),
    );
    const [f, ...rest] = rule.run(history(runs, { logs }), config());
    expect(rest).toEqual([]);
    // The pytest reader names the test: the signature is the test and its error, not the step.
    expect(f).toMatchObject({ systemic: true, subject: { job: 'build', test: 'tests/test_api.py::test_rate_limit' } });
    expect(f!.detail).toMatch(/AssertionError: assert 20[01] == 429/);
  });

  it('counts a failing test job once, as its test, when a failed report explains it', () => {
    const log = 'FAILED libs/cli/tests/test_docs.py::test_cli_docs_up_to_date - AssertionError: stale';
    const mk = (branch: string, minute: number) =>
      run({
        branch,
        created: minutes(minute),
        jobs: [{ name: 'test', conclusion: 'failure', steps: [step('Run tests', 'failure')], annotations: [EXIT] }],
      });
    const [a, b] = [mk('feat/a', 0), mk('feat/b', 30)];
    const logs = Object.fromEntries(
      [a, b].map((r) => [String(r.jobs[0]!.id), digest(r.jobs[0]!, [match('testFailure', log)])]),
    );
    const reports = [a, b].map((r) =>
      checkRun(r, { name: 'Unit + Integration Tests', conclusion: 'failure', summary: summary('unit-failure.md') }),
    );
    const found = rule.run(history([a, b], { logs, checkRuns: reports }), config());
    expect(found).toHaveLength(1);
    expect(found[0]!.subject.test).toBe('libs/cli/tests/test_docs.py::test_cli_docs_up_to_date');
    expect(rule.run(history([a, b], { logs }), config())[0]!.subject).toEqual({
      workflow: 'CI',
      job: 'test',
      step: 'Run tests',
    });
  });

  it('judges a run by its latest attempt', () => {
    const rerun = (branch: string, minute: number) =>
      run({
        branch,
        created: minutes(minute),
        jobs: [
          {
            name: 'build',
            attempt: 1,
            conclusion: 'failure',
            annotations: [annotation('failure', 'Error: ETIMEDOUT')],
          },
          { name: 'build', attempt: 2, conclusion: 'success' },
        ],
      });
    expect(rule.run(history([rerun('feat/a', 0), rerun('feat/b', 30)]), config())).toEqual([]);
  });

  it('TRAP: lost runners and timeouts are infrastructure, not a recurring regression', () => {
    const lost =
      'The self-hosted runner: modal-runner-3 lost communication with the server. Verify the machine is running.';
    const timeout = 'The job running on runner GitHub Actions 7 has exceeded the maximum execution time of 30 minutes.';
    const runs = [
      failing('feat/a', 0, lost),
      failing('feat/b', 30, lost),
      failing('feat/c', 60, timeout),
      failing('feat/d', 90, timeout),
    ];
    expect(rule.run(history(runs), config())).toEqual([]);
  });

  it('TRAP: ignored lines do not make a signature', () => {
    const runs = [
      failing('feat/a', 0, 'Installing at runtime failed'),
      failing('feat/b', 30, 'Installing at runtime failed'),
    ];
    // The global list as the seed repository's rules file sets it (the defaults name no repository's lines).
    expect(
      rule.run(
        history(runs),
        config((c) => c.ignore.push('building from mngr default Dockerfile', 'Installing at runtime')),
      ),
    ).toEqual([]);
  });
});

describe('recurring-failures rule: test reports', () => {
  it('groups a failed test by its id and error line across branches', () => {
    const a = run({ branch: 'feat/a', conclusion: 'failure' });
    const b = run({ branch: 'feat/b', created: minutes(30), conclusion: 'failure' });
    const unit = (r: typeof a) =>
      checkRun(r, { name: 'Unit + Integration Tests', conclusion: 'failure', summary: summary('unit-failure.md') });
    const h = history([a, b], { checkRuns: [unit(a), unit(b)] });
    const [f, ...rest] = rule.run(h, config());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      systemic: true,
      subject: { workflow: 'CI', test: 'libs/cli/tests/test_docs.py::test_cli_docs_up_to_date' },
      frequency: { runs: 2, of: 2, branches: 2 },
    });
    expect(f!.title).toBe(
      'Test libs/cli/tests/test_docs.py::test_cli_docs_up_to_date fails the same way on 2 branches',
    );
    expect(f!.detail).toContain('AssertionError: docs/cli.md is stale');
    expect(f!.occurrences.map((o) => o.url)).toEqual([h.checkRuns[1]!.url, h.checkRuns[0]!.url]);
  });

  it('names the lone failed test job of the run as the job, and does not ask for its log', () => {
    const r = (branch: string, minute: number) =>
      run({
        branch,
        created: minutes(minute),
        jobs: [{ name: 'test', conclusion: 'failure', annotations: [EXIT] }, { name: 'lint' }],
      });
    const [a, b] = [r('feat/a', 0), r('feat/b', 30)];
    const unit = (x: typeof a) =>
      checkRun(x, { name: 'Unit + Integration Tests', conclusion: 'failure', summary: summary('unit-failure.md') });
    const h = history([a, b], { checkRuns: [unit(a), unit(b)] });
    expect(rule.run(h, config())[0]!.subject).toEqual({
      workflow: 'CI',
      job: 'test',
      test: 'libs/cli/tests/test_docs.py::test_cli_docs_up_to_date',
    });
    expect(rule.wantsLogs!(h, config())).toEqual([]);
    expect(rule.wantsLogs!(history([a, b]), config())).toHaveLength(2);
  });

  it('TRAP: a failed report of an earlier attempt does not count when the re-run passed', () => {
    const mk = (branch: string, minute: number) =>
      run({
        branch,
        created: minutes(minute),
        jobs: [
          { name: 'test', attempt: 1, conclusion: 'failure' },
          { name: 'test', attempt: 2 },
        ],
      });
    const [a, b] = [mk('feat/a', 0), mk('feat/b', 30)];
    const reports = [a, b].flatMap((r) => [
      checkRun(r, {
        name: 'Unit + Integration Tests',
        conclusion: 'failure',
        summary: summary('unit-failure.md'),
        after: minutes(4),
      }),
      checkRun(r, { name: 'Unit + Integration Tests', conclusion: 'success', summary: null, after: minutes(9) }),
    ]);
    expect(rule.run(history([a, b], { checkRuns: reports }), config())).toEqual([]);
    const failedLast = [a, b].map((r) =>
      checkRun(r, {
        name: 'Unit + Integration Tests',
        conclusion: 'failure',
        summary: summary('unit-failure.md'),
        after: minutes(10),
      }),
    );
    expect(rule.run(history([a, b], { checkRuns: [...reports, ...failedLast] }), config())).toHaveLength(1);
  });

  it('TRAP: flaked-then-passed rows of a neutral report are not failures', () => {
    const a = run({ branch: 'feat/a' });
    const b = run({ branch: 'feat/b', created: minutes(30) });
    expect(rule.run(history([a, b], { checkRuns: [checkRun(a), checkRun(b)] }), config())).toEqual([]);
  });
});

describe('recurring-failures rule: wantsLogs', () => {
  it('asks for failed jobs that no annotation explains, at high priority', () => {
    const unexplained = failing('feat/a', 0, null);
    const explained = failing('feat/b', 30);
    const passing = run({ created: minutes(60) });
    const wants = rule.wantsLogs!(history([unexplained, explained, passing]), config());
    expect(wants).toEqual([{ jobId: unexplained.jobs[0]!.id, reason: 'failed', priority: 80 }]);
  });
});
