import { flakyRule } from '../src/rules/flaky.js';
import { annotation, checkRun, config, digest, history, match, minutes, run, step } from '../test/factory.js';

const HOSTS = 'apps/api/tests/test_hosts.py::test_create_host_on_modal';
const LOGIN = 'apps/web/tests/test_login.py::test_redirect_after_login';

describe('flaky rule: tests', () => {
  const a = run({ branch: 'main', created: minutes(0) });
  const b = run({ branch: 'feat/hosts', created: minutes(60) });
  const clean = run({ branch: 'feat/docs', created: minutes(120) });
  const h = history([a, b, clean], {
    checkRuns: [
      checkRun(a),
      checkRun(b),
      checkRun(clean, {
        conclusion: 'success',
        summary: '| Test | Runs | Final | @flaky |\n|--|--|--|--|\n| `x::y` | 9 | passed | no |',
      }),
    ],
  });
  const found = flakyRule.run(h, config());

  it('reports each test that flaked and then passed, once, across runs', () => {
    expect(found.map((f) => f.subject.test).sort()).toEqual([HOSTS, LOGIN]);
    const hosts = found.find((f) => f.subject.test === HOSTS)!;
    expect(hosts).toMatchObject({
      category: 'flaky-test',
      kind: 'infra',
      severity: 'medium',
      title: `Flaky test ${HOSTS}`,
      subject: { workflow: 'CI', test: HOSTS },
      frequency: { runs: 2, of: 3, branches: 2 },
    });
    expect(hosts.detail).toContain('Not marked @flaky');
    expect(hosts.detail).toContain('TimeoutError: sandbox sb-8f2c91d0 did not start within 120s');
    expect(hosts.occurrences).toEqual([
      {
        runId: b.id,
        url: h.checkRuns[1]!.url,
        branch: 'feat/hosts',
        at: h.checkRuns[1]!.completedAt,
        note: 'flaked 2, passed 1 (3 runs)',
      },
      {
        runId: a.id,
        url: h.checkRuns[0]!.url,
        branch: 'main',
        at: h.checkRuns[0]!.completedAt,
        note: 'flaked 2, passed 1 (3 runs)',
      },
    ]);
    expect(hosts.matchTerms).toEqual(expect.arrayContaining([HOSTS, 'test_create_host_on_modal']));
  });

  it('says when a flaky test is already marked @flaky, at low severity', () => {
    const login = found.find((f) => f.subject.test === LOGIN)!;
    expect(login.severity).toBe('low');
    expect(login.title).toContain('marked @flaky');
    expect(login.detail).toContain("AssertionError: assert '/' == '/login'");
  });

  it('TRAP: a high run count with Final = passed is a by-design rerun, not a flake', () => {
    expect(found.some((f) => f.subject.test?.includes('test_sync_large_repo'))).toBe(false);
    expect(found.some((f) => f.subject.test === 'x::y')).toBe(false);
  });

  it('keeps the id stable for the same test', () => {
    const again = flakyRule.run(history([a], { checkRuns: [h.checkRuns[0]!] }), config());
    expect(again.find((f) => f.subject.test === HOSTS)!.id).toBe(found.find((f) => f.subject.test === HOSTS)!.id);
  });
});

describe('flaky rule: which check runs count', () => {
  const r = run({ branch: 'feat/z' });

  it('TRAP: a neutral check run without the table says nothing', () => {
    const cr = checkRun(r, { name: 'Lint report', summary: 'Found 3 style issues (non-blocking).' });
    expect(flakyRule.run(history([r], { checkRuns: [cr] }), config())).toEqual([]);
  });

  it('TRAP: a malformed table says nothing and does not throw', () => {
    const bad = '| Test | Runs | Final | @flaky |\n| `a::b | 3 | flaked | \n|||||\n| \\| | x | flaked two | yes';
    const cr = checkRun(r, { summary: bad });
    expect(() => flakyRule.run(history([r], { checkRuns: [cr] }), config())).not.toThrow();
    expect(flakyRule.run(history([r], { checkRuns: [cr] }), config())).toEqual([]);
    expect(flakyRule.run(history([r], { checkRuns: [checkRun(r, { summary: null })] }), config())).toEqual([]);
  });

  it('reads only the configured report names when given', () => {
    const cr = checkRun(r, { name: 'Acceptance Tests' });
    expect(
      flakyRule.run(
        history([r], { checkRuns: [cr] }),
        config((c) => (c.testReports.names = ['Unit + Integration Tests'])),
      ),
    ).toEqual([]);
    expect(
      flakyRule.run(
        history([r], { checkRuns: [cr] }),
        config((c) => (c.testReports.names = ['acceptance tests'])),
      ),
    ).toHaveLength(2);
  });

  it('maps a check run to the run of its commit whose span contains it', () => {
    const push = run({ branch: 'feat/same', sha: 'a'.repeat(40), created: minutes(0) });
    const pr = run({ branch: 'feat/same-pr', sha: 'a'.repeat(40), created: minutes(30) });
    const cr = checkRun(pr, { after: minutes(5) });
    const [f] = flakyRule.run(history([push, pr], { checkRuns: [cr] }), config());
    expect(f!.occurrences[0]!.runId).toBe(pr.id);
    const early = flakyRule.run(history([push, pr], { checkRuns: [checkRun(push, { after: minutes(8) })] }), config());
    expect(early[0]!.occurrences[0]!.runId).toBe(push.id);
    const orphan = { ...cr, headSha: 'b'.repeat(40) };
    expect(flakyRule.run(history([push, pr], { checkRuns: [orphan] }), config())).toEqual([]);
  });
});

describe('flaky rule: job re-runs', () => {
  const retried = (
    branch: string,
    minute: number,
    first: 'failure' | 'cancelled' = 'failure',
    last: 'success' | 'failure' = 'success',
  ) =>
    run({
      branch,
      created: minutes(minute),
      attempt: 2,
      conclusion: last,
      jobs: [
        {
          name: 'integration',
          attempt: 1,
          conclusion: first,
          steps: [step('Set up job'), step('Start services', first === 'failure' ? 'failure' : 'cancelled', 2)],
          annotations: [
            annotation('failure', 'Process completed with exit code 1.'),
            annotation('failure', 'connect ECONNREFUSED 127.0.0.1:5432'),
          ],
        },
        { name: 'integration', attempt: 2, conclusion: last },
        { name: 'lint', attempt: 1 },
        { name: 'lint', attempt: 2 },
      ],
    });

  it('reports a job that failed and passed on a re-run of the same commit', () => {
    const r1 = retried('main', 0);
    const r2 = retried('feat/q', 40);
    const found = flakyRule.run(history([r1, r2, run({ created: minutes(80) })]), config());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      category: 'flaky-test',
      title: 'Job CI / integration passed only on re-run',
      subject: { workflow: 'CI', job: 'integration', step: 'Start services' },
      frequency: { runs: 2, of: 3, branches: 2 },
    });
    expect(found[0]!.detail).toContain('connect ECONNREFUSED 127.0.0.1:5432');
    expect(found[0]!.detail).not.toContain('exit code');
    expect(found[0]!.occurrences[0]!.url).toBe(r2.jobs[0]!.url);
    expect(found[0]!.occurrences[0]!.note).toBe('attempt 1 failed at "Start services", attempt 2 passed');
  });

  it('TRAP: no finding when disabled, when the re-run failed too, or when the first try was cancelled', () => {
    expect(
      flakyRule.run(
        history([retried('main', 0)]),
        config((c) => (c.flaky.jobRetries = false)),
      ),
    ).toEqual([]);
    expect(flakyRule.run(history([retried('main', 0, 'failure', 'failure')]), config())).toEqual([]);
    expect(flakyRule.run(history([retried('main', 0, 'cancelled')]), config())).toEqual([]);
  });

  it('asks for the log of a failed try no annotation explains, and quotes its error', () => {
    const r = run({
      attempt: 2,
      jobs: [
        {
          name: 'e2e',
          attempt: 1,
          conclusion: 'failure',
          annotations: [annotation('failure', 'Process completed with exit code 1.')],
        },
        { name: 'e2e', attempt: 2 },
      ],
    });
    const failedTry = r.jobs[0]!;
    const retryLogs = (c = config()) => flakyRule.wantsLogs!(history([r]), c).filter((x) => x.reason === 'flaky');
    expect(retryLogs()).toEqual([{ jobId: failedTry.id, reason: 'flaky', priority: 50 }]);
    expect(retryLogs(config((c) => (c.flaky.jobRetries = false)))).toEqual([]);
    const logs = {
      [failedTry.id]: digest(failedTry, [
        match('error', 'Process completed with exit code 1.'),
        match('error', 'browserType.launch: Timeout 30000ms exceeded.'),
      ]),
    };
    const [f] = flakyRule.run(history([r], { logs }), config());
    expect(f!.detail).toContain('Error: "browserType.launch: Timeout 30000ms exceeded."');
  });
});

describe('flaky rule: logs of passing test jobs (retries only the log shows)', () => {
  it('asks for the newest three per workflow and job, after the logs failures need', () => {
    const runs = [0, 1, 2, 3, 4].map((i) =>
      run({ created: minutes(i * 60), jobs: [{ name: 'unit' }, { name: 'lint', steps: [step('eslint')] }] }),
    );
    const asked = flakyRule.wantsLogs!(history(runs), config()).filter((x) => x.reason === 'flaky-retries');
    const newest = [...runs]
      .reverse()
      .slice(0, 3)
      .map((r) => r.jobs[0]!.id);
    expect(asked).toEqual(newest.map((jobId, n) => ({ jobId, reason: 'flaky-retries', priority: 5 - n })));
  });

  it('TRAP: a failed or non-test job is not asked for as a hidden retry', () => {
    const r = run({
      jobs: [
        { name: 'unit', conclusion: 'failure' },
        { name: 'lint', steps: [step('eslint')] },
      ],
    });
    expect(flakyRule.wantsLogs!(history([r]), config()).filter((x) => x.reason === 'flaky-retries')).toEqual([]);
  });
});
